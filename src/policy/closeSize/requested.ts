/**
 * The requested close size (spec §10.3): the liquidator names a size per market (scenario
 * `requests`); each requested position in the close order is reduced by the request, capped by
 * the close factor and the maximum size (Aave v3 close factor, Drift `max_base_asset_amount`).
 * Positions without a request are left alone.
 * @see docs/spec.md#103-close-size
 */
import { LINEAR, smallestAtLeast, valueOf, type FContract } from '../../model/contract.ts';
import { floorTo, FONE, fmax, fmin, FZERO, type Fixed } from '../../model/fixed.ts';
import { markOf, marketOf, type FFill } from '../../model/fixedCore.ts';
import type { CloseRule } from '../closeContext.ts';

/** The cap `C = max(ℓ, min(⌊closeFactor·|q|⌋_ℓ, ⌊maximumSize⌋_ℓ))` of §10.3: at least one lot. */
export function requestCap(size: Fixed, lot: Fixed, closeFactor: Fixed, maximumSize: Fixed | null): Fixed {
  const byFactor = floorTo(closeFactor.mul(size), lot);
  return fmax(lot, maximumSize === null ? byFactor : fmin(byFactor, floorTo(maximumSize, lot)));
}

/**
 * `Δ` of §10.3: `min(request, |q|, C)`, shrunk to leave at least `dustNotional` when it would
 * leave a sub-dust rest (the request is a ceiling, so dust is never rounded up into a full close);
 * zero when no lot multiple does. On an inverse market the values are §12.2's and the sizes §12.5's
 * (`unit`, the coin's, is read only then).
 * @see docs/spec.md#125-sizes-on-the-lot-grid
 */
export function requestedSize(size: Fixed, mark: Fixed, lot: Fixed, request: Fixed, cap: Fixed, dustNotional: Fixed, contract: FContract = LINEAR, unit: Fixed = FONE): Fixed {
  const delta = fmin(request, fmin(size, cap));
  const rest = size.sub(delta);
  if (rest.isZero() || !valueOf(contract, rest, mark, unit).lt(dustNotional)) return delta;
  const shrunk = size.sub(smallestAtLeast(contract, dustNotional, lot, mark, unit));
  return shrunk.sign() > 0 ? shrunk : FZERO;
}

export const requested: CloseRule = (cx, group) => {
  const c = cx.policy.closeSize;
  if (c.kind !== 'requested') throw new Error(`requested called for a ${c.kind} close size`);
  let g = group;
  const fills: FFill[] = [];
  for (const market of cx.order) {
    const request = cx.requests.get(market);
    if (request === undefined) continue;
    const pos = g.positions.find((p) => p.market === market)!;
    const size = pos.size.abs();
    const { lot, contract } = marketOf(cx.v, market);
    const delta = requestedSize(size, markOf(cx.v, market), lot, request, requestCap(size, lot, c.closeFactor, c.maximumSize), cx.v.params.dustNotional, contract, cx.v.params.unit);
    if (delta.isZero()) continue;
    const closed = cx.execute(cx, g, market, delta);
    g = closed.group;
    fills.push(...closed.fills);
  }
  return { ok: true, group: g, fills };
};
