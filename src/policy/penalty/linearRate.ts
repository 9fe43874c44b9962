/**
 * The piecewise-linear penalty rate of spec §10.5: the rate of a liquidatable group as a function
 * of its margin ratio `ρ = E / MM` before any fill, interpolated between the policy's points and
 * constant beyond the first and the last.
 *
 * @remarks Why no division of amounts: `ρ` is never formed. The segment is found by comparing `E`
 * with `m_i · MM` (as §5.1 compares steps), and the interpolated part is one integer quotient
 * `⌈(r_{i+1} − r_i)·(m_i·MM − E)·10^18 / ((m_i − m_{i+1})·MM)⌉`, rounded up to the 10^−18 grid of
 * a rate (the protocol's favour, like every rounding of §1.3). Because the rates themselves have at
 * most 18 decimals, the rounded rate never leaves `[r_i, r_{i+1}]`.
 * @see docs/spec.md#105-penalty
 */
import { ceilDiv, Fixed, pow10 } from '../../model/fixed.ts';

/** One point of the function: at margin ratio `marginRatio`, the rate `rate`. */
export interface LinearPoint {
  readonly marginRatio: Fixed;
  readonly rate: Fixed;
}

const RATE_SCALE = 18;
const RATE_GRID = new Fixed(pow10(RATE_SCALE), 0);

/**
 * `f(E / MM)` for `MM > 0` and points with margin ratios strictly decreasing and rates
 * non-decreasing (checked by parsePenalty.ts; at least two points).
 */
export function linearRate(points: readonly LinearPoint[], equity: Fixed, maintenance: Fixed): Fixed {
  const first = points[0]!;
  // ρ ≥ m_0: the least distressed rate.
  if (equity.gte(first.marginRatio.mul(maintenance))) return first.rate;
  for (let i = 0; i + 1 < points.length; i++) {
    const hi = points[i]!;
    const lo = points[i + 1]!;
    // m_{i+1}·MM ≤ E < m_i·MM: on segment i (a point itself belongs to the segment above it, where
    // the interpolation gives exactly that point's rate, so the function is continuous there).
    if (equity.gte(lo.marginRatio.mul(maintenance))) {
      const rise = lo.rate.sub(hi.rate);
      if (rise.isZero()) return hi.rate;
      const num = rise.mul(hi.marginRatio.mul(maintenance).sub(equity)).mul(RATE_GRID);
      const den = hi.marginRatio.sub(lo.marginRatio).mul(maintenance);
      return hi.rate.add(new Fixed(ceilDiv(num, den).m, RATE_SCALE));
    }
  }
  // ρ < m_last: the most distressed rate, never extrapolated.
  return points[points.length - 1]!.rate;
}
