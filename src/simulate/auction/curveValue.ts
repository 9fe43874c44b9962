/**
 * The auction curve `c(d)` of spec S6, a fraction truncated to Φ = 12 digits.
 *
 * @remarks Why bigints: the stairstep's exact power `cut^k` has 12·k fraction digits (360 at the
 * default tail of 30 steps), beyond the 200 significant digits of `Dec`, so it is raised on the
 * mantissa and only then truncated, as the spec says (truncating each factor would drift).
 */
import type { Dec } from '../../model/decimal.ts';
import { Fixed, fromDec, pow10, toDec } from '../../model/fixed.ts';
import { PHI } from '../fraction.ts';
import type { AuctionCurve } from './types.ts';

/**
 * `c(d)` for an age `d ≥ 0`: linear `⌊1 − d/τ_a⌋_Φ` (negative past `τ_a`), stairstep
 * `⌊cut^⌊d/step⌋⌋_Φ`. Requires `duration ≥ 1` and `step ≥ 1` (the configuration's validation).
 */
export function curveValue(curve: AuctionCurve, d: number): Dec {
  if (curve.kind === 'linear') {
    // bigint `/` truncates toward zero, which is ⌊·⌋_Φ's rounding.
    return toDec(new Fixed((BigInt(curve.duration - d) * pow10(PHI)) / BigInt(curve.duration), PHI));
  }
  const k = Math.floor(d / curve.step);
  const cut = fromDec(curve.cut);
  const power = cut.m ** BigInt(k);
  const scale = cut.s * k;
  const truncated = scale >= PHI ? power / pow10(scale - PHI) : power * pow10(PHI - scale);
  return toDec(new Fixed(truncated, PHI));
}
