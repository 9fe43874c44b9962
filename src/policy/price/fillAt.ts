/**
 * One fill at a given price (spec §7.2, §7.3): the fill of §7.2 with `x` given instead of the
 * price of §7.1, so that a book level's price or the bankruptcy price can be filled (spec §10.4).
 * It is fixedCore's `closeFill` itself with the price passed in (one rule, one implementation).
 * @see docs/spec.md#72-a-fill
 * @see docs/spec.md#104-execution-price
 */
import type { Fixed } from '../../model/fixed.ts';
import { closeFill, type FFill, type FGroup, type FValuation, type PenaltyRoom } from '../../model/fixedCore.ts';

export interface FilledAt {
  readonly fill: FFill;
  readonly group: FGroup;
}

/**
 * Fills `size` (> 0, at most |q|) of the position in `market` at `price`, penalty rate `rate`,
 * the penalty capped by `room` (the policy's cap, spec §10.5; §7.3's when absent).
 */
export function fillAt(v: FValuation, g: FGroup, market: string, size: Fixed, price: Fixed, rate: Fixed, room?: PenaltyRoom): FilledAt {
  return closeFill(v, g, market, size, rate, price, room);
}
