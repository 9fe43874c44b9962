/**
 * The requested close size (spec §10.3): the liquidator names a size per market (scenario
 * `requests`); each requested position in the close order is reduced by the request, capped by
 * the close factor and the maximum size (Aave v3 close factor, Drift `max_base_asset_amount`).
 * Positions without a request are left alone.
 * @see docs/spec.md#103-close-size
 */
import { ceilDiv, floorTo, fmax, fmin, FZERO, type Fixed } from '../../model/fixed.ts';
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
 * zero when no lot multiple does.
 */
export function requestedSize(size: Fixed, mark: Fixed, lot: Fixed, request: Fixed, cap: Fixed, dustNotional: Fixed): Fixed {
  const delta = fmin(request, fmin(size, cap));
  const rest = size.sub(delta);
  if (rest.isZero() || !rest.mul(mark).lt(dustNotional)) return delta;
  const shrunk = size.sub(ceilDiv(dustNotional, lot.mul(mark)).mul(lot));
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
    const { lot } = marketOf(cx.v, market);
    const delta = requestedSize(size, markOf(cx.v, market), lot, request, requestCap(size, lot, c.closeFactor, c.maximumSize), cx.v.params.dustNotional);
    if (delta.isZero()) continue;
    const closed = cx.execute(cx, g, market, delta);
    g = closed.group;
    fills.push(...closed.fills);
  }
  return { ok: true, group: g, fills };
};
