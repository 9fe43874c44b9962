/**
 * Profile zoo engine "stale mark cache": marks are kept in a cache shared across calls, and a
 * market the cache has seen is valued at the mark of the previous call that priced it. The first
 * call of a process is right; the same scenario run twice is not answered twice alike.
 *
 * Bug class: process state standing in for an input (a price cache, an oracle read memoised per
 * worker) — LIQ-012's counter-case in dYdX is the same sort (a pseudo-random start index that is
 * deterministic per block, not per call). Realistic; no report of this exact cache found.
 *
 * Violates LIQ-012 (two runs of one scenario differ) whenever consecutive calls price a market
 * differently.
 */
import type { Engine } from '../../model/types.ts';
import { withWire } from './support.ts';

const cache = new Map<string, string>();

export const staleMarkCache: Engine = withWire((sc) => {
  if (typeof sc.marks !== 'object' || sc.marks === null) return sc;
  const marks: Record<string, string> = {};
  for (const [market, mark] of Object.entries(sc.marks)) {
    marks[market] = cache.get(market) ?? mark;
    if (typeof mark === 'string') cache.set(market, mark);
  }
  return { ...sc, marks };
});
