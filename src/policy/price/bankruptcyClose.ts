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
import { priceReachingOf } from './bankruptcyPrice.ts';
import { fillAt } from './fillAt.ts';

/**
 * `x_b` of §10.4 for closing `size` (> 0, at most |q|) of the position in `market` of `g`.
 *
 * @remarks With `E`, `MM` the group's before the fill, `MM′` after it and `B = E − q_c·(P − e)`,
 * `V(x) ≥ 0` iff `⌊q_c·(x − e)⌋_u ≥ E·MM′/MM − B` iff `q_c·(x − e) ≥ K`,
 * `K = ⌈(E·MM′ − B·MM)/(MM·u)⌉·u` — one exact ceiling quotient (toward +∞ also for `E < 0`, as
 * dYdX's Euclidean floor of the share is). With `MM = 0` (no requirement to share), `K = ⌈−B⌉_u`.
 * `B` is read as the equity of what is left (the same for a linear market). On an inverse market
 * the PnL is §12.2's and the price §12.4's;
 * `null` when §12.4 has no least favourable price (`D ≤ 0` or `D′ ≤ 0`): the fill is at the mark.
 * @see docs/spec.md#124-bankruptcy-price
 */
export function bankruptcyPriceOfClose(v: FValuation, g: FGroup, market: string, size: Fixed): Fixed | null {
  const pos = g.positions.find((p) => p.market === market)!;
  const long = pos.size.sign() > 0;
  const qc = long ? size : size.neg();
  const { unit } = v.params;
  const { equity: e, maintenance: mm } = g.health;
  const after = groupHealth(v, { collateral: g.collateral, positions: g.positions.map((p) => (p.market === market ? { ...p, size: p.size.sub(qc) } : p)).filter((p) => !p.size.isZero()) });
  const { contract, tick } = marketOf(v, market);
  // B is the group's equity with the part closed removed and its PnL not yet realized: for a
  // linear market exactly E − q_c·(P − e); for an inverse one the sum of §12.2's floored terms
  // of what is left, which E − U(q_c, e, P) can exceed by one unit (§12.4).
  const b = after.equity;
  const k = mm.sign() > 0 ? ceilDiv(e.mul(after.maintenance).sub(b.mul(mm)), mm.mul(unit)).mul(unit) : ceilTo(b.neg(), unit);
  return priceReachingOf(contract, long, size, pos.entry, k, tick);
}

/**
 * One fill of `size` at {@link bankruptcyPriceOfClose}, charged as every fill is (§7.3 or the
 * penalty part's cap): under `cap: "bankruptcy"` that leaves at most `⌊V⌋_u < r·tick + u`.
 */
export function bankruptcyClose(cx: CloseContext, g: FGroup, market: string, size: Fixed): Closed {
  // §12.4: where no tick price is least favourable (inverse only), the fill is at the mark.
  const x = bankruptcyPriceOfClose(cx.v, g, market, size) ?? markOf(cx.v, market);
  const f = fillAt(cx.v, g, market, size, x, cx.rate, penaltyRoomOf(cx.policy.penalty));
  return { group: f.group, fills: [f.fill] };
}
