/**
 * The fixed-portion close size (spec §10.3): one fill per call, on the first position of the
 * close order, of `max(⌈portion·|q|⌉_ℓ, the smallest lot multiple worth minimumNotional)`, or the
 * whole position when the rest would be smaller than the minimum (dYdX v4, Hyperliquid 20 %).
 * @see docs/spec.md#103-close-size
 */
import { LINEAR, smallestAtLeast, valueOf, type FContract } from '../../model/contract.ts';
import { ceilTo, FONE, fmax, fmin, type Fixed } from '../../model/fixed.ts';
import { markOf, marketOf } from '../../model/fixedCore.ts';
import type { CloseRule } from '../closeContext.ts';

/**
 * `Δ` of §10.3 for a position of `size` (|q|, a lot multiple) at mark `mark`.
 * @remarks Both terms round up: the call closes at least the portion and at least the minimum.
 * On an inverse market the values are §12.2's and the minimum's size §12.5's (`unit`, the coin's,
 * is read only then).
 * @see docs/spec.md#125-sizes-on-the-lot-grid
 */
export function portionSize(size: Fixed, mark: Fixed, lot: Fixed, portion: Fixed, minimumNotional: Fixed, dustNotional: Fixed, contract: FContract = LINEAR, unit: Fixed = FONE): Fixed {
  const byPortion = ceilTo(portion.mul(size), lot);
  const byMinimum = smallestAtLeast(contract, minimumNotional, lot, mark, unit);
  const delta = fmin(size, fmax(byPortion, byMinimum));
  // Never leave a position smaller than the minimum (or dust): close it all instead.
  return valueOf(contract, size.sub(delta), mark, unit).lt(fmax(minimumNotional, dustNotional)) ? size : delta;
}

export const fixedPortion: CloseRule = (cx, group) => {
  const c = cx.policy.closeSize;
  if (c.kind !== 'fixed-portion') throw new Error(`fixedPortion called for a ${c.kind} close size`);
  const market = cx.order[0]!;
  const pos = group.positions.find((p) => p.market === market)!;
  const { lot, contract } = marketOf(cx.v, market);
  const size = portionSize(pos.size.abs(), markOf(cx.v, market), lot, c.portion, c.minimumNotional, cx.v.params.dustNotional, contract, cx.v.params.unit);
  return { ok: true, ...cx.execute(cx, group, market, size) };
};
