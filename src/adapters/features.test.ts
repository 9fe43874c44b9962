import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../arbitraries/defaultParams.ts';
import { scenario } from '../arbitraries/scenario.ts';
import type { PositionInput, Scenario } from '../model/types.ts';
import { FEATURE_RULES, FEATURES, missingFeatures, requiredFeatures } from './features.ts';

const oneTier = { lotSize: '0.01', tickSize: '0.5', tiers: [{ notionalFloor: '0', maintenanceRate: '0.05', maintenanceAmount: '0', initialRate: '0.1' }] };
const core: Scenario = {
  params: {
    quoteScale: 2,
    trigger: 'strict',
    targetBuffer: '0.01',
    penalty: { steps: [{ maxMarginRatio: '1', rate: '0.01' }], liquidatorShare: '0.5' },
    dustNotional: '0',
    priceImpact: '0',
    markets: { A: oneTier, B: oneTier },
  },
  marks: { A: '100', B: '100' },
  account: { collateral: '100', positions: [{ market: 'A', size: '1', entryPrice: '100' }] },
  insuranceFund: '0',
};
const withPositions = (positions: PositionInput[]): Scenario => ({ ...core, account: { ...core.account, positions } });

describe('requiredFeatures', () => {
  it('should require only cross for the core scenario, and nothing without positions', () => {
    expect(requiredFeatures(core)).toEqual(['cross']);
    expect(requiredFeatures(withPositions([]))).toEqual([]);
  });

  it.each<[string, Scenario, string[]]>([
    ['two cross positions', withPositions([{ market: 'A', size: '1', entryPrice: '1' }, { market: 'B', size: '-1', entryPrice: '1' }]), ['cross', 'cross-multi']],
    ['one isolated position', withPositions([{ market: 'A', size: '1', entryPrice: '1', isolatedMargin: '5' }]), ['isolated']],
    ['cross and isolated', withPositions([{ market: 'A', size: '1', entryPrice: '1' }, { market: 'B', size: '1', entryPrice: '1', isolatedMargin: '0' }]), ['cross', 'isolated', 'multi-group']],
    ['two isolated', withPositions([{ market: 'A', size: '1', entryPrice: '1', isolatedMargin: '1' }, { market: 'B', size: '1', entryPrice: '1', isolatedMargin: '1' }]), ['isolated', 'multi-group']],
    ['price impact', { ...core, params: { ...core.params, priceImpact: '0.001' } }, ['cross', 'price-impact']],
    ['a zero price impact written 0.000', { ...core, params: { ...core.params, priceImpact: '0.000' } }, ['cross']],
    ['dust', { ...core, params: { ...core.params, dustNotional: '10' } }, ['cross', 'dust']],
    ['two penalty steps', { ...core, params: { ...core.params, penalty: { ...core.params.penalty, steps: [{ maxMarginRatio: '1', rate: '0.01' }, { maxMarginRatio: '0.5', rate: '0.02' }] } } }, ['cross', 'penalty-steps']],
    ['inclusive trigger', { ...core, params: { ...core.params, trigger: 'inclusive' } }, ['cross', 'inclusive-trigger']],
    ['an inverse market', { ...core, params: { ...core.params, markets: { A: { ...oneTier, contract: { kind: 'inverse', value: '1' } }, B: { ...oneTier, contract: { kind: 'inverse', value: '1' } } } } }, ['cross', 'inverse']],
    ['collateral assets', { ...core, params: { ...core.params, assets: { BTC: { unit: '0.00000001', weight: '0.95' } } }, assetPrices: { BTC: '50000' }, policy: {} }, ['cross', 'multi-asset']],
    ['a market written linear', { ...core, params: { ...core.params, markets: { A: { ...oneTier, contract: { kind: 'linear' } }, B: oneTier } } }, ['cross']],
    ['tiers in a market not held', { ...core, params: { ...core.params, markets: { A: oneTier, B: defaultParams.markets['BTC-PERP']! } } }, ['cross', 'tiers']],
  ])('should detect %s', (_name, s, expected) => {
    expect(requiredFeatures(s)).toEqual(expected);
  });

  it('should never throw, whatever the shape', () => {
    for (const junk of [null, {}, { account: null }, { account: { positions: 'x' }, params: { markets: null, penalty: { steps: 3 } } }, { params: { markets: { A: null, B: { contract: null }, C: { contract: 'inverse' } } } }]) {
      expect(() => requiredFeatures(junk as unknown as Scenario)).not.toThrow();
    }
  });

  it('should report features in catalog order and each one documented', () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        const need = requiredFeatures(s);
        expect(need).toEqual(FEATURES.filter((f) => need.includes(f)));
        expect(missingFeatures(s, FEATURES)).toEqual([]);
        expect(missingFeatures(s, [])).toEqual(need);
      }),
      { seed: 20261125, numRuns: 200 },
    );
    for (const f of FEATURES) expect(FEATURE_RULES[f]).toMatch(/\S/);
  });

  it('should leave an inverse scenario to engines that list `inverse` (a minimal-close engine does not)', () => {
    const inverse = { ...oneTier, contract: { kind: 'inverse', value: '1' } } as const;
    const s: Scenario = { ...core, params: { ...core.params, markets: { A: inverse, B: inverse } }, policy: { closeSize: { kind: 'full' } } };
    expect(missingFeatures(s, FEATURES.filter((f) => f !== 'inverse'))).toEqual(['inverse']);
    expect(missingFeatures(s, FEATURES)).toEqual([]);
  });

  it('should leave a multi-asset scenario to engines that list `multi-asset`, and an empty assets record too', () => {
    const s: Scenario = { ...core, params: { ...core.params, assets: {} }, policy: { collateral: { kind: 'sell', restore: 'deficit' } } };
    expect(missingFeatures(s, FEATURES.filter((f) => f !== 'multi-asset'))).toEqual(['multi-asset']);
    expect(missingFeatures(s, FEATURES)).toEqual([]);
  });
});
