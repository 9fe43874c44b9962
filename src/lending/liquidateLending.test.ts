// The worked examples of spec §11 end to end: every expected value is hand-computed from the
// spec with exact fractions (the computations are in the spec's examples), not a published vector.
import { describe, expect, it } from 'vitest';
import { liquidateLending } from './liquidateLending.ts';
import { AAVE_V32, AAVE_V33, aaveScenario, compoundScenario, morphoScenario } from './__support__/workedExamples.ts';
import { AAVE_PARTIAL } from './__support__/workedResults.ts';
import type { LendingResult } from '../wire/lending.ts';

function result(scenario: unknown): LendingResult {
  const out = liquidateLending(scenario);
  if (!out.ok) throw new Error(`rejected: ${JSON.stringify(out.error)}`);
  return out.result;
}

const NOTHING = { repaid: {}, seized: {}, protocolFee: {}, liquidatorReceives: {}, deficit: {} };

describe('liquidateLending: close-factor rules (Aave v3.3)', () => {
  it('§11.4–§11.6: repays 8,500 USDC, seizes 4.4625 WETH of which 0.02125 is the fee', () => {
    expect(result(aaveScenario())).toEqual(AAVE_PARTIAL); // hand-computed: see workedResults.ts
  });

  it('§11.3: reports a healthy account and moves nothing (WETH 2100)', () => {
    expect(result(aaveScenario({ wethPrice: '2100' }))).toEqual({
      status: 'healthy',
      ...NOTHING,
      account: { supplies: { WETH: '10' }, borrows: { USDC: '17000' } },
      healthBefore: '1.019117647058823529',
      healthAfter: '1.019117647058823529',
    });
  });

  it('§11.4: repays all 17,000 at HF ≤ 0.95 (WETH 1900), leaving no debt', () => {
    expect(result(aaveScenario({ wethPrice: '1900' }))).toEqual({
      status: 'liquidated',
      repaid: { USDC: '17000' },
      seized: { WETH: '9.394736842105263157' },
      protocolFee: { WETH: '0.044736842105263158' },
      liquidatorReceives: { WETH: '9.349999999999999999' },
      deficit: {},
      account: { supplies: { WETH: '0.605263157894736843' }, borrows: {} },
      healthBefore: '0.922058823529411764',
      healthAfter: null,
    });
  });

  it('§11.5 and §11.8: exhausts the collateral at WETH 1600 and writes off 1761.904761 USDC', () => {
    expect(result(aaveScenario({ wethPrice: '1600' }))).toEqual({
      status: 'liquidated',
      repaid: { USDC: '15238.095239' },
      seized: { WETH: '10' },
      protocolFee: { WETH: '0.04761904761904762' },
      liquidatorReceives: { WETH: '9.95238095238095238' },
      deficit: { USDC: '1761.904761' },
      account: { supplies: {}, borrows: {} },
      healthBefore: '0.776470588235294117',
      healthAfter: null,
    });
  });

  it('§11.8: keeps the bad debt on the books without the deficit rule (Aave ≤ v3.2)', () => {
    const r = result(aaveScenario({ wethPrice: '1600', rules: AAVE_V32 }));
    expect(r.deficit).toEqual({});
    expect(r.account).toEqual({ supplies: {}, borrows: { USDC: '1761.904761' } });
    expect(r.healthAfter).toBe('0');
  });

  it('§11.7: reverts a call that leaves 500 USDC of debt (must-not-leave-dust)', () => {
    const sc = aaveScenario({ wethPrice: '1900', request: { debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover: '16500' } });
    expect(result(sc)).toEqual({
      status: 'reverted',
      reason: 'must-not-leave-dust',
      ...NOTHING,
      account: { supplies: { WETH: '10' }, borrows: { USDC: '17000' } },
      healthBefore: '0.922058823529411764',
      healthAfter: '0.922058823529411764',
    });
  });

  it('§11.11: a partial call below LB·LT lowers HF (WETH 1600, r = 1000: 0.7764… → 0.770859375)', () => {
    const sc = aaveScenario({ wethPrice: '1600', rules: { ...AAVE_V32, closeFactor: '1' }, request: { debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover: '1000' } });
    const r = result(sc);
    expect(r.seized).toEqual({ WETH: '0.65625' });
    expect(r.healthBefore).toBe('0.776470588235294117');
    expect(r.healthAfter).toBe('0.770859375'); // (10 − 0.65625) · 1600 · 0.825 / 16000
  });
});

