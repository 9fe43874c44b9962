import type { LendingRelationInvariant } from './invariant.ts';
import { firstDifference, resultOrWhy } from './sameResult.ts';

/**
 * LND-011 — the same scenario always gives the same result.
 * @see docs/spec.md#1110-result-and-rounding-summary
 */
export const determinism: LendingRelationInvariant = {
  kind: 'relation',
  id: 'LND-011',
  title: 'determinism',
  statement: 'Liquidating the same lending scenario twice gives identical results (every field, key order aside).',
  domain: 'All scenarios. Counter-case in real engines: state that leaks between calls (a cached price or index, accrued interest) makes a second identical call differ.',
  spec: '#1110-result-and-rounding-summary',
  presumes: ['close-factor', 'absorb'],
  derive: (c) => [c.scenario],
  compare: (c, runs) => {
    const again = resultOrWhy(runs[0]);
    if (!again.ok) return [`a second run of the same scenario failed: ${again.why}`];
    const d = firstDifference(c.result, again.result);
    return d === null ? [] : [`two runs of the same scenario differ at ${d}`];
  },
};
