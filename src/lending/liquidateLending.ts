/**
 * The reference lending liquidation (spec §11): validate, then apply §11.3–§11.9 in order.
 * @see docs/spec.md#11-lending-health-factor
 */
import { FZERO, toCanonical, type Fixed } from '../model/fixed.ts';
import type { LendingResult, LendingRevertReason } from '../wire/lending.ts';
import { amountsOf } from './amounts.ts';
import type { AccountValue } from './baseValue.ts';
import { debtCovered } from './closeFactor.ts';
import { healthFactor } from './healthFactor.ts';
import { REFERENCE_LENDING_STEPS, type LendingSteps } from './lendingSteps.ts';
import { parseLendingScenario } from './parseLendingScenario.ts';
import type { Balances, FLendingAccount, FLendingScenario, LendingOutcome } from './types.ts';

/**
 * Validates `scenario` (spec §11.1) and liquidates it; a user's mistake is an error value, never a
 * throw. `steps` other than the reference's are the lending zoo's (src/lending/zoo/support.ts).
 */
export function liquidateLending(scenario: unknown, steps: LendingSteps = REFERENCE_LENDING_STEPS): LendingOutcome {
  const parsed = parseLendingScenario(scenario);
  if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', issues: parsed.issues } };
  return { ok: true, result: liquidateParsedLending(parsed.value, steps) };
}

/** The rules of spec §11.3–§11.9 on a scenario that passed §11.1, optionally with steps swapped. */
export function liquidateParsedLending(sc: FLendingScenario, steps: LendingSteps = REFERENCE_LENDING_STEPS): LendingResult {
  const { market, rules, account } = sc;
  const value = (a: FLendingAccount): AccountValue => steps.accountValue(market, a);
  const before = value(account);
  const healthBefore = healthFactor(before);
  // Verify the account is liquidatable (§11.3): a healthy account is reported, not reverted.
  if (!steps.isLiquidatable(before)) return unchanged(sc, 'healthy', healthBefore);

  if (rules.kind === 'absorb') {
    const a = steps.absorb(market, account, sc.reserves);
    return {
      status: 'liquidated',
      repaid: amountsOf(a.repaid),
      seized: amountsOf(a.seized),
      protocolFee: {},
      liquidatorReceives: {},
      deficit: amountsOf(a.deficit),
      account: accountOf(a.account),
      healthBefore,
      healthAfter: healthFactor(value(a.account)),
      ...(a.reserves === undefined ? {} : { reserves: toCanonical(a.reserves) }),
    };
  }

  const request = sc.request!;
  const d = request.debtAsset;
  const c = request.collateralAsset;
  const debtBalance = account.borrows.get(d) ?? FZERO;
  const collateralBalance = account.supplies.get(c) ?? FZERO;
  const covered = debtCovered(request, steps.maxRepayable(market, rules, account, before, request));
  const seizure = steps.seize(market, d, c, covered, collateralBalance, rules.rounding);
  const { seized, repaid } = seizure;
  const fee = steps.protocolFee(market.assets.get(c)!, seized, rules.rounding);
  // Verify the call leaves no dust (§11.7) before anything moves.
  if (steps.leavesDust(market, rules, request, { debtBalance, collateralBalance }, { repaid, seized })) {
    return unchanged(sc, 'reverted', healthBefore, 'must-not-leave-dust');
  }

  const moved: FLendingAccount = {
    supplies: withAmount(account.supplies, c, collateralBalance.sub(seized)),
    borrows: withAmount(account.borrows, d, debtBalance.sub(steps.debtBurned(covered, seizure))),
  };
  const { account: after, deficit } = rules.deficit ? steps.writeOff(market, moved, request) : { account: moved, deficit: new Map<string, Fixed>() };
  return {
    status: 'liquidated',
    repaid: amountsOf(new Map([[d, repaid]])),
    seized: amountsOf(new Map([[c, seized]])),
    protocolFee: amountsOf(new Map([[c, fee]])),
    liquidatorReceives: amountsOf(new Map([[c, seized.sub(fee)]])),
    deficit: amountsOf(deficit),
    account: accountOf(after),
    healthBefore,
    healthAfter: healthFactor(value(after)),
  };
}

function unchanged(sc: FLendingScenario, status: 'healthy' | 'reverted', health: string | null, reason?: LendingRevertReason): LendingResult {
  return {
    status,
    ...(reason === undefined ? {} : { reason }),
    repaid: {},
    seized: {},
    protocolFee: {},
    liquidatorReceives: {},
    deficit: {},
    account: accountOf(sc.account),
    healthBefore: health,
    healthAfter: health,
    ...(sc.reserves === undefined ? {} : { reserves: toCanonical(sc.reserves) }),
  };
}

function accountOf(account: FLendingAccount): LendingResult['account'] {
  return { supplies: amountsOf(account.supplies), borrows: amountsOf(account.borrows) };
}

function withAmount(balances: Balances, asset: string, amount: Fixed): Balances {
  const next = new Map(balances);
  next.set(asset, amount);
  return next;
}
