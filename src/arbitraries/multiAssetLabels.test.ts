import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { RiskParams, Scenario } from '../model/types.ts';
import type { Policy } from '../wire/policy.ts';
import { classify } from './classify.ts';
import { defaultParams } from './defaultParams.ts';
import { multiAssetLabels } from './multiAssetLabels.ts';
import { scenario } from './scenario.ts';

/**
 * Assets, ours (not a venue's): X sells at 5 % off and counts half; Y is worthless to the target
 * restore (π/p = 0.4 ≤ w′ = 0.5); Z has weight 0. Quote unit 10^−6 (defaultParams).
 */
const PARAMS = {
  ...defaultParams,
  assets: { X: { unit: '0.01', weight: '0.5', discount: '0.05' }, Y: { unit: '0.01', weight: '0.5', discount: '0.6' }, Z: { unit: '1', weight: '0' } },
} as RiskParams;
const DEFICIT = { name: 'ma-deficit', collateral: { kind: 'sell', restore: 'deficit' } } as Policy;
const TARGET = { name: 'ma-target', collateral: { kind: 'sell', restore: 'target' } } as Policy;

function tokenOnly(collateral: string, assets: Record<string, string>, prices: Record<string, string>, policy: Policy = DEFICIT): Scenario {
  return { params: PARAMS, marks: {}, account: { collateral, positions: [], assets }, assetPrices: prices, insuranceFund: '0', policy } as Scenario;
}

const labels = (s: Scenario): string[] => multiAssetLabels(s, liquidate(s));

describe('multiAssetLabels', () => {
  // Hand-computed, not a published vector (spec §13.4): 0.1 X at 1,000 fetches ⌊0.1·950⌋ = 95.
  it('a deficit covered exactly by one whole balance, and one quote unit short', () => {
    expect(labels(tokenOnly('-95', { X: '0.1' }, { X: '1000' }))).toEqual(expect.arrayContaining(['deficit-covered-exactly', 'collateral-sold', 'quote-debt', 'token-only', 'full']));
    const short = labels(tokenOnly('-95.000001', { X: '0.1' }, { X: '1000' }));
    expect(short).toEqual(expect.arrayContaining(['deficit-one-unit-short', 'collateral-exhausted', 'bankrupt']));
    expect(short).not.toContain('deficit-covered-exactly');
  });

  it('a sale that crosses zero, and borrowed quote on a healthy account', () => {
    // E = −10 + 0.1·1000·0.5 + 0 = 40 ≥ 0: healthy, nothing sold.
    const l = labels(tokenOnly('-10', { X: '0.1', Z: '1' }, { X: '1000', Z: '3' }));
    expect(l).toEqual(expect.arrayContaining(['healthy', 'healthy-quote-debt', 'zero-weight-asset', 'several-assets']));
    expect(l).not.toContain('collateral-sold');
    const crossing = labels(tokenOnly('-10', { X: '0.02' }, { X: '1000' }));
    // E = −10 + 10 = 0: not liquidatable under the strict trigger.
    expect(crossing).toContain('healthy');
    // C = −10.5: E = −0.5 < 0; s = ⌈10.5/950⌉_0.01 = 0.02 (0.01 fetches only 9.5) fetches 19: C = 8.5.
    const sold = labels(tokenOnly('-10.5', { X: '0.02' }, { X: '1000' }));
    expect(sold).toEqual(expect.arrayContaining(['sale-crosses-zero', 'collateral-sold']));
  });

  it('an asset that cannot help under target restore, equal a·p·w′ (the tie), one unit worth one quote unit', () => {
    // Y: 1 at 100 counts 50 in E, 0.02 X at 1000 counts 10: E = −70 + 60 < 0.
    const l = labels(tokenOnly('-70', { X: '0.02', Y: '1' }, { X: '1000', Y: '100' }, TARGET));
    expect(l).toContain('asset-cannot-help');
    // a·p·w′: 0.02·1000·0.5 = 10 and 0.2·100·0.5 = 10.
    expect(labels(tokenOnly('0', { X: '0.02', Y: '0.2' }, { X: '1000', Y: '100' }))).toContain('order-tie');
    // p·unit = 0.0001·0.01 = 10^−6 = u.
    expect(labels(tokenOnly('0', { X: '1' }, { X: '0.0001' }))).toContain('one-unit-price');
    expect(labels(tokenOnly('0', { X: '1' }, { X: '0.0002' }))).not.toContain('one-unit-price');
  });

  it('the trigger and target boundaries of the cross group', () => {
    // E = −50 + 50 = 0 = MM = T (w′ = w): both boundaries; −50.000001: one unit below both.
    expect(labels(tokenOnly('-50', { X: '0.1' }, { X: '1000' }))).toEqual(expect.arrayContaining(['at-trigger-boundary', 'at-target-boundary', 'healthy']));
    expect(labels(tokenOnly('-50.000001', { X: '0.1' }, { X: '1000' }))).toEqual(expect.arrayContaining(['one-unit-below-boundary', 'one-unit-below-target']));
    expect(labels(tokenOnly('-49.999999', { X: '0.1' }, { X: '1000' }))).toEqual(expect.arrayContaining(['one-unit-above-boundary', 'one-unit-above-target']));
  });
});

describe('classify on collateral assets', () => {
  // classify's replay of §6.3's closed form values a group without its assets (spec §13.2); on
  // multi-asset draws it found "rounding bounds" that were only its own missing W = Σ a·p·w.
  it('claims no rounding bound from a replay that leaves the assets out', () => {
    const params = { ...defaultParams, assets: { BTC: { unit: '0.00000001', weight: '0.95', targetWeight: '0.9', discount: '0.05' }, D: { unit: '1', weight: '0' } } } as RiskParams;
    let partials = 0;
    for (const drawn of fc.sample(scenario({ params: fc.constant(params) }), { numRuns: 300, seed: 5 })) {
      const s = { ...drawn, policy: TARGET } as Scenario;
      const o = liquidate(s);
      if (o.ok && o.result.fills.some((f) => o.result.account.positions.some((q) => q.market === f.market))) partials++;
      expect(classify(s, o)).not.toContain('rounding-bound');
    }
    // the replay had partial fills to look at
    expect(partials).toBeGreaterThan(10);
  });
});
