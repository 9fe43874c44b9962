/**
 * The price of an auction at a step (spec S6), or the signal that it must be reset first.
 *
 * @remarks A long lot's price `⌈top·c⌉_τ` falls with the curve; a short lot's `⌊bot/c⌋_τ` is its
 * mirror and rises. Resetting below the cusp is what bounds both: `c ≥ cusp` gives
 * `p ≥ ⌈top·cusp⌉_τ` (long) and `p ≤ ⌊bot/cusp⌋_τ` (short), the floors reported with each take.
 */
import { ceilTo, type Dec, floorDiv } from '../../model/decimal.ts';
import { curveValue } from './curveValue.ts';
import type { Auction, AuctionConfig, AuctionQuote } from './types.ts';

/**
 * S6 price at `step ≥ a.kickedAt`, or "reset" when `d > tail`, `c(d) < cusp` or `c(d) ≤ 0`. Requires
 * `0 < cusp ≤ 1` (the configuration's validation), so a fresh reset always prices.
 */
export function auctionPrice(a: Auction, step: number, cfg: AuctionConfig, tick: Dec): AuctionQuote | 'reset' {
  const age = step - a.kickedAt;
  if (age > cfg.tail) return 'reset';
  const curve = curveValue(cfg.curve, age);
  if (curve.lt(cfg.cusp) || !curve.gt(0)) return 'reset';
  if (a.side === 'long') return { price: ceilTo(a.start.mul(curve), tick), curve, floor: ceilTo(a.start.mul(cfg.cusp), tick), age };
  // ⌊bot/c⌋_τ = ⌊bot/(c·τ)⌋·τ, exact (an integer quotient, no rounded division).
  return { price: floorDiv(a.start, curve.mul(tick)).mul(tick), curve, floor: floorDiv(a.start, cfg.cusp.mul(tick)).mul(tick), age };
}
