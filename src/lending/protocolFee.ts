/**
 * The protocol's share of the bonus (spec §11.6).
 * @see docs/spec.md#116-bonus-and-protocol-fee
 */
import { FONE, ceilDiv, floorDiv, type Fixed } from '../model/fixed.ts';
import type { SeizeRounding } from '../wire/lending.ts';
import type { FLendingAsset } from './types.ts';

/**
 * `φ = ⌈s · (1 − 1/LB) · f⌉_u`, computed as `⌈s · (LB − 1) · f / (LB · u)⌉ · u` (one exact
 * quotient); up, as Aave v3.7's `percentMulCeil`: the liquidator absorbs the rounding. Under
 * `aave` rounding the bonus is Aave's own `s − ⌊s / LB⌋_u` (`percentDivFloor`) before the share.
 */
export function protocolFee(asset: FLendingAsset, seized: Fixed, rounding: SeizeRounding = 'exact'): Fixed {
  const { liquidationBonus: lb, protocolFee: f, unit } = asset;
  if (rounding === 'aave') {
    const bonus = seized.sub(floorDiv(seized, lb.mul(unit)).mul(unit));
    return ceilDiv(bonus.mul(f), unit).mul(unit);
  }
  return ceilDiv(seized.mul(lb.sub(FONE)).mul(f), lb.mul(unit)).mul(unit);
}
