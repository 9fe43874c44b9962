import { FZERO, floorDiv, fmin, toCanonical as s, type Fixed } from '../../model/fixed.ts';
import { collateralValue, debtValue } from '../baseValue.ts';
import { closeFactorLimit } from './closeFactorBound.ts';
import type { LendingOutputInvariant } from './invariant.ts';
import { amount, type LendingView } from './lendingView.ts';
import { movements, unchangedAccount } from './unchanged.ts';

/**
 * LND-008 — no call leaves dust (Aave v3.3's `MustNotLeaveDust`).
 *
 * @remarks Domain: close-factor rules (under absorb, only that no call reverts). With `λ = minLeftoverBase > 0`, a liquidation either
 * repays all of the debt reserve (`r = q_d`), or takes all of the collateral reserve
 * (`s = a_c`), or leaves each worth at least `λ`: `⌈(q_d − r)·p_d⌉_b ≥ λ` and
 * `⌊(a_c − s)·p_c⌋_b ≥ λ` (valued as spec §11.2). A reverted call happens only under a dust rule,
 * names the reason and moves nothing.
 * @see docs/spec.md#117-dust-rule
 */
export const dustRule: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-008',
  title: 'no reserve left below the dust threshold',
  statement: 'Where minLeftoverBase λ > 0, a liquidation repays the whole debt reserve, or seizes the whole collateral reserve, or leaves each of the two worth at least λ; a call that would do otherwise reverts with must-not-leave-dust and moves nothing, a call that certainly leaves none (judged on the exact seizure bound) does not revert, and no call reverts without a dust rule.',
  domain: 'Close-factor rules; under absorb, only that no call reverts. Counter-cases in real engines: Aave v3.3 self-liquidation with receiveAToken can leave a position below MIN_LEFTOVER_BASE (aave-dao/aave-v3-origin docs/3.3/Aave-v3.3-properties.md); Aave v4 extends the call instead of reverting.',
  spec: '#117-dust-rule',
  presumes: ['close-factor', 'absorb'],
  check: (c) => {
    const v = c.view;
    const rules = v.input.rules;
    if (rules.kind !== 'close-factor') return v.status === 'reverted' ? ['absorb has no dust rule, but the call reverted'] : [];
    const lambda = rules.minLeftoverBase;
    if (v.status === 'reverted') {
      const out: string[] = [];
      if (lambda.sign() <= 0) out.push('the call reverted, but there is no dust rule (minLeftoverBase = 0)');
      if (c.result.reason !== 'must-not-leave-dust') out.push(`a reverted call names reason ${JSON.stringify(c.result.reason)}, expected "must-not-leave-dust"`);
      for (const m of [...movements(v), ...unchangedAccount(v)]) out.push(`the call reverted but ${m}`);
      if (lambda.sign() > 0) {
        const clean = leavesNoDust(v);
        if (clean !== null) out.push(`the call reverted with must-not-leave-dust, but it leaves no dust: ${clean}`);
      }
      return out;
    }
    if (v.status !== 'liquidated' || lambda.sign() <= 0) return [];
    const { debtAsset: d, collateralAsset: col } = v.input.request!;
    const q = amount(v.input.account.borrows, d);
    const a = amount(v.input.account.supplies, col);
    const r = amount(v.repaid, d);
    const sz = amount(v.seized, col);
    if (!r.lt(q) || !sz.lt(a)) return [];
    const market = v.input.market;
    const debtLeft = debtValue(market, d, q.sub(r));
    const collLeft = collateralValue(market, col, a.sub(sz));
    const out: string[] = [];
    if (debtLeft.lt(lambda)) out.push(`the call leaves ${s(q.sub(r))} ${d} of debt worth ${s(debtLeft)} < minLeftoverBase ${s(lambda)} (and ${s(a.sub(sz))} ${col} of collateral)`);
    if (collLeft.lt(lambda)) out.push(`the call leaves ${s(a.sub(sz))} ${col} of collateral worth ${s(collLeft)} < minLeftoverBase ${s(lambda)} (and ${s(q.sub(r))} ${d} of debt)`);
    return out;
  },
};

/**
 * Why the requested call certainly leaves no dust (so a revert is wrong), or null when it may.
 * Read from the spec, not the reference: `r = min(debtToCover, M)` (§11.4, `M` from LND-003's
 * {@link closeFactorLimit}); every rounding order seizes at most the exact `s* = r·p_d·LB_c/p_c`
 * (§11.5), so when `s* < a_c` the cap does not apply, `r` stands and the collateral left is at
 * least `a_c − s*`. A full repayment (`r = q_d`) is never dust. Between these, nothing is claimed.
 */
function leavesNoDust(v: LendingView): string | null {
  const rules = v.input.rules;
  if (rules.kind !== 'close-factor') return null;
  const { market, account, request } = v.input;
  const { debtAsset: d, collateralAsset: col, debtToCover } = request!;
  const q = amount(account.borrows, d);
  const a = amount(account.supplies, col);
  const { limit } = closeFactorLimit(v.input, rules, v.valueBefore.weighted, v.valueBefore.debt);
  const r = debtToCover === 'max' ? limit : fmin(debtToCover, limit);
  const pc = market.prices.get(col) ?? FZERO;
  const pd = market.prices.get(d) ?? FZERO;
  const lb = market.assets.get(col)!.liquidationBonus;
  const worth: Fixed = r.mul(pd).mul(lb);
  // s* < a_c, compared without division: r · p_d · LB_c < a_c · p_c.
  if (!worth.lt(a.mul(pc))) return null;
  if (r.eq(q)) return `it repays the whole debt r = q_${d} = ${s(q)} and seizes at most ${s(worth)} in base of ${s(a.mul(pc))}`;
  const debtLeft = debtValue(market, d, q.sub(r));
  // ⌊(a_c − s)·p_c⌋_b ≥ ⌊a_c·p_c − s*·p_c⌋_b for every s ≤ s*.
  const collLeft = floorBase(a.mul(pc).sub(worth), market.base);
  if (debtLeft.lt(rules.minLeftoverBase) || collLeft.lt(rules.minLeftoverBase)) return null;
  return `r = ${s(r)} ${d} leaves debt worth ${s(debtLeft)} and collateral worth at least ${s(collLeft)}, both ≥ minLeftoverBase ${s(rules.minLeftoverBase)}`;
}

function floorBase(x: Fixed, b: Fixed): Fixed {
  return floorDiv(x, b).mul(b);
}
