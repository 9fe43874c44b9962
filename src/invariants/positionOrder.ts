import type { LiquidationResult } from '../model/types.ts';
import { firstDifference, resultOf } from './relationSupport.ts';
import type { RelationInvariant } from './invariant.ts';
import { derivedInput } from './caseInput.ts';

/** The result with the account's positions sorted by market, the one order-free part. */
function normalized(r: LiquidationResult): LiquidationResult {
  const positions = [...r.account.positions].sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : 0));
  return { ...r, account: { ...r.account, positions } };
}

/**
 * LIQ-014 — the order in which positions are listed does not matter.
 */
export const positionOrder: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-014',
  title: 'position order irrelevant',
  statement: 'Listing the account’s positions in reverse order gives the same liquidation (fills in the same order; positions compared as a set).',
  domain: 'Accounts with at least two positions.',
  spec: '#62-order',
  policy: 'any',
  derive: (c) => {
    if (c.input.positions.length < 2) return [];
    // The same positions in reverse: parsed and wire forms are both read off the case.
    const parsed = { ...c.input, positions: [...c.input.positions].reverse() };
    return [derivedInput(parsed, () => ({ ...c.scenario, account: { ...c.scenario.account, positions: [...c.scenario.account.positions].reverse() } }))];
  },
  compare: (c, runs) => {
    const got = resultOf(runs[0]);
    if (typeof got === 'string') return [got];
    const d = firstDifference(normalized(c.result), normalized(got));
    return d === null ? [] : [`reversing the positions changes the liquidation at ${d} (original vs reversed)`];
  },
};