describe('liquidateLending: a published Aave vector', () => {
  it('seizes 3 of 4 USDX for a debt of 3 (LB 1.05, fee 100 %): fee 1, liquidator 2', () => {
    // aave-dao/aave-v3-origin tests/protocol/pool/Pool.Liquidations.t.sol
    // test_collateral_bit_remains_after_full_scaled_consumption (indices aside): balance 4, debt 3
    // repaid in full, "maxCollateralToLiquidate = floor(3 * 1.05) = 3, actualCollateralToLiquidate
    // = 2, fee = 1", HF = 4 · 50 % / 3.
    const usdx = { unit: '1', liquidationThreshold: '0.5', liquidationBonus: '1.05', protocolFee: '1', collateral: true };
    const sc = {
      model: 'lending',
      params: { baseScale: 8, assets: { USDX: usdx }, rules: { ...AAVE_V33, rounding: 'aave' } },
      prices: { USDX: '1' },
      account: { supplies: { USDX: '4' }, borrows: { USDX: '3' } },
      request: { debtAsset: 'USDX', collateralAsset: 'USDX', debtToCover: 'max' },
    };
    expect(result(sc)).toEqual({
      status: 'liquidated',
      repaid: { USDX: '3' },
      seized: { USDX: '3' },
      protocolFee: { USDX: '1' },
      liquidatorReceives: { USDX: '2' },
      deficit: {},
      account: { supplies: { USDX: '1' }, borrows: {} },
      healthBefore: '0.666666666666666666',
      healthAfter: null,
    });
  });
});

describe('liquidateLending: Morpho Blue', () => {
  it('repays 1,000 USDC for ⌊1000 · LIF / 2000⌋ WETH, with no fee and no close factor', () => {
    // HF = 1720/1750; after: C = ⌊0.478079331941544886 · 2000⌋_{10^-6} = 956.158663, · 0.86 / 750.
    expect(result(morphoScenario('1000'))).toEqual({
      status: 'liquidated',
      repaid: { USDC: '1000' },
      seized: { WETH: '0.521920668058455114' },
      protocolFee: {},
      liquidatorReceives: { WETH: '0.521920668058455114' },
      deficit: {},
      account: { supplies: { WETH: '0.478079331941544886' }, borrows: { USDC: '750' } },
      healthBefore: '0.982857142857142857',
      healthAfter: '1.096395266906666666',
    });
  });

  it('seizes ⌊⌊1000 · LIF⌋_{10^-6} / 2000⌋ = 0.521920668 WETH under "morpho" rounding', () => {
    const sc = morphoScenario('1000');
    const r = result({ ...sc, params: { ...sc.params, rules: { ...sc.params.rules, rounding: 'morpho' } } });
    expect(r.seized).toEqual({ WETH: '0.521920668' });
    expect(r.account.supplies).toEqual({ WETH: '0.478079332' });
  });

  it('repays the whole debt on "max" (CF = 1)', () => {
    expect(result(morphoScenario('max')).repaid).toEqual({ USDC: '1750' });
  });
});

describe('liquidateLending: absorb (Compound v3)', () => {
  it('absorbs the account, reporting reserves after', () => {
    expect(result(compoundScenario('2000'))).toEqual({
      status: 'liquidated',
      repaid: { USDC: '1850' },
      seized: { WETH: '1' },
      protocolFee: {},
      liquidatorReceives: {},
      deficit: {},
      account: { supplies: { USDC: '50' }, borrows: {} },
      healthBefore: '0.972972972972972972', // 1800 / 1850
      healthAfter: null,
      reserves: '8100',
    });
  });

  it('leaves a healthy account and its reserves alone (WETH 2100: W = 1890 ≥ 1850)', () => {
    const r = result(compoundScenario('2100'));
    expect(r.status).toBe('healthy');
    expect(r.reserves).toBe('10000');
    expect(r.account).toEqual({ supplies: { WETH: '1' }, borrows: { USDC: '1850' } });
  });
});

describe('liquidateLending: invalid input', () => {
  it('returns invalid-input with issues, never throws', () => {
    expect(liquidateLending({ model: 'lending' })).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        issues: [
          { path: 'params', expected: 'a required field', received: 'nothing (missing)' },
          { path: 'prices', expected: 'a required field', received: 'nothing (missing)' },
          { path: 'account', expected: 'a required field', received: 'nothing (missing)' },
        ],
      },
    });
    expect(liquidateLending(null).ok).toBe(false);
  });
});
