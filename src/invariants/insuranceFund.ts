import { floorTo, FZERO } from '../model/fixed.ts';
import { exactOf, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-011 — the insurance fund pays what it can, never more, before anything is socialized.
 *
 * @see docs/spec.md#74-bankruptcy
 */
export const insuranceFund: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-011',
  title: 'insurance fund never negative, drawn before socializing',
  statement: 'The insurance fund after is ≥ 0; the payout is ≥ 0 and ≤ bad debt; loss is socialized only when the fund paid out at least its whole balance before liquidation (in whole quote units).',
  domain: 'All scenarios. Real engines add caps (Drift per-market max insurance, dYdX per-block loss cap) that socialize earlier — I15.',
  spec: '#74-bankruptcy',
  presumes: ['insurance-then-socialized'],
  check: (c) => {
    const x = exactOf(c);
    const o = x.output;
    const out: string[] = [];
    if (o.insuranceFund.lt(FZERO)) out.push(`insurance fund ends negative: ${s(o.insuranceFund)}`);
    if (o.insurancePayout.lt(FZERO)) out.push(`negative insurance payout ${s(o.insurancePayout)}`);
    if (o.insurancePayout.gt(o.badDebt)) out.push(`insurance payout ${s(o.insurancePayout)} exceeds bad debt ${s(o.badDebt)}`);
    if (o.socializedLoss.lt(FZERO)) out.push(`negative socialized loss ${s(o.socializedLoss)}`);
    const whole = floorTo(x.insuranceFund, x.v.params.unit);
    if (o.socializedLoss.gt(FZERO) && o.insurancePayout.lt(whole)) {
      out.push(`${s(o.socializedLoss)} socialized while the fund paid only ${s(o.insurancePayout)} of its ${s(x.insuranceFund)}`);
    }
    return out;
  },
};
