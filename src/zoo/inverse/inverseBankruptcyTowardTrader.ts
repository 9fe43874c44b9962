/**
 * Inverse zoo engine "inverse bankruptcy price toward the trader": §12.4's price with its
 * rounding reversed — a long sells at `⌊r·v·e/(D·tick)⌋·tick` (down), a short buys at
 * `⌈r·v·e/(D′·tick)⌉·tick` (up) — so the closed part's loss stops short of its share of the
 * equity and the positions left, or the insurance fund, pay the rounding. Linear markets and the
 * §12.4 fallback (no least favourable price: at the mark) are the policy's own.
 *
 * Bug class: the rounding direction of a reciprocal. On a linear market a long's bankruptcy price
 * is `e − (share)/r`, rounded up; on an inverse one the long's price is in the denominator, and
 * "round the price the way the trader loses" is easy to get backwards. Bybit states the right one
 * (profiles/bybit-inverse.json: "rounded up to the nearest 0.5 for a long, down for a short").
 *
 * Violates LIQ-029 (fills at the bankruptcy price, §12.4) whenever the quotient is not a whole
 * number of ticks.
 */
import { pnlOf, isInverse } from '../../model/contract.ts';
import { ceilDiv, ceilTo, floorDiv, fmax, type Fixed } from '../../model/fixed.ts';
import { groupHealth, markOf, marketOf, type FGroup, type FValuation } from '../../model/fixedCore.ts';
import type { Engine } from '../../model/types.ts';
import type { Execute } from '../../policy/closeContext.ts';
import { penaltyRoomOf } from '../../policy/penalty/bankruptcyRoom.ts';
import { executeClose } from '../../policy/price/executeClose.ts';
import { fillAt } from '../../policy/price/fillAt.ts';
import { underPolicy } from '../profile/support.ts';

/** The bound K of §10.4 as the policy computes it, then §12.4's quotient rounded the wrong way; null at the fallback. */
function wrongPrice(v: FValuation, g: FGroup, market: string, size: Fixed): Fixed | null {
  const pos = g.positions.find((p) => p.market === market)!;
  const long = pos.size.sign() > 0;
  const qc = long ? size : size.neg();
  const { unit } = v.params;
  const { equity: e, maintenance: mm } = g.health;
  const after = groupHealth(v, { collateral: g.collateral, positions: g.positions.map((p) => (p.market === market ? { ...p, size: p.size.sub(qc) } : p)).filter((p) => !p.size.isZero()) });
  const { contract, tick } = marketOf(v, market);
  if (!isInverse(contract)) return null;
  const b = e.sub(pnlOf(contract, qc, pos.entry, markOf(v, market), unit));
  const k = mm.sign() > 0 ? ceilDiv(e.mul(after.maintenance).sub(b.mul(mm)), mm.mul(unit)).mul(unit) : ceilTo(b.neg(), unit);
  const rv = size.mul(contract.value);
  const d = long ? rv.sub(k.mul(pos.entry)) : rv.add(k.mul(pos.entry));
  if (d.sign() <= 0) return null;
  const num = rv.mul(pos.entry);
  const step = d.mul(tick);
  return fmax(tick, (long ? floorDiv(num, step) : ceilDiv(num, step)).mul(tick));
}

const execute: Execute = (cx, g, market, size) => {
  if (cx.policy.price.kind !== 'bankruptcy' || !isInverse(marketOf(cx.v, market).contract)) return executeClose(cx, g, market, size);
  const x = wrongPrice(cx.v, g, market, size);
  if (x === null) return executeClose(cx, g, market, size);
  const f = fillAt(cx.v, g, market, size, x, cx.rate, penaltyRoomOf(cx.policy.penalty));
  return { group: f.group, fills: [f.fill] };
};

export const inverseBankruptcyTowardTrader: Engine = underPolicy(() => ({ execute }));
