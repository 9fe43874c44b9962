/**
 * The multi-asset generator's reach (spec §13), measured on the reference's own outcomes: the
 * scenarios `scenario({ params })` draws for params with `assets`, under a policy stamped in as the
 * gate does (policyScenario.ts), printed as a label distribution and asserted to reach every edge
 * the generator is built for, on fixed seeds. Every drawn scenario must be valid input under the
 * collateral parts `sell`/`deficit`, `sell`/`target` and `none`.
 */
import { describe, expect, it } from 'vitest';
import { formatDistribution } from '../src/arbitraries/classify.ts';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';
import { MULTI_ASSET_LABELS, multiAssetLabels } from '../src/arbitraries/multiAssetLabels.ts';
import { labelDistribution } from '../src/model/__support__/inverseScenarios.ts';
import { deepFreeze } from '../src/model/frozen.ts';
import type { RiskParams } from '../src/model/types.ts';
import type { Policy } from '../src/wire/policy.ts';

/**
 * Test assets, ours (not a venue's): a discounted one that helps (π/p = 0.95 > w′ = 0.9), one
 * sold at a fee factor (π/p = 1/1.05 > w = 0.8, so a deficit it covers exactly leaves E < 0), one
 * that cannot help under target restore (π/p = 0.4 ≤ w′ = 0.5), one of weight 0 and one of weight 1.
 */
const ASSETS = {
  BTC: { unit: '0.00000001', weight: '0.95', targetWeight: '0.9', discount: '0.05' },
  ETH: { unit: '0.000001', weight: '0.8', targetWeight: '0.7', feeFactor: '1.05' },
  BNB: { unit: '0.0001', weight: '0.5', discount: '0.6' },
  DUST: { unit: '1', weight: '0' },
  USD1: { unit: '0.000001', weight: '1' },
};

const WITH_ASSETS: RiskParams = deepFreeze({ ...defaultParams, assets: ASSETS } as RiskParams);
/** Borrowed quote at Mango-like liability weights: no cross position (spec §13.1). */
const QUOTE_DEBT: RiskParams = deepFreeze({ ...defaultParams, trigger: 'inclusive', assets: ASSETS, quoteDebt: { weight: '1.1', targetWeight: '1.2' } } as RiskParams);

const policy = (name: string, collateral: Policy['collateral']): Policy => ({ name, closeSize: { kind: 'minimal' }, price: { kind: 'mark' }, collateral }) as Policy;
const DEFICIT = policy('ma-deficit', { kind: 'sell', restore: 'deficit' });
const TARGET = policy('ma-target', { kind: 'sell', restore: 'target' });
const NONE = policy('ma-none', { kind: 'none' });

const RUNS = 1500;
const SEED = 20261201;

const distribution = (params: RiskParams, wire: Policy) => labelDistribution(params, wire, MULTI_ASSET_LABELS, multiAssetLabels, RUNS, SEED);

function expectReached(counts: ReadonlyMap<string, number>, labels: readonly string[]): void {
  // at least 0.5 % of the draws: reached by design, not by luck
  for (const l of labels) expect(counts.get(l) ?? 0, l).toBeGreaterThanOrEqual(RUNS / 200);
}

describe('multi-asset accounts: the label distribution', () => {
  it('under sell/deficit every edge is reached and every draw is valid', { timeout: 180_000 }, () => {
    const { counts, invalid } = distribution(WITH_ASSETS, DEFICIT);
    console.log(`multi-asset label distribution, ${RUNS} samples, seed ${SEED}, policy ${DEFICIT.name}:\n${formatDistribution(counts, RUNS)}`);
    expect(invalid.slice(0, 3)).toEqual([]);
    expectReached(counts, [
      'healthy',
      'partial',
      'full',
      'bankrupt',
      'at-trigger-boundary',
      'one-unit-below-boundary',
      'one-unit-above-boundary',
      'at-target-boundary',
      'one-unit-below-target',
      'one-unit-above-target',
      'quote-debt',
      'healthy-quote-debt',
      'collateral-sold',
      'deficit-covered-exactly',
      'deficit-one-unit-short',
      'sale-crosses-zero',
      'collateral-exhausted',
      'zero-weight-asset',
      'one-unit-price',
      'order-tie',
      'several-assets',
      'token-only',
      'with-positions',
    ]);
  });

  it('under sell/target an asset that cannot help is held by liquidated groups, and sales cross zero', { timeout: 180_000 }, () => {
    const { counts, invalid } = distribution(WITH_ASSETS, TARGET);
    console.log(`multi-asset label distribution, ${RUNS} samples, seed ${SEED}, policy ${TARGET.name}:\n${formatDistribution(counts, RUNS)}`);
    expect(invalid.slice(0, 3)).toEqual([]);
    expectReached(counts, ['asset-cannot-help', 'collateral-sold', 'sale-crosses-zero', 'collateral-exhausted', 'at-target-boundary', 'quote-debt']);
  });

  it('under collateral none nothing is sold, and borrowed quote stays', { timeout: 180_000 }, () => {
    const { counts, invalid } = distribution(WITH_ASSETS, NONE);
    expect(invalid.slice(0, 3)).toEqual([]);
    expect(counts.get('collateral-sold')).toBe(0);
    expectReached(counts, ['quote-debt', 'healthy-quote-debt', 'full', 'at-trigger-boundary']);
  });

  it('with weighted quote debt (l = 1.1, l′ = 1.2) the cross group holds no position and the boundaries are still exact', { timeout: 180_000 }, () => {
    for (const wire of [TARGET, DEFICIT]) {
      const { counts, invalid } = distribution(QUOTE_DEBT, wire);
      console.log(`multi-asset label distribution, ${RUNS} samples, seed ${SEED}, quote debt 1.1/1.2, policy ${wire.name}:\n${formatDistribution(counts, RUNS)}`);
      expect(invalid.slice(0, 3)).toEqual([]);
      expect(counts.get('with-positions')).toBe(0);
      expectReached(counts, ['token-only', 'quote-debt', 'healthy-quote-debt', 'at-trigger-boundary', 'at-target-boundary', 'collateral-sold', 'collateral-exhausted']);
    }
  });
});
