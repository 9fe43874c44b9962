import { exactOf } from './ledger.ts';
import { exactRunResult, firstDifference, resultOf, sameExact } from './relationSupport.ts';
import type { RelationInvariant } from './invariant.ts';
import { parsedInput } from './caseInput.ts';

/**
 * LIQ-012 — the same scenario always gives the same result.
 */
export const determinism: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-012',
  title: 'determinism',
  statement: 'Liquidating the same scenario twice gives identical results (every field, key order aside).',
  domain: 'All scenarios. Counter-case in real engines: dYdX picks the position to liquidate and deleveraging counterparties from a pseudo-random start index (deterministic per block, not per call).',
  spec: '#8-result',
  presumes: [],
  derive: (c) => [parsedInput(c.scenario, c.input)],
  compare: (c, runs) => {
    // Same exact amounts, same result: no strings to write. A difference is located on the wire.
    const exact = exactRunResult(runs[0]);
    if (exact !== undefined && sameExact(exactOf(c).output, exact)) return [];
    const again = resultOf(runs[0]);
    if (typeof again === 'string') return [again];
    const d = firstDifference(c.result, again);
    return d === null ? [] : [`two runs of the same scenario differ at ${d}`];
  },
};
