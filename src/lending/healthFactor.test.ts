// Worked examples of spec §11.2–§11.3: hand-computed (exact fractions), not published vectors.
import { describe, expect, it } from 'vitest';
import { toCanonical } from '../model/fixed.ts';
import { accountValue } from './baseValue.ts';
import { healthFactor, isLiquidatable } from './healthFactor.ts';
import { aaveScenario } from './__support__/workedExamples.ts';
import { parsed } from './__support__/parsed.ts';

const valueAt = (wethPrice: string, o: Parameters<typeof aaveScenario>[0] = {}) => {
  const sc = parsed(aaveScenario({ wethPrice, ...o }));
  return accountValue(sc.market, sc.account);
};

describe('accountValue', () => {
  it('values 10 WETH at 2000 (LT 0.825) against 17,000 USDC: C = 20000, W = 16500, D = 17000', () => {
    const v = valueAt('2000');
    expect(toCanonical(v.collateral)).toBe('20000');
    expect(toCanonical(v.weighted)).toBe('16500');
    expect(toCanonical(v.debt)).toBe('17000');
  });

  it('floors collateral and ceils debt to the base unit 10^-8', () => {
    // 0.000000000000000001 WETH at 2000 is worth 2·10^-15 base: floored to 0.
    // 0.000001 USDC at 1.000000005 is worth 1.000000005·10^-6: ceiled to 0.00000101.
    const sc = parsed({
      ...aaveScenario({ supplies: { WETH: '0.000000000000000001' }, borrows: { USDC: '0.000001' } }),
      prices: { WETH: '2000', USDC: '1.000000005', DAI: '1' },
    });
    const v = accountValue(sc.market, sc.account);
    expect(toCanonical(v.collateral)).toBe('0');
    expect(toCanonical(v.debt)).toBe('0.00000101');
  });

  it('gives a non-collateral supply no value', () => {
    const sc = parsed(aaveScenario());
    const noCollateral = { ...sc, market: { ...sc.market, assets: new Map([...sc.market.assets].map(([k, a]) => [k, k === 'WETH' ? { ...a, collateral: false } : a])) } };
    expect(accountValue(noCollateral.market, noCollateral.account).weighted.isZero()).toBe(true);
  });
});

describe('isLiquidatable / healthFactor', () => {
  it('is liquidatable at W = 16500 < D = 17000, HF = ⌊33/34⌋ = 0.970588235294117647', () => {
    const v = valueAt('2000');
    expect(isLiquidatable(v)).toBe(true);
    expect(healthFactor(v)).toBe('0.970588235294117647');
  });

  it('is healthy at WETH 2100 (W = 17325 ≥ 17000)', () => {
    const v = valueAt('2100');
    expect(isLiquidatable(v)).toBe(false);
    expect(healthFactor(v)).toBe('1.019117647058823529'); // 17325/17000 floored
  });

  it('is healthy at exactly W = D (the trigger is strict), HF = 1', () => {
    // 16,500 USDC borrowed against W = 16500.
    const v = valueAt('2000', { borrows: { USDC: '16500' } });
    expect(isLiquidatable(v)).toBe(false);
    expect(healthFactor(v)).toBe('1');
  });

  it('reports null and is not liquidatable without debt', () => {
    // A request needs a borrowed asset, so the account is emptied after parsing.
    const sc = parsed(aaveScenario());
    const v = accountValue(sc.market, { supplies: sc.account.supplies, borrows: new Map() });
    expect(isLiquidatable(v)).toBe(false);
    expect(healthFactor(v)).toBeNull();
  });
});
