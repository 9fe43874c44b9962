// Worked examples of spec §11.4: hand-computed (exact fractions), not published vectors.
// Rules: Aave v3.2 "reserve" (aave/aave-v3-core LiquidationLogic._calculateDebt) and v3.3 "total"
// (aave-dao/aave-v3-origin LiquidationLogic.executeLiquidationCall).
import { describe, expect, it } from 'vitest';
import { Fixed, toCanonical } from '../model/fixed.ts';
import { accountValue } from './baseValue.ts';
import { debtCovered, isFull, maxRepayable } from './closeFactor.ts';
import { AAVE_V32, AAVE_V33, aaveScenario } from './__support__/workedExamples.ts';
import { parsed } from './__support__/parsed.ts';
import type { FCloseFactorRules } from './types.ts';

function max(o: Parameters<typeof aaveScenario>[0]): string {
  const sc = parsed(aaveScenario(o));
  const rules = sc.rules as FCloseFactorRules;
  return toCanonical(maxRepayable(sc.market, rules, sc.account, accountValue(sc.market, sc.account), sc.request!));
}

describe('maxRepayable', () => {
  it('allows half of 17,000 under both rules when HF ≈ 0.9706 > 0.95 and both reserves ≥ 2000', () => {
    expect(max({ rules: AAVE_V33 })).toBe('8500');
    expect(max({ rules: AAVE_V32 })).toBe('8500');
  });

  it('takes half of the reserve (v3.2) or half of the total debt value (v3.3) with two debts', () => {
    // 9,000 USDC + 8,000 DAI = 17,000: "reserve" 4500 USDC, "total" min(9000, 8500) = 8500 USDC.
    const borrows = { USDC: '9000', DAI: '8000' };
    expect(max({ rules: AAVE_V32, borrows })).toBe('4500');
    expect(max({ rules: AAVE_V33, borrows })).toBe('8500');
  });

  it('caps "total" at the reserve debt when the reserve is below CF·D', () => {
    // 4,000 USDC + 13,000 DAI: CF·D = 8500 > 4000, so the whole USDC debt.
    expect(max({ rules: { ...AAVE_V33, fullBelowBase: '0' }, borrows: { USDC: '4000', DAI: '13000' } })).toBe('4000');
  });

  it('allows the whole debt at HF ≤ 0.95 (WETH 1900: W = 15675 ≤ 16150)', () => {
    expect(max({ wethPrice: '1900', rules: AAVE_V32 })).toBe('17000');
    expect(max({ wethPrice: '1900', rules: AAVE_V33 })).toBe('17000');
  });

  it('allows the whole debt at exactly HF = 0.95 ("below(inclusive)")', () => {
    // h = 0.96 and D = 17187.5, so that h · D = 16500 = W exactly.
    expect(max({ rules: { ...AAVE_V32, fullBelowHealth: '0.96' }, borrows: { USDC: '17187.5' } })).toBe('17187.5');
    // One unit less debt: W > 0.96·D, the close factor applies: ⌊0.5 · 17187.499999⌋_{10^-6} = 8593.749999.
    expect(max({ rules: { ...AAVE_V32, fullBelowHealth: '0.96' }, borrows: { USDC: '17187.499999' } })).toBe('8593.749999');
  });

  it('allows the whole debt when the collateral reserve is below fullBelowBase (v3.3)', () => {
    // 10 WETH + 1 USDC supplied, request seizes USDC: C_c = 1 < 2000.
    const o = { rules: AAVE_V33, supplies: { WETH: '10', USDC: '1' }, request: { debtAsset: 'USDC', collateralAsset: 'USDC', debtToCover: 'max' } } as const;
    expect(max(o)).toBe('17000');
    expect(max({ ...o, rules: { ...AAVE_V33, fullBelowBase: '0' } })).toBe('8500');
  });

  it('allows the whole debt when the debt reserve is below fullBelowBase (v3.3)', () => {
    // 1,500 USDC + 15,500 DAI: D_USDC = 1500 < 2000.
    expect(max({ rules: AAVE_V33, borrows: { USDC: '1500', DAI: '15500' } })).toBe('1500');
  });

  it('rounds the limit down to the debt unit', () => {
    // ⌊0.5 · 17000.000001⌋_{10^-6} = 8500 (8500.0000005 floored).
    expect(max({ rules: AAVE_V32, borrows: { USDC: '17000.000001' } })).toBe('8500');
  });
});

describe('isFull', () => {
  it('is false in the close-factor region and true below the health threshold', () => {
    const at = (wethPrice: string) => {
      const sc = parsed(aaveScenario({ wethPrice }));
      return isFull(sc.market, sc.rules as FCloseFactorRules, sc.account, accountValue(sc.market, sc.account), sc.request!);
    };
    expect(at('2000')).toBe(false);
    expect(at('1900')).toBe(true);
  });
});

describe('debtCovered', () => {
  const req = (debtToCover: Fixed | 'max') => ({ debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover });
  it('is min(debtToCover, M), or M for "max"', () => {
    const m = new Fixed(8500n, 0);
    expect(toCanonical(debtCovered(req('max'), m))).toBe('8500');
    expect(toCanonical(debtCovered(req(new Fixed(1000n, 0)), m))).toBe('1000');
    expect(toCanonical(debtCovered(req(new Fixed(9000n, 0)), m))).toBe('8500');
  });
});
