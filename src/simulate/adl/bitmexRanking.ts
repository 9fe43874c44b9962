/**
 * S9's ranking produced lazily, best first: one O(n) pass estimating every score, then a binary
 * heap popped only as far as the caller reads.
 *
 * @remarks Why lazy: an ADL rarely reduces more than a few counterparties, so sorting 10,000
 * candidates to read three of them is wasted work; heapify is O(n) and each read O(log n). Exact
 * score fractions are built only for the near-ties the estimates cannot order and for the scores
 * actually read (bitmexScore.ts explains why that keeps the order exact).
 */
import type { Dec } from '../../model/decimal.ts';
import { bitmexScore, compareEstimates, compareFractions, estimateScore, mantissaOf, reportedScore, type ScoreFraction } from './bitmexScore.ts';
import type { AdlCandidate } from './types.ts';

export interface RankedCandidate {
  readonly candidate: AdlCandidate;
  readonly score: Dec;
}

/** A candidate with its score estimate and, once needed, its exact fraction (a private cache). */
export interface Scored {
  readonly candidate: AdlCandidate;
  readonly estimate: number;
  exact: ScoreFraction | undefined;
  readonly mark: Dec;
}

function exactOf(s: Scored): ScoreFraction {
  s.exact ??= bitmexScore(s.candidate.size, s.candidate.entry, s.candidate.equity, s.mark);
  return s.exact;
}

/** −1, 0 or 1 as `a` ranks after, level with or before `b` on score alone. */
function compareScored(a: Scored, b: Scored): number {
  return compareEstimates(a.estimate, b.estimate) || compareFractions(exactOf(a), exactOf(b));
}

/** The ranking's order as a sort comparator: the higher score first, ties by the smaller id. */
export function rankOrder(a: Scored, b: Scored): number {
  const c = compareScored(b, a);
  if (c !== 0) return c;
  return a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0;
}

/** The candidates S9 can rank (a position and positive equity), each with its score estimate. */
export function scoreCandidates(candidates: readonly AdlCandidate[], mark: Dec): Scored[] {
  const m = mantissaOf(mark);
  const out: Scored[] = [];
  for (const candidate of candidates) {
    if (candidate.size.isZero() || !candidate.equity.gt(0)) continue;
    const estimate = m === null ? Number.NaN : estimateScore(candidate.size, candidate.entry, candidate.equity, m);
    out.push({ candidate, estimate, exact: undefined, mark });
  }
  return out;
}

/** The reported form of a scored candidate: its score truncated to 18 fraction digits. */
export function ranked(s: Scored): RankedCandidate {
  return { candidate: s.candidate, score: reportedScore(exactOf(s)) };
}

/** S9's ranking of `candidates` at `mark`, best first, computed only as far as it is read. */
export function* bitmexRanking(candidates: readonly AdlCandidate[], mark: Dec): Generator<RankedCandidate, void, undefined> {
  const heap = scoreCandidates(candidates, mark);
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i, heap.length);
  for (let n = heap.length; n > 0; n--) {
    const top = heap[0]!;
    heap[0] = heap[n - 1]!;
    siftDown(heap, 0, n - 1);
    yield ranked(top);
  }
}

function siftDown(heap: Scored[], i: number, n: number): void {
  const item = heap[i]!;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && rankOrder(heap[child + 1]!, heap[child]!) < 0) child++;
    if (rankOrder(heap[child]!, item) >= 0) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = item;
}
