/**
 * The bankruptcy price of a fill (spec §10.4): the tick price least favourable to the trader at
 * which the fill's realized PnL reaches a bound `K` on the quote grid — `E⁻ ≥ 0` for a book
 * remainder, the fill's value above bankruptcy `V ≥ 0` for the `bankruptcy` price part.
 * @see docs/spec.md#104-execution-price
 */
import type { FContract } from '../../model/contract.ts';
import { ceilDiv, ceilTo, floorDiv, fmax, type Fixed } from '../../model/fixed.ts';

/**
 * The tick price at which closing `r > 0` of a long (`long`) or short position with entry `entry`
 * realizes `q_c·(x − e) ≥ k` (`k` on the quote grid), least favourable to the trader.
 *
 * @remarks Rounding: a long sells at `⌈(r·e + k)/(r·tick)⌉·tick` (up) and a short buys at
 * `⌊(r·e − k)/(r·tick)⌋·tick` (down) — the direction in which the insurance fund never pays for
 * rounding; both clamped to the smallest positive price `tick`. Exact integer quotients.
 */
export function priceReaching(long: boolean, r: Fixed, entry: Fixed, k: Fixed, tick: Fixed): Fixed {
  const step = r.mul(tick);
  const ticks = long ? ceilDiv(r.mul(entry).add(k), step) : floorDiv(r.mul(entry).sub(k), step);
  return fmax(tick, ticks.mul(tick));
}

/**
 * {@link priceReaching} for a market of either contract kind; `null` when no tick price is the
 * least favourable one reaching `k` — the fill is then at the mark (spec §12.4).
 *
 * @remarks Inverse (§12.4), with `⌊y⌋_u ≥ K ⇔ y ≥ K` as `K` is on the grid: a long sells at
 * `x` with `x·D ≥ r·v·e`, `D = r·v − K·e`: if `D > 0`, `x_b = ⌈r·v·e/(D·tick)⌉·tick` (up, at
 * least `tick`), else no price reaches `K` (`null`); a short buys at `x` with `x·D′ ≤ r·v·e`,
 * `D′ = r·v + K·e`: if `D′ > 0`, `x_b = max(tick, ⌊r·v·e/(D′·tick)⌋·tick)` (down), else every
 * price reaches `K` and none is least favourable (`null`). One exact integer quotient each.
 * @see docs/spec.md#124-bankruptcy-price
 */
export function priceReachingOf(c: FContract, long: boolean, r: Fixed, entry: Fixed, k: Fixed, tick: Fixed): Fixed | null {
  if (c.kind === 'linear') return priceReaching(long, r, entry, k, tick);
  const rv = r.mul(c.value);
  const d = long ? rv.sub(k.mul(entry)) : rv.add(k.mul(entry));
  if (d.sign() <= 0) return null;
  const num = rv.mul(entry);
  const step = d.mul(tick);
  const ticks = long ? ceilDiv(num, step) : floorDiv(num, step);
  return fmax(tick, ticks.mul(tick));
}

/**
 * `x_b` for closing `r > 0` of a long (`long`) or short position with entry `entry`, where `rest`
 * is `B` of §10.4: the group's equity before the fill less the unrealized PnL of the part closed.
 *
 * @remarks `K = ⌈−B⌉_u`, then {@link priceReaching}: the fill leaves `E⁻ ≥ 0`.
 */
export function bankruptcyPrice(long: boolean, r: Fixed, entry: Fixed, rest: Fixed, unit: Fixed, tick: Fixed): Fixed {
  return priceReaching(long, r, entry, ceilTo(rest.neg(), unit), tick);
}
