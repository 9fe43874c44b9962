/**
 * Order books for the markets a scenario holds (spec §10.4), drawn to reach where a book walk can
 * go wrong: an empty side, one level, depth shorter than the position, exactly the position, or
 * much deeper; the best level at the mark or a few ticks away, levels one to five ticks apart.
 * Prices are on the tick and sizes on the lot by construction (integers of ticks and lots).
 * @see docs/spec.md#104-execution-price
 */
import fc from 'fast-check';
import { Dec, toCanonical } from '../model/decimal.ts';
import type { Scenario } from '../model/types.ts';
import type { Book, BookLevel } from '../wire/book.ts';

/** How deep one side is drawn, against the size of the position held (in lots). */
export type DepthClass = 'empty' | 'one-level' | 'short' | 'exact' | 'deep';

const MAX_LEVELS = 4;

/** Splits `total ≥ parts` lots into `parts` sizes ≥ 1 by the weights. */
function split(total: bigint, weights: readonly number[]): bigint[] {
  const parts = BigInt(weights.length);
  const spare = total - parts;
  const sum = BigInt(weights.reduce((a, w) => a + w, 0));
  const out = weights.map((w) => 1n + (spare * BigInt(w)) / sum);
  out[out.length - 1]! += total - out.reduce((a, x) => a + x, 0n);
  return out;
}

interface SideDraw {
  readonly depthClass: DepthClass;
  readonly total: bigint;
  readonly weights: readonly number[];
  /** ticks from the mark of each level, increasing */
  readonly offsets: readonly bigint[];
}

/** One side, in lots and ticks from the mark, for a position of `lots` lots. */
function side(lots: bigint): fc.Arbitrary<SideDraw> {
  const levels = (min: number, max: number) =>
    fc.integer({ min, max }).chain((n) =>
      fc.record({
        weights: fc.array(fc.integer({ min: 1, max: 16 }), { minLength: n, maxLength: n }),
        first: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 3n })),
        gaps: fc.array(fc.bigInt({ min: 1n, max: 5n }), { minLength: n, maxLength: n }),
      }),
    );
  const shaped = (depthClass: DepthClass, total: fc.Arbitrary<bigint>, maxLevels: number) =>
    total.chain((t) =>
      levels(1, Math.min(maxLevels, Number(t < 4n ? t : 4n))).map(({ weights, first, gaps }): SideDraw => {
        const offsets: bigint[] = [];
        let k = first;
        for (let i = 0; i < weights.length; i++) {
          offsets.push(k);
          k += gaps[i]!;
        }
        return { depthClass, total: t, weights, offsets };
      }),
    );
  const options: fc.Arbitrary<SideDraw>[] = [
    fc.constant({ depthClass: 'empty', total: 0n, weights: [], offsets: [] }),
    shaped('one-level', fc.bigInt({ min: 1n, max: 2n * lots + 1n }), 1),
    shaped('exact', fc.constant(lots), MAX_LEVELS),
    shaped('deep', fc.bigInt({ min: lots + 1n, max: 4n * lots + 4n }), MAX_LEVELS),
  ];
  if (lots > 1n) options.push(shaped('short', fc.bigInt({ min: 1n, max: lots - 1n }), MAX_LEVELS));
  return fc.oneof(...options);
}

function levelsOf(d: SideDraw, markTicks: bigint, bids: boolean, tick: Dec, lot: Dec): BookLevel[] {
  if (d.total === 0n) return [];
  const sizes = split(d.total, d.weights);
  const out: BookLevel[] = [];
  d.offsets.forEach((k, i) => {
    const ticks = bids ? markTicks - k : markTicks + k;
    // A bid cannot be at or below zero: a mark a few ticks above zero gets fewer bid levels.
    if (ticks <= 0n) return;
    out.push({ price: toCanonical(tick.mul(ticks.toString())), size: toCanonical(lot.mul(sizes[i]!.toString())) });
  });
  return out;
}

/** A book for every market the account holds (both sides drawn, each against the position's size). */
export function bookFor(s: Scenario): fc.Arbitrary<Record<string, Book>> {
  const held = s.account.positions.map((p) => {
    const m = s.params.markets[p.market]!;
    const tick = new Dec(m.tickSize);
    const lot = new Dec(m.lotSize);
    const lots = BigInt(new Dec(p.size).abs().div(lot).toFixed(0));
    const markTicks = BigInt(new Dec(s.marks[p.market]!).div(tick).toFixed(0));
    return { market: p.market, tick, lot, lots, markTicks };
  });
  return fc
    .tuple(...held.map((h) => fc.tuple(side(h.lots), side(h.lots))))
    .map((sides) =>
      Object.fromEntries(
        held.map((h, i) => {
          const [b, a] = sides[i]!;
          return [h.market, { bids: levelsOf(b, h.markTicks, true, h.tick, h.lot), asks: levelsOf(a, h.markTicks, false, h.tick, h.lot) }];
        }),
      ),
    );
}
