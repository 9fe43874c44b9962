/**
 * The reference lending liquidation (src/lending/liquidateLending.ts) taken apart into its steps,
 * so that a zoo engine is the reference with exactly one step replaced. `lendingEngineWith({})`
 * is the reference itself: properties/lendingZoo.test.ts checks that it answers every generated
 * scenario exactly as `liquidateLending` does, so a zoo engine's violations come from its one
 * change and never from drift in this copy of the orchestration.
 * @see docs/spec.md#11-lending-health-factor
 */
import { FZERO, toCanonical, type Fixed } from '../../model/fixed.ts';
import type { LendingResult, LendingScenario } from '../../wire/lending.ts';
import { absorb } from '../absorb.ts';
import { amountsOf } from '../amounts.ts';
import { accountValue, type AccountValue } from '../baseValue.ts';
import { debtCovered, maxRepayable } from '../closeFactor.ts';
import { writeOff, type WriteOff } from '../deficit.ts';
import { leavesDust } from '../dust.ts';
import { healthFactor, isLiquidatable } from '../healthFactor.ts';
import type { LendingEngine } from '../invariants/invariant.ts';
import { parseLendingScenario } from '../parseLendingScenario.ts';
import { protocolFee } from '../protocolFee.ts';
import { seize, type Seizure } from '../seize.ts';
import type { Balances, FLendingAccount, FLendingScenario, FMarket, FRequest } from '../types.ts';

/** The replaceable steps, each with the reference's signature (plus the request where a bug needs it). */
export interface LendingSteps {
  readonly accountValue: typeof accountValue;
  readonly isLiquidatable: typeof isLiquidatable;
  readonly maxRepayable: typeof maxRepayable;
  readonly seize: typeof seize;
  readonly protocolFee: typeof protocolFee;
  readonly leavesDust: typeof leavesDust;
  /** the debt taken off the borrow: the reference burns what the seizure says was repaid */
  readonly debtBurned: (covered: Fixed, seizure: Seizure) => Fixed;
  readonly writeOff: (market: FMarket, account: FLendingAccount, request: FRequest) => WriteOff;
  readonly absorb: typeof absorb;
  /** a last rewrite of the result (identity in the reference) */
  readonly finish: (result: LendingResult, sc: FLendingScenario) => LendingResult;
}

const REFERENCE_STEPS: LendingSteps = {
  accountValue,
  isLiquidatable,
  maxRepayable,
  seize,
  protocolFee,
  leavesDust,
  debtBurned: (_covered, seizure) => seizure.repaid,
  writeOff: (market, account) => writeOff(market, account),
  absorb,
  finish: (result) => result,
};

/** The reference with the given steps replaced. */
export function lendingEngineWith(overrides: Partial<LendingSteps>): LendingEngine {
  const steps: LendingSteps = { ...REFERENCE_STEPS, ...overrides };
  return (scenario: LendingScenario) => {
    const parsed = parseLendingScenario(scenario);
    if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', issues: parsed.issues } };
    return { ok: true, result: steps.finish(liquidateWith(steps, parsed.value), parsed.value) };
  };
}

function liquidateWith(steps: LendingSteps, sc: FLendingScenario): LendingResult {
  const { market, rules, account } = sc;
  const value = (a: FLendingAccount): AccountValue => steps.accountValue(market, a);
  const before = value(account);
  const healthBefore = healthFactor(before);
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

function unchanged(sc: FLendingScenario, status: 'healthy' | 'reverted', health: string | null, reason?: 'must-not-leave-dust'): LendingResult {
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

/** The market with one asset's parameters changed (a bug that reads the wrong configuration). */
export function withAsset(market: FMarket, asset: string, change: Partial<ReturnType<FMarket['assets']['get']> & object>): FMarket {
  const assets = new Map(market.assets);
  assets.set(asset, { ...market.assets.get(asset)!, ...change });
  return { ...market, assets };
}
