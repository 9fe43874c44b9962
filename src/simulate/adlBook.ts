/**
 * The ADL counterparties of each side ranked at one mark (docs/simulation.md S9, S13), kept up to
 * date as accounts change, so an ADL event costs O(k log n) for its k reductions instead of a
 * scoring pass over the whole population: a cascade's hundreds of bankruptcies in one round all
 * read the same ranking at the same mark.
 *
 * @remarks The order is S9's exactly (src/simulate/adl/: `bitmexScore` fractions compared with
 * `compareFractions`, highest first, ties by id); only its upkeep is incremental. The reported score
 * is computed only for the counterparties an event reduces.
 * @see docs/simulation.md#s9-auto-deleveraging
 */
import type { Dec } from '../model/decimal.ts';
import { bitmexScore, compareFractions, reportedScore, type AdlCandidate, type ScoreFraction } from './adl/index.ts';
import type { AccountState } from './stepEngine.ts';

interface Entry {
  readonly candidate: AdlCandidate;
  readonly fraction: ScoreFraction;
}

/** Highest score first, ties by id. */
function rankOrder(a: Entry, b: Entry): number {
  const c = compareFractions(b.fraction, a.fraction);
  if (c !== 0) return c;
  return a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0;
}

export interface Ranked {
  readonly candidate: AdlCandidate;
  readonly score: Dec;
}

export class AdlBook {
  private mark: Dec | null = null;
  private readonly from = new Map<string, AccountState>();
  private readonly entries = new Map<string, Entry>();
  private readonly longs: Entry[] = [];
  private readonly shorts: Entry[] = [];
  private readonly views = new Map<'long' | 'short', readonly AdlCandidate[]>();

  /** Brings the book to `accounts` at `mark`: a rebuild when the mark moved, else only the changed accounts. */
  sync(accounts: ReadonlyMap<string, AccountState>, mark: Dec): void {
    if (this.mark === null || !this.mark.eq(mark)) {
      this.mark = mark;
      this.from.clear();
      this.entries.clear();
      this.longs.length = 0;
      this.shorts.length = 0;
      this.views.clear();
      for (const a of accounts.values()) {
        this.from.set(a.id, a);
        const e = this.entryOf(a);
        if (e === null) continue;
        this.entries.set(a.id, e);
        (a.size.gt(0) ? this.longs : this.shorts).push(e);
      }
      this.longs.sort(rankOrder);
      this.shorts.sort(rankOrder);
      return;
    }
    for (const a of accounts.values()) if (this.from.get(a.id) !== a) this.set(a);
  }

  /** Re-ranks one account after its state changed (at the book's mark). */
  set(a: AccountState): void {
    this.from.set(a.id, a);
    const was = this.entries.get(a.id);
    if (was !== undefined) {
      const xs = was.candidate.size.gt(0) ? this.longs : this.shorts;
      xs.splice(this.indexOf(xs, was), 1);
      this.entries.delete(a.id);
      this.views.delete(was.candidate.size.gt(0) ? 'long' : 'short');
    }
    const e = this.entryOf(a);
    if (e === null) return;
    const xs = a.size.gt(0) ? this.longs : this.shorts;
    xs.splice(this.indexOf(xs, e), 0, e);
    this.entries.set(a.id, e);
    this.views.delete(a.size.gt(0) ? 'long' : 'short');
  }

  /** The accounts holding `side` with equity > 0 (ADL's candidates against the other side), best first. */
  candidates(side: 'long' | 'short'): readonly AdlCandidate[] {
    let v = this.views.get(side);
    if (v === undefined) {
      v = (side === 'long' ? this.longs : this.shorts).map((e) => e.candidate);
      this.views.set(side, v);
    }
    return v;
  }

  /**
   * The ranking of {@link candidates}`(side)`, best first, read lazily: a reader that stops after
   * k counterparties (deleverage does) costs O(k), with the reported score computed for those only.
   */
  ranking(side: 'long' | 'short'): Iterable<Ranked> {
    const xs = side === 'long' ? this.longs : this.shorts;
    return {
      *[Symbol.iterator]() {
        for (const e of xs) yield { candidate: e.candidate, score: reportedScore(e.fraction) };
      },
    };
  }

  private entryOf(a: AccountState): Entry | null {
    if (a.size.isZero()) return null;
    const equity = a.collateral.add(a.size.mul(this.mark!.sub(a.entry)));
    if (!equity.gt(0)) return null;
    const candidate = { id: a.id, size: a.size, entry: a.entry, equity };
    return { candidate, fraction: bitmexScore(a.size, a.entry, equity, this.mark!) };
  }

  /** The first index whose entry does not rank before `e` (its position, when present). */
  private indexOf(xs: readonly Entry[], e: Entry): number {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rankOrder(xs[mid]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
