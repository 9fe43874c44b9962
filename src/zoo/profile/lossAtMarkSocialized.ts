/**
 * Profile zoo engine "loss at mark socialized": a group that was underwater at mark before the
 * call has its deficit at mark, `⌈−E⌉_u`, reported as bad debt and socialized in full — even when
 * the close at the bankruptcy price left nothing to cover, and without drawing on the fund.
 *
 * Bug class: the loss of a bankrupt account measured at the wrong price and sent straight to
 * auto-deleveraging. Bybit's ADL takes over only what the insurance fund cannot cover, "at the
 * bankruptcy price of the liquidated order"
 * (https://help.bybit.com/hc/en-us/articles/900000031623-What-is-Auto-Deleveraging-ADL-); a port
 * that deleverages the mark-price deficit skips the fund and counts a loss the bankruptcy-price
 * close already absorbed.
 *
 * Violates LIQ-005 (bad debt not the deficit the fills imply) and LIQ-011 (a loss socialized while
 * the fund paid nothing).
 */
import { ceilTo, Dec, toCanonical as s, ZERO } from '../../model/decimal.ts';
import type { Engine } from '../../model/types.ts';
import { withResult } from '../support.ts';

export const lossAtMarkSocialized: Engine = withResult((r, sc) => {
  let deficit = ZERO;
  for (const g of r.groups) {
    const e = new Dec(g.before.equity);
    if (e.lt(0)) deficit = deficit.add(ceilTo(e.neg(), sc.params.unit));
  }
  if (deficit.isZero()) return r;
  return { ...r, badDebt: s(new Dec(r.badDebt).add(deficit)), socializedLoss: s(new Dec(r.socializedLoss).add(deficit)) };
});
