/**
 * A close at the bankruptcy price of the part it closes (spec §10.4, `{ "kind": "bankruptcy" }`;
 * dYdX v4's `GetBankruptcyPriceInQuoteQuantums`, the takeover of Binance's and Bybit's engines):
 * one fill at the tick price at which the fill's value above bankruptcy, `V = E⁻ − E·MM′/MM`, is
 * used up — what the closed part's share of the equity can pay, no more.
 * @see docs/spec.md#104-execution-price
 */
import { ceilDiv, ceilTo, type Fixed } from '../../model/fixed.ts';
import { groupHealth, markOf, marketOf, type FGroup, type FValuation } from '../../model/fixedCore.ts';
import type { CloseContext, Closed } from '../closeContext.ts';
import { penaltyRoomOf } from '../penalty/bankruptcyRoom.ts';
import { priceReaching } from './bankruptcyPrice.ts';
import { fillAt } from './fillAt.ts';

/**
 * `x_b` of §10.4 for closing `size` (> 0, at most |q|) of the position in `market` of `g`.
 *
 * @remarks With `E`, `MM` the group's before the fill, `MM′` after it and `B = E − q_c·(P − e)`,
 * `V(x) ≥ 0` iff `⌊q_c·(x − e)⌋_u ≥ E·MM′/MM − B` iff `q_c·(x − e) ≥ K`,
 * `K = ⌈(E·MM′ − B·MM)/(MM·u)⌉·u` — one exact ceiling quotient (toward +∞ also for `E < 0`, as
 * dYdX's Euclidean floor of the share is). With `MM = 0` (no requirement to share), `K = ⌈−B⌉_u`.
 */
export function bankruptcyPriceOfClose(v: FValuation, g: FGroup, market: string, size: Fixed): Fixed {
  const pos = g.positions.find((p) => p.market === market)!;
  const long = pos.size.sign() > 0;
  const qc = long ? size : size.neg();
  const { unit } = v.params;
  const { equity: e, maintenance: mm } = g.health;
  const after = groupHealth(v, { collateral: g.collateral, positions: g.positions.map((p) => (p.market === market ? { ...p, size: p.size.sub(qc) } : p)).filter((p) => !p.size.isZero()) });
  const b = e.sub(qc.mul(markOf(v, market).sub(pos.entry)));
  const k = mm.sign() > 0 ? ceilDiv(e.mul(after.maintenance).sub(b.mul(mm)), mm.mul(unit)).mul(unit) : ceilTo(b.neg(), unit);
  return priceReaching(long, size, pos.entry, k, marketOf(v, market).tick);
}

/**
 * One fill of `size` at {@link bankruptcyPriceOfClose}, charged as every fill is (§7.3 or the
 * penalty part's cap): under `cap: "bankruptcy"` that leaves at most `⌊V⌋_u < r·tick + u`.
 */
export function bankruptcyClose(cx: CloseContext, g: FGroup, market: string, size: Fixed): Closed {
  const x = bankruptcyPriceOfClose(cx.v, g, market, size);
  const f = fillAt(cx.v, g, market, size, x, cx.rate, penaltyRoomOf(cx.policy.penalty));
  return { group: f.group, fills: [f.fill] };
}
