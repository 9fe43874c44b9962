/**
 * The inverse-account generator's reach (spec §12), measured on the reference's own outcomes: the
 * scenarios `scenario({ params })` draws for inverse params, under a policy stamped in as the gate
 * does (policyScenario.ts), printed as a label distribution and asserted to reach every edge the
 * generator is built for, on fixed seeds. Every drawn scenario must be valid input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDistribution } from '../src/arbitraries/classify.ts';
import { INVERSE_LABELS, inverseLabels } from '../src/arbitraries/inverseLabels.ts';
import { scenariosUnder } from '../src/arbitraries/policyScenario.ts';
import { scenario } from '../src/arbitraries/scenario.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { RiskParams } from '../src/model/types.ts';
import { parsePolicy } from '../src/policy/parsePolicy.ts';
import type { Policy } from '../src/wire/policy.ts';

/** Test params, ours (not a venue's): tiers in coin, continuous (cum = L·Δr). */
const INVERSE: RiskParams = Object.freeze({
  quoteScale: 8,
  trigger: 'inclusive',
  targetBuffer: '0',
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0' }], liquidatorShare: '0' },
  dustNotional: '0',
  priceImpact: '0',
  markets: {
    BTCUSD: {
      lotSize: '1',
      tickSize: '0.5',
      contract: { kind: 'inverse', value: '1' },
      tiers: [
        { notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' },
        { notionalFloor: '150', maintenanceRate: '0.01', maintenanceAmount: '0.75', initialRate: '0.02' },
        { notionalFloor: '300', maintenanceRate: '0.015', maintenanceAmount: '2.25', initialRate: '0.03' },
      ],
    },
    ETHUSD: {
      lotSize: '1',
      tickSize: '0.05',
      contract: { kind: 'inverse', value: '10' },
      tiers: [
        { notionalFloor: '0', maintenanceRate: '0.01', maintenanceAmount: '0', initialRate: '0.02' },
        { notionalFloor: '5000', maintenanceRate: '0.02', maintenanceAmount: '50', initialRate: '0.04' },
      ],
    },
  },
} as RiskParams);

const STRICT: RiskParams = Object.freeze({ ...INVERSE, trigger: 'strict' } as RiskParams);

const POLICY = { name: 'inv-test', requirement: { kind: 'tiers', valuation: 'entry' }, closeSize: { kind: 'full' }, price: { kind: 'bankruptcy' }, penalty: { kind: 'steps', cap: 'bankruptcy' } } as Policy;
/** The same at mark: a full close at the mark leaves an underwater group bankrupt (no taker absorbs it). */
const AT_MARK = { ...POLICY, name: 'inv-test-mark', price: { kind: 'mark' } } as Policy;

const RUNS = 2000;
const SEED = 20261201;

function distribution(params: RiskParams, policy: Policy): { counts: Map<string, number>; invalid: string[] } {
  const parsed = parsePolicy(policy);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const counts = new Map<string, number>(INVERSE_LABELS.map((l) => [l, 0]));
  const invalid: string[] = [];
  for (const s of fc.sample(scenariosUnder(parsed.value, policy, scenario({ params: fc.constant(params) })), { numRuns: RUNS, seed: SEED })) {
    const o = liquidate(s);
    if (!o.ok) invalid.push(`${JSON.stringify(o.error)} on ${JSON.stringify(s)}`);
    for (const l of inverseLabels(s, o)) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return { counts, invalid };
}

describe('inverse accounts: the label distribution', () => {
  it('under the entry valuation and the bankruptcy price, every edge is reached and every draw is valid', { timeout: 120_000 }, () => {
    const { counts, invalid } = distribution(INVERSE, POLICY);
    console.log(`inverse label distribution, ${RUNS} samples, seed ${SEED}, policy ${POLICY.name}:\n${formatDistribution(counts, RUNS)}`);
    expect(invalid.slice(0, 3)).toEqual([]);
    for (const l of [
      'at-trigger-boundary',
      'one-unit-below-boundary',
      'one-unit-above-boundary',
      'negative-equity',
      'bankruptcy-fallback',
      'tier-edge',
      'coin-loss',
      'one-tick-price',
      'long',
      'short',
      'cross',
      'isolated',
      'multi-cross',
      'healthy',
      'full',
    ]) {
      // at least 1 % of the draws: reached by design, not by luck
      expect(counts.get(l) ?? 0, l).toBeGreaterThanOrEqual(RUNS / 100);
    }
  });

  it('at the mark price, underwater groups end bankrupt', { timeout: 120_000 }, () => {
    const { counts, invalid } = distribution(INVERSE, AT_MARK);
    console.log(`inverse label distribution, ${RUNS} samples, seed ${SEED}, policy ${AT_MARK.name}:\n${formatDistribution(counts, RUNS)}`);
    expect(invalid.slice(0, 3)).toEqual([]);
    expect(counts.get('bankrupt') ?? 0).toBeGreaterThanOrEqual(RUNS / 100);
    // the no-solution branch is the bankruptcy price's: never observed at the mark
    expect(counts.get('bankruptcy-fallback')).toBe(0);
  });

  it('under the strict trigger too, E = MM exactly is reached (and then not liquidated)', { timeout: 120_000 }, () => {
    const { counts, invalid } = distribution(STRICT, POLICY);
    expect(invalid.slice(0, 3)).toEqual([]);
    expect(counts.get('at-trigger-boundary') ?? 0).toBeGreaterThanOrEqual(RUNS / 100);
    expect(counts.get('bankruptcy-fallback') ?? 0).toBeGreaterThanOrEqual(RUNS / 100);
  });
});
