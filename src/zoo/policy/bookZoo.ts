/**
 * Wrong engines of the book part (issue 11, spec §10.4): each the reference frame with its book
 * execution swapped for one with a realistic bug in one place.
 */
import { FZERO, ceilDiv, ceilTo, floorDiv, fmax, fmin, type Fixed } from '../../model/fixed.ts';
import { markOf, marketOf, type FFill, type FGroup } from '../../model/fixedCore.ts';
import { EMPTY_BOOK, type FLevel } from '../../policy/book.ts';
import type { CloseContext, Closed } from '../../policy/closeContext.ts';
import { bankruptcyPrice } from '../../policy/price/bankruptcyPrice.ts';
import { fillAt } from '../../policy/price/fillAt.ts';
import type { Policy } from '../../wire/policy.ts';
import type { PolicyZooEntry } from './policyZooEntry.ts';
import { withPartSwap } from './support.ts';

const LEFT: Policy = { closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'left' } };
const BANKRUPTCY: Policy = { closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'bankruptcy' } };

function levelsOf(cx: CloseContext, g: FGroup, market: string, wrongSide = false): { readonly long: boolean; readonly levels: readonly FLevel[] } {
  const long = g.positions.find((p) => p.market === market)!.size.sign() > 0;
  const book = cx.book.get(market) ?? EMPTY_BOOK;
  return { long, levels: long !== wrongSide ? book.bids : book.asks };
}

/** Fills up to `size` from `levels` best first, one fill per level (the reference's walk, without its dust stop). */
function walk(cx: CloseContext, g: FGroup, market: string, size: Fixed, levels: readonly FLevel[]): Closed & { readonly rest: Fixed } {
  let group = g;
  const fills: FFill[] = [];
  let due = size;
  for (const l of levels) {
    if (due.sign() <= 0) break;
    const f = fillAt(cx.v, group, market, fmin(due, l.size), l.price, cx.rate);
    group = f.group;
    fills.push(f.fill);
    due = due.sub(f.fill.size);
  }
  return { group, fills, rest: due };
}

/** The whole close at the best level's price, whatever its size: depth is never read. */
const ignoresLevelSizes = withPartSwap({
  execute: (cx, g, market, size) => {
    const best = levelsOf(cx, g, market).levels[0];
    if (best === undefined) return { group: g, fills: [] };
    const f = fillAt(cx.v, g, market, size, best.price, cx.rate);
    return { group: f.group, fills: [f.fill] };
  },
});

/** One fill of what the walk took, at its average price rounded to the tick, instead of one fill per level. */
const vwapFill = withPartSwap({
  execute: (cx, g, market, size) => {
    const { long, levels } = levelsOf(cx, g, market);
    const walked = walk(cx, g, market, size, levels);
    if (walked.fills.length <= 1) return walked;
    const filled = walked.fills.reduce((a, f) => a.add(f.size), FZERO);
    const value = walked.fills.reduce((a, f) => a.add(f.size.mul(f.price)), FZERO);
    const step = filled.mul(marketOf(cx.v, market).tick);
    const avg = (long ? floorDiv(value, step) : ceilDiv(value, step)).mul(marketOf(cx.v, market).tick);
    const f = fillAt(cx.v, g, market, filled, avg, cx.rate);
    return { group: f.group, fills: [f.fill] };
  },
});

/** The walk starts at the second level: the best level is skipped (an off-by-one on the level index). */
const skipsBestLevel = withPartSwap({
  execute: (cx, g, market, size) => {
    const { levels } = levelsOf(cx, g, market);
    const { group, fills } = walk(cx, g, market, size, levels.slice(1));
    return { group, fills };
  },
});

/** A long's close walks the asks and a short's the bids: the side is read from the fill, not the position. */
const walksWrongSide = withPartSwap({
  execute: (cx, g, market, size) => {
    const { levels } = levelsOf(cx, g, market, true);
    const { group, fills } = walk(cx, g, market, size, levels);
    return { group, fills };
  },
});

/**
 * The book walked correctly, and what depth could not fill closed at `priceOf` — each engine below
 * gets only that price wrong. `rest` is the size left, `equity` the group's equity after the walk
 * less the rest's unrealized PnL (the `B` of §10.4).
 */
