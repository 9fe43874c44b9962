/**
 * S9's full ranking as a {@link RankFn}: every rankable candidate, best first.
 *
 * @remarks The exact order of spec S9 (scores compared as fractions, ties by id); candidates
 * without a position or with equity ≤ 0 have no score and are left out. `deleverage` reads the
 * same order lazily (bitmexRanking.ts) when given this function, so it never sorts everything.
 */
import { ranked, rankOrder, scoreCandidates } from './bitmexRanking.ts';
import type { RankFn } from './types.ts';

export const rankByBitmexScore: RankFn = (candidates, mark) => scoreCandidates(candidates, mark).sort(rankOrder).map(ranked);
