/**
 * Zoo engine "short bias": for a short, the penalty is computed on the notional at ENTRY price
 * (`⌈f·Δ·e⌉_u`) instead of at mark; longs are charged correctly.
 *
 * Bug class: a side-specific code path with a copy-paste error — the short branch reads
 * `position.entryPrice` where the long branch reads the oracle price, so longs and shorts in
 * mirror-image situations are treated differently.
 *
 * Violates LIQ-013 (long/short mirror) and LIQ-006 (penalty follows the schedule).
 */
import { ceilTo, dmax, dmin, floorTo, ZERO } from '../model/decimal.ts';
import { closeFill } from '../model/closeFill.ts';
import type { Engine } from '../model/types.ts';
import { recharge, withRules } from './support.ts';

export const shortBias: Engine = withRules({
  closeFill: (v, g, market, size, rate) => {
    const pos = g.positions.find((p) => p.market === market)!;
    const out = closeFill(v, g, market, size, rate);
    if (pos.size.gt(0)) return out;
    const { unit, liquidatorShare } = v.params;
    // The cap of §7.3 is kept: equity before the penalty is the uncapped equity plus its penalty.
    const beforePenalty = out.uncappedEquity.add(ceilTo(rate.mul(out.fill.notional), unit));
    const penalty = dmin(ceilTo(rate.mul(size).mul(pos.entry), unit), dmax(ZERO, floorTo(beforePenalty, unit)));
    return recharge(out, penalty, unit, liquidatorShare);
  },
});
