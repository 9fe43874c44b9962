// Worked examples of spec §11.6: hand-computed (exact fractions), not published vectors.
// Rule: Aave's liquidationProtocolFee on the bonus (LiquidationLogic._calculateAvailableCollateralToLiquidate),
// rounded up as Aave v3.7's percentMulCeil.
import { describe, expect, it } from 'vitest';
import { toCanonical } from '../model/fixed.ts';
import { fixedOf } from '../model/fixed.ts';
import { protocolFee } from './protocolFee.ts';
import { WETH } from './__support__/workedExamples.ts';
import type { FLendingAsset } from './types.ts';

const asset = (fee: string): FLendingAsset => ({
  unit: fixedOf(WETH.unit),
  liquidationThreshold: fixedOf(WETH.liquidationThreshold),
  liquidationBonus: fixedOf(WETH.liquidationBonus),
  protocolFee: fixedOf(fee),
  liquidationFactor: undefined,
  collateral: true,
});

describe('protocolFee', () => {
  it('takes 10 % of the bonus 4.4625 − 4.25 = 0.2125: 0.02125', () => {
    expect(toCanonical(protocolFee(asset('0.1'), fixedOf('4.4625')))).toBe('0.02125');
  });

  it('rounds up to the unit: ⌈10 · (0.05/1.05) · 0.1⌉_{10^-18} = 0.04761904761904762', () => {
    // 0.047619047619047619047… → …619048 at 18 digits, canonical 0.04761904761904762.
    expect(toCanonical(protocolFee(asset('0.1'), fixedOf('10')))).toBe('0.04761904761904762');
  });

  it('is zero with no fee share', () => {
    expect(protocolFee(asset('0'), fixedOf('10')).isZero()).toBe(true);
  });
});

describe('protocolFee: "aave" rounding (Aave v3.7 percentDivFloor, then percentMulCeil)', () => {
  it('takes the share of s − ⌊s/LB⌋: s = 50, f = 0.7 gives ⌈3 · 0.7⌉ = 3 (exact: ⌈2.38… · 0.7⌉ = 2)', () => {
    const whole: FLendingAsset = { ...asset('0.7'), unit: fixedOf('1') };
    expect(toCanonical(protocolFee(whole, fixedOf('50'), 'aave'))).toBe('3');
    expect(toCanonical(protocolFee(whole, fixedOf('50'), 'exact'))).toBe('2');
  });

  it('matches a published Aave vector: 3 seized at LB 1.05 with a 100 % fee share → fee 1, liquidator 2', () => {
    // aave-dao/aave-v3-origin tests/protocol/pool/Pool.Liquidations.t.sol
    // test_collateral_bit_remains_after_full_scaled_consumption: "maxCollateralToLiquidate =
    // floor(3 * 1.05) = 3, actualCollateralToLiquidate = 2, fee = 1" (bonus 3 − ⌊3/1.05⌋ = 1).
    const whole: FLendingAsset = { ...asset('1'), unit: fixedOf('1') };
    expect(toCanonical(protocolFee(whole, fixedOf('3'), 'aave'))).toBe('1');
  });
});
