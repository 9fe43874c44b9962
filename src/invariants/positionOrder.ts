import type { ExactResult } from '../model/amountResult.ts';
import type { LiquidationResult } from '../model/types.ts';
import { exactOf } from './ledger.ts';
import { exactRunResult, firstDifference, resultOf, sameExact } from './relationSupport.ts';
import type { RelationInvariant } from './invariant.ts';
import { derivedInput } from './caseInput.ts';

/** The result (wire or exact) with the account's positions sorted by market, the one order-free part. */
function normalized<R extends Pick<LiquidationResult, 'account'> | Pick<ExactResult, 'account'>>(r: R): R {
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
  presumes: [],
  derive: (c) => {
    if (c.input.positions.length < 2) return [];
    // The same positions in reverse: parsed and wire forms are both read off the case.
    const parsed = { ...c.input, positions: [...c.input.positions].reverse() };
    return [derivedInput(parsed, () => ({ ...c.scenario, account: { ...c.scenario.account, positions: [...c.scenario.account.positions].reverse() } }))];
  },
  compare: (c, runs) => {
    // Same exact amounts, same result: no strings to write. A difference is located on the wire.
    const exact = exactRunResult(runs[0]);
    if (exact !== undefined && sameExact(normalized(exactOf(c).output), normalized(exact))) return [];
    const got = resultOf(runs[0]);
    if (typeof got === 'string') return [got];
    const d = firstDifference(normalized(c.result), normalized(got));
    return d === null ? [] : [`reversing the positions changes the liquidation at ${d} (original vs reversed)`];
  },
};
