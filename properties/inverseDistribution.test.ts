/**
 * The inverse-account generator's reach (spec §12), measured on the reference's own outcomes: the
 * scenarios `scenario({ params })` draws for inverse params, under a policy stamped in as the gate
 * does (policyScenario.ts), printed as a label distribution and asserted to reach every edge the
 * generator is built for, on fixed seeds. Every drawn scenario must be valid input.
 */
import { describe, expect, it } from 'vitest';
import { formatDistribution } from '../src/arbitraries/classify.ts';
import { INVERSE_LABELS, inverseLabels } from '../src/arbitraries/inverseLabels.ts';
import { INVERSE_POLICY, labelDistribution, twoInverseMarkets } from '../src/model/__support__/inverseScenarios.ts';
import type { RiskParams } from '../src/model/types.ts';
import type { Policy } from '../src/wire/policy.ts';

/** Test params, ours (not a venue's): tiers in coin, continuous (cum = L·Δr). */
const INVERSE: RiskParams = twoInverseMarkets();

const STRICT: RiskParams = twoInverseMarkets({ trigger: 'strict' });

const POLICY = INVERSE_POLICY;
/** The same at mark: a full close at the mark leaves an underwater group bankrupt (no taker absorbs it). */
const AT_MARK = { ...POLICY, name: 'inv-test-mark', price: { kind: 'mark' } } as Policy;

const RUNS = 2000;
const SEED = 20261201;

const distribution = (params: RiskParams, policy: Policy) => labelDistribution(params, policy, INVERSE_LABELS, inverseLabels, RUNS, SEED);

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
