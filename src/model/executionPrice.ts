import { ceilTo, floorTo, ONE, type Dec } from './decimal.ts';

/**
 * Price at which a liquidation fill executes: mark, conceded by the price impact `σ` and rounded
 * to the tick against the trader.
 *
 * @param long - whether the position being closed is long (the fill sells)
 * @see docs/spec.md#71-execution-price
 */
export function executionPrice(mark: Dec, long: boolean, impact: Dec, tick: Dec): Dec {
  if (impact.isZero()) return mark;
  return long ? floorTo(mark.mul(ONE.sub(impact)), tick) : ceilTo(mark.mul(ONE.add(impact)), tick);
}
