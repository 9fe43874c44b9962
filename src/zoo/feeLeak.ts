/**
 * Zoo engine "fee leak": the insurance fund's share of a penalty is floored too,
 * `⌊pen·(1 − s)⌋_u`, instead of being the remainder `pen − liquidatorFee`, so the rounding
 * residue of the split belongs to nobody.
 *
 * Bug class: splitting an amount by rounding each part independently (each "rounded down, in
 * favour of the protocol"), the classic 1-wei leak of fee splitters: the parts no longer sum to
 * the whole and value silently disappears.
 *
 * Violates LIQ-007 (value conservation).
 */
import { floorTo, ONE } from '../model/decimal.ts';
import { closeFill } from '../model/closeFill.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

export const feeLeak: Engine = withRules({
  closeFill: (v, g, market, size, rate) => {
    const out = closeFill(v, g, market, size, rate);
    const insuranceFee = floorTo(out.fill.penalty.mul(ONE.sub(v.params.liquidatorShare)), v.params.unit);
    return { ...out, fill: { ...out.fill, insuranceFee } };
  },
});
