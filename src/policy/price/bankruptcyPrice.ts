/**
 * The bankruptcy price of a remainder fill (spec §10.4): the tick price least favourable to the
 * trader at which the fill leaves the group's equity before its penalty `E⁻ ≥ 0`.
 * @see docs/spec.md#104-execution-price
 */
import { ceilDiv, ceilTo, floorDiv, fmax, type Fixed } from '../../model/fixed.ts';

/**
 * `x_b` for closing `r > 0` of a long (`long`) or short position with entry `entry`, where `rest`
 * is `B` of §10.4: the group's equity before the fill less the unrealized PnL of the part closed.
 *
 * @remarks Rounding: `K = ⌈−B⌉_u`, then a long sells at `⌈(r·e + K)/(r·tick)⌉·tick` (up) and a short
 * buys at `⌊(r·e − K)/(r·tick)⌋·tick` (down) — the direction that never creates bad debt; both
 * clamped to the smallest positive price `tick`.
 */
export function bankruptcyPrice(long: boolean, r: Fixed, entry: Fixed, rest: Fixed, unit: Fixed, tick: Fixed): Fixed {
  const k = ceilTo(rest.neg(), unit);
  const step = r.mul(tick);
  const ticks = long ? ceilDiv(r.mul(entry).add(k), step) : floorDiv(r.mul(entry).sub(k), step);
  return fmax(tick, ticks.mul(tick));
}
