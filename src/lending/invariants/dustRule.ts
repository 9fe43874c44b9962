import { toCanonical as s } from '../../model/fixed.ts';
import { collateralValue, debtValue } from '../baseValue.ts';
import type { LendingOutputInvariant } from './invariant.ts';
import { amount } from './lendingView.ts';
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
  statement: 'Where minLeftoverBase λ > 0, a liquidation repays the whole debt reserve, or seizes the whole collateral reserve, or leaves each of the two worth at least λ; a call that would do otherwise reverts with must-not-leave-dust and moves nothing, and no call reverts without a dust rule.',
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
