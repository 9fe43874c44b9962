/** ADL (spec S9): ranking, deleveraging, and applying a reduction to an account. */
export { applyReduction, reductionChange } from './applyReduction.ts';
export { bitmexRanking, ranked, rankOrder, scoreCandidates, type RankedCandidate, type Scored } from './bitmexRanking.ts';
export { bitmexScore, compareEstimates, compareFractions, estimateScore, mantissaOf, NEAR, reportedScore, SCORE_DIGITS, type Mantissa, type ScoreFraction } from './bitmexScore.ts';
export { deleverage } from './deleverage.ts';
export { rankByBitmexScore } from './rankByBitmexScore.ts';
export type { AdlCandidate, AdlInput, LazyRankFn, RankFn } from './types.ts';