function remainderAt(priceOf: (cx: CloseContext, r: { readonly long: boolean; readonly rest: Fixed; readonly entry: Fixed; readonly equity: Fixed; readonly tick: Fixed; readonly mark: Fixed }) => Fixed) {
  return withPartSwap({
    execute: (cx, g, market, size) => {
      const { long, levels } = levelsOf(cx, g, market);
      const walked = walk(cx, g, market, size, levels);
      if (walked.rest.sign() <= 0) return walked;
      const pos = walked.group.positions.find((p) => p.market === market)!;
      const mark = markOf(cx.v, market);
      const rest = walked.rest;
      const equity = walked.group.health.equity.sub((long ? rest : rest.neg()).mul(mark.sub(pos.entry)));
      const x = priceOf(cx, { long, rest, entry: pos.entry, equity, tick: marketOf(cx.v, market).tick, mark });
      const f = fillAt(cx.v, walked.group, market, rest, x, cx.rate);
      return { group: f.group, fills: [...walked.fills, f.fill] };
    },
  });
}

/** The remainder beyond the depth is taken over at the mark instead of at the bankruptcy price. */
const remainderAtMark = remainderAt((_cx, r) => r.mark);

/** The bankruptcy price rounded the wrong way (down for a sell, up for a buy): a tick of bad debt the rounding creates. */
const bankruptcyRoundedAgainstSolvency = remainderAt((cx, r) => {
  const right = bankruptcyPrice(r.long, r.rest, r.entry, r.equity, cx.v.params.unit, r.tick);
  return r.long ? (right.gt(r.tick) ? right.sub(r.tick) : right) : right.add(r.tick);
});

/** The bankruptcy price rounded up to the tick for both sides: right for a sell, a tick too much for a buy. */
const bankruptcyCeiledForBoth = remainderAt((cx, r) => {
  // the bound e ± K/r of §10.4, then up to the tick whatever the side
  const k = ceilTo(r.equity.neg(), cx.v.params.unit);
  const bound = r.long ? r.rest.mul(r.entry).add(k) : r.rest.mul(r.entry).sub(k);
  return fmax(r.tick, ceilDiv(bound, r.rest.mul(r.tick)).mul(r.tick));
});

/** A walk cut short by depth stops wherever the depth ends, leaving dust (the §6.4 stop forgotten). */
const leavesDust = withPartSwap({
  execute: (cx, g, market, size) => {
    const { levels } = levelsOf(cx, g, market);
    const { group, fills } = walk(cx, g, market, size, levels);
    return { group, fills };
  },
});

export const BOOK_ZOO: readonly PolicyZooEntry[] = [
  { name: 'bookIgnoresLevelSizes', policy: LEFT, engine: ignoresLevelSizes, bug: 'the whole close fills at the best level price, whatever its size', violates: ['LIQ-023'] },
  { name: 'bookVwapFill', policy: LEFT, engine: vwapFill, bug: 'one fill at the walk’s average price rounded to the tick instead of one fill per level', violates: ['LIQ-023'] },
  { name: 'bookSkipsBestLevel', policy: LEFT, engine: skipsBestLevel, bug: 'the walk starts at the second level', violates: ['LIQ-023'] },
  { name: 'bookWalksWrongSide', policy: LEFT, engine: walksWrongSide, bug: 'a long sells into the asks, a short buys from the bids', violates: ['LIQ-023'] },
  { name: 'bookLeavesDust', policy: LEFT, engine: leavesDust, bug: 'a walk cut short by depth may leave a position below the dust notional', violates: ['LIQ-009'] },
  { name: 'bookRemainderAtMark', policy: BANKRUPTCY, engine: remainderAtMark, bug: 'the remainder beyond the depth is closed at the mark, not at the bankruptcy price', violates: ['LIQ-023'] },
  { name: 'bookBankruptcyCeiledForBoth', policy: BANKRUPTCY, engine: bankruptcyCeiledForBoth, bug: 'the bankruptcy price rounded up for a buy as for a sell', violates: ['LIQ-013', 'LIQ-023'] },
  { name: 'bookBankruptcyRoundedWrong', policy: BANKRUPTCY, engine: bankruptcyRoundedAgainstSolvency, bug: 'the bankruptcy price rounded down for a sell and up for a buy', violates: ['LIQ-023'] },
];
