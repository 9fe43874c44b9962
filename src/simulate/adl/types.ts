/**
 * The inputs of ADL (spec S9): the candidates a ranking orders and what `deleverage` needs to
 * know about the bankrupt.
 */
import type { Dec } from '../../model/decimal.ts';

/** An account with a position, as ADL sees it: `equity = κ + q·m` at the ADL's mark. */
export interface AdlCandidate {
  readonly id: string;
  readonly size: Dec;
  readonly entry: Dec;
  readonly equity: Dec;
}

/**
 * A ranking of counterparties, best (first reduced) first, each with the score it was ranked by.
 * Replaceable so wrong engines (src/simulate/zoo/) can rank otherwise.
 */
export type RankFn = (
  candidates: readonly AdlCandidate[],
  mark: Dec,
) => readonly { readonly candidate: AdlCandidate; readonly score: Dec }[];

export interface AdlInput {
  /** the bankrupt account before its liquidation: q and cash κ = C − q·e */
  readonly bankrupt: { readonly id: string; readonly size: Dec; readonly cash: Dec };
  readonly owed: Dec;
  readonly mark: Dec;
  readonly lot: Dec;
  readonly tick: Dec;
  readonly unit: Dec;
  /** every other account with a position (deleverage keeps the other side with equity > 0) */
  readonly candidates: readonly AdlCandidate[];
}

/** A ranking read in order as an iterable (e.g. a book kept sorted across events); any {@link RankFn} is one. */
export type LazyRankFn = (candidates: readonly AdlCandidate[], mark: Dec) => Iterable<{ readonly candidate: AdlCandidate; readonly score: Dec }>;
