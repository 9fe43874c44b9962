/**
 * The generated scenarios reach the backstop's interesting region (spec §10.8): groups taken over,
 * groups liquidated above the threshold, and — for the 1/1 threshold of the zoo's comparison bug —
 * groups exactly on it (`E = MM` under the inclusive trigger), where `<` and `≤` part ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../../arbitraries/index.ts';
import { scenariosUnder } from '../../arbitraries/policyScenario.ts';
import { Dec } from '../../model/decimal.ts';
import { liquidate } from '../../model/liquidate.ts';
import type { Policy } from '../../wire/policy.ts';
import { parsePolicy } from '../parsePolicy.ts';

type Region = 'taken over' | 'at the threshold (inclusive)' | 'liquidated above it' | 'healthy';

function distribution(wire: Policy, n: number, d: number): Map<Region, number> {
  const parsed = parsePolicy(wire);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const counts = new Map<Region, number>();
  for (const sc of fc.sample(scenariosUnder(parsed.value, wire, scenario()), { numRuns: 400, seed: 20261201 })) {
    const out = liquidate(sc);
    if (!out.ok) continue;
    for (const g of out.result.groups) {
      const lhs = new Dec(g.before.equity).mul(d);
      const rhs = new Dec(g.before.maintenance).mul(n);
      const region: Region = g.status === 'healthy' ? 'healthy' : lhs.lt(rhs) ? 'taken over' : lhs.eq(rhs) ? 'at the threshold (inclusive)' : 'liquidated above it';
      counts.set(region, (counts.get(region) ?? 0) + 1);
    }
  }
  return counts;
}

describe('backstop scenarios reach the threshold (spec §10.8)', () => {
  it('2/3: groups taken over and groups liquidated above the threshold both occur', () => {
    const c = distribution({ trigger: { kind: 'backstop', numerator: '2', denominator: '3' } }, 2, 3);
    console.log('[backstop 2/3]', Object.fromEntries(c));
    expect(c.get('taken over') ?? 0).toBeGreaterThan(20);
    expect(c.get('liquidated above it') ?? 0).toBeGreaterThan(20);
  });

  it('1/1: groups exactly at E = MM under the inclusive trigger occur', () => {
    const c = distribution({ trigger: { kind: 'backstop', numerator: '1', denominator: '1' } }, 1, 1);
    console.log('[backstop 1/1]', Object.fromEntries(c));
    // A liquidated group at E = MM is one under the inclusive trigger (strict leaves it healthy).
    expect(c.get('at the threshold (inclusive)') ?? 0).toBeGreaterThan(5);
    expect(c.get('liquidated above it') ?? 0).toBe(0);
  });
});
