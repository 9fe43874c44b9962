/**
 * A close that walks the order book (spec §10.4): one fill per level touched, best first, at the
 * level's price; what depth cannot fill is left open, closed at the bankruptcy price, or taken over
 * by the backstop account at the mark.
 * @see docs/spec.md#104-execution-price
 */
import { FZERO, ceilDiv, fmax, fmin, type Fixed } from '../../model/fixed.ts';
import { markOf, marketOf, type FFill, type FGroup, type FPosition } from '../../model/fixedCore.ts';
import { EMPTY_BOOK, type FLevel } from '../book.ts';
import type { CloseContext, Closed } from '../closeContext.ts';
import { penaltyRoomOf } from '../penalty/bankruptcyRoom.ts';
import { bankruptcyPrice } from './bankruptcyPrice.ts';
import { fillAt } from './fillAt.ts';

/** The depth left at each level after `taken` has been filled from the front: `a_k` of §10.4. */
export function levelsLeft(levels: readonly FLevel[], taken: Fixed): FLevel[] {
  const out: FLevel[] = [];
  let skip = taken;
  for (const l of levels) {
    const left = fmax(FZERO, l.size.sub(skip));
    skip = fmax(FZERO, skip.sub(l.size));
    if (left.sign() > 0) out.push({ price: l.price, size: left });
  }
  return out;
}

/**
 * `τ` of §10.4, the size already filled from this side in this call: what the position has shrunk
 * by since the call began (`cx.initial`), at most the side's depth. Closes only reduce a position,
 * and every fill of a close is a level's until the depth runs out; only then may a bankruptcy
 * remainder fill more, when the whole side is gone anyway — hence the `min`.
 */
function takenInCall(cx: CloseContext, pos: FPosition, side: readonly FLevel[]): Fixed {
  const start = cx.initial.positions.find((p) => p.market === pos.market);
  if (start === undefined) return FZERO;
  const shrunk = start.size.abs().sub(pos.size.abs());
  const depth = side.reduce((a, l) => a.add(l.size), FZERO);
  return fmin(shrunk, depth);
}

// Linear markets only: a book price is refused on an inverse market (spec §12.1), so the products
// below are §10.4's as written.
export function bookClose(cx: CloseContext, g: FGroup, market: string, size: Fixed): Closed {
  const { v, policy, rate } = cx;
  if (policy.price.kind !== 'book') throw new Error(`bookClose under a "${policy.price.kind}" price part`);
  const pos = g.positions.find((p) => p.market === market)!;
  const long = pos.size.sign() > 0;
  const book = cx.book.get(market) ?? EMPTY_BOOK;
  const side = long ? book.bids : book.asks;
  const levels = levelsLeft(side, takenInCall(cx, pos, side));
  const depth = levels.reduce((a, l) => a.add(l.size), FZERO);

  const q = pos.size.abs();
  const mark = markOf(v, market);
  const { lot } = marketOf(v, market);
  let walk = fmin(size, depth);
  if (policy.price.remainder === 'left') {
    // §6.4 for a walk cut short by depth: stop where the position left is still not dust.
    const left = q.sub(walk);
    if (left.sign() > 0 && left.mul(mark).lt(v.params.dustNotional)) {
      const m = ceilDiv(v.params.dustNotional, lot.mul(mark)).mul(lot);
      walk = fmax(FZERO, q.sub(m));
    }
  }

  const room = penaltyRoomOf(policy.penalty);
  let group = g;
  const fills: FFill[] = [];
  let due = walk;
  for (const l of levels) {
    if (due.sign() <= 0) break;
    const t = fmin(due, l.size);
    const f = fillAt(v, group, market, t, l.price, rate, room);
    group = f.group;
    fills.push(f.fill);
    due = due.sub(t);
  }

  const rest = size.sub(walk);
  if (policy.price.remainder === 'bankruptcy' && rest.sign() > 0) {
    const closedPnl = (long ? rest : rest.neg()).mul(mark.sub(pos.entry));
    const x = bankruptcyPrice(long, rest, pos.entry, group.health.equity.sub(closedPnl), v.params.unit, marketOf(v, market).tick);
    const f = fillAt(v, group, market, rest, x, rate, room);
    group = f.group;
    fills.push(f.fill);
  }

  if (policy.price.remainder === 'backstop' && rest.sign() > 0) {
    // The backstop account takes the rest over at the mark itself: no impact, no level (§10.4).
    const f = fillAt(v, group, market, rest, mark, rate, room);
    group = f.group;
    fills.push(f.fill);
  }

  return { group, fills };
}
