/**
 * Zoo engine "rounded to nearest": the close size is the closed-form root `Δ*` rounded to the
 * NEAREST lot (half up), with no exact verification afterwards.
 *
 * Bug class: trusting a closed-form estimate (Drift's `shortage / (P·(m + buffer − f))`) and
 * quantizing it with the default rounding mode instead of toward safety. Half of the time the
 * size is rounded down and the account stays below the target.
 *
 * Violates LIQ-003 (post-liquidation safety).
 */
import { Dec, dmax } from '../model/decimal.ts';
import { markOf, tiersOf } from '../model/groupHealth.ts';
import { closedFormRoot } from '../model/minimalClose.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

export const roundedToNearest: Engine = withRules({
  minimalClose: (v, g, market, rate) => {
    const root = closedFormRoot(v, g, market, rate);
    if (root === null) return { kind: 'none' };
    const { lot } = tiersOf(v, market);
    const size = dmax(lot, root.div(lot).toDecimalPlaces(0, Dec.ROUND_HALF_UP).mul(lot));
    const absQ = g.positions.find((p) => p.market === market)!.size.abs();
    if (size.gte(absQ)) return { kind: 'none' };
    if (absQ.sub(size).mul(markOf(v, market)).lt(v.params.dustNotional)) return { kind: 'none' };
    return { kind: 'partial', size };
  },
});
