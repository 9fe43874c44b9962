import type { LendingScenario } from '../../wire/lending.ts';
import type { LendingRelationInvariant } from './invariant.ts';
import { firstDifference, resultOrWhy } from './sameResult.ts';

const reversed = <V>(o: Readonly<Record<string, V>>): Record<string, V> => Object.fromEntries(Object.entries(o).reverse());

/** The scenario with the keys of every asset map in reverse order (same content). */
export function reorderedScenario(sc: LendingScenario): LendingScenario {
  return {
    ...sc,
    params: { ...sc.params, assets: reversed(sc.params.assets) },
    prices: reversed(sc.prices),
    account: { supplies: reversed(sc.account.supplies), borrows: reversed(sc.account.borrows) },
  };
}

/**
 * LND-012 — the order of the asset maps does not matter.
 *
 * @remarks Domain: scenarios with at least one asset map of two keys or more (else the reversal
 * is the same scenario). JSON objects are maps: an engine that iterates them in insertion order
 * must not let that order decide anything (which borrow is written off, which asset is valued
 * first in a rounded running sum).
 * @see docs/spec.md#111-inputs-and-units
 */
export const inputOrderIndependent: LendingRelationInvariant = {
  kind: 'relation',
  id: 'LND-012',
  title: 'input-order independence of the asset maps',
  statement: 'Reversing the key order of params.assets, prices, account.supplies and account.borrows gives the same result (every field, key order aside).',
  domain: 'Scenarios with an asset map of two keys or more. Counter-case in real engines: Aave iterates reserves by their bitmap index, an order fixed by listing, not by the user; an engine keyed by insertion order is not.',
  spec: '#111-inputs-and-units',
  presumes: ['close-factor', 'absorb'],
  derive: (c) => {
    const sc = c.scenario;
    const sizes = [sc.params.assets, sc.prices, sc.account.supplies, sc.account.borrows].map((m) => Object.keys(m).length);
    return sizes.some((n) => n >= 2) ? [reorderedScenario(sc)] : [];
  },
  compare: (c, runs) => {
    const other = resultOrWhy(runs[0]);
    if (!other.ok) return [`the scenario with its asset maps reversed failed: ${other.why}`];
    const d = firstDifference(c.result, other.result);
    return d === null ? [] : [`reversing the order of the asset maps changes the result at ${d}`];
  },
};
