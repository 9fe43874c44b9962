// Worked examples of spec §11.5: hand-computed (exact fractions), not published vectors.
// Rule: aave-dao/aave-v3-origin LiquidationLogic._calculateAvailableCollateralToLiquidate, with
// Aave v3.7's rounding (collateral down, debt needed up; docs/3.7/liquidation-rounding.md).
import { describe, expect, it } from 'vitest';
import { Fixed, toCanonical } from '../model/fixed.ts';
import { fixedOf } from '../model/fixed.ts';
import { seize } from './seize.ts';
import { aaveScenario, morphoScenario } from './__support__/workedExamples.ts';
import { parsed } from './__support__/parsed.ts';

function seizeAt(wethPrice: string, repaid: string, balance = '10') {
  const sc = parsed(aaveScenario({ wethPrice }));
  const s = seize(sc.market, 'USDC', 'WETH', fixedOf(repaid), fixedOf(balance));
  return { seized: toCanonical(s.seized), repaid: toCanonical(s.repaid), exhausted: s.exhausted };
}

describe('seize', () => {
  it('seizes 8500 · 1.05 / 2000 = 4.4625 WETH for 8,500 USDC', () => {
    expect(seizeAt('2000', '8500')).toEqual({ seized: '4.4625', repaid: '8500', exhausted: false });
  });

  it('rounds down to the collateral unit: ⌊17850/1900⌋_{10^-18} = 9.394736842105263157', () => {
    expect(seizeAt('1900', '17000')).toEqual({ seized: '9.394736842105263157', repaid: '17000', exhausted: false });
  });

  it('caps at the balance and asks ⌈16000/1.05⌉_{10^-6} = 15238.095239 USDC (WETH 1600)', () => {
    // s₀ = 17000 · 1.05 / 1600 = 11.15625 > 10.
    expect(seizeAt('1600', '17000')).toEqual({ seized: '10', repaid: '15238.095239', exhausted: true });
  });

  it('takes the whole balance without lowering r when s₀ equals it', () => {
    // A balance of 4.4625: s₀ = 4.4625 = a_c, not above it.
    expect(seizeAt('2000', '8500', '4.4625')).toEqual({ seized: '4.4625', repaid: '8500', exhausted: false });
  });

  it("applies Morpho's LIF: ⌊1000 · 1.043841336116910229 / 2000⌋_{10^-18} = 0.521920668058455114", () => {
    const sc = parsed(morphoScenario('1000'));
    const s = seize(sc.market, 'USDC', 'WETH', new Fixed(1000n, 0), fixedOf('1'));
    expect(toCanonical(s.seized)).toBe('0.521920668058455114');
  });
});

describe('seize: venue rounding orders (spec §11.5)', () => {
  // Whole-token units (u = 1) make each order's floor visible; hand-computed, not published vectors.
  const market = (pc: string, pd: string) => ({
    base: fixedOf('1'),
    prices: new Map([['C', fixedOf(pc)], ['D', fixedOf(pd)]]),
    assets: new Map([
      ['C', { unit: fixedOf('1'), liquidationThreshold: fixedOf('0.8'), liquidationBonus: fixedOf('1.05'), protocolFee: fixedOf('0'), liquidationFactor: undefined, collateral: true }],
      ['D', { unit: fixedOf('1'), liquidationThreshold: fixedOf('0'), liquidationBonus: fixedOf('1'), protocolFee: fixedOf('0'), liquidationFactor: undefined, collateral: false }],
    ]),
  });
  const run = (pc: string, pd: string, r: string, balance: string, rounding: 'exact' | 'aave' | 'morpho') => {
    const s = seize(market(pc, pd), 'D', 'C', fixedOf(r), fixedOf(balance), rounding);
    return [toCanonical(s.seized), toCanonical(s.repaid)];
  };

  it('converts then applies the bonus under "aave": r = 20, p_c = 3 gives ⌊⌊20/3⌋ · 1.05⌋ = 6 (exact: ⌊7⌋ = 7)', () => {
    expect(run('3', '1', '20', '100', 'aave')).toEqual(['6', '20']);
    expect(run('3', '1', '20', '100', 'exact')).toEqual(['7', '20']);
  });

  it('applies the incentive then converts under "morpho": r = 10, p_c = 0.5 gives ⌊10.5⌋ / 0.5 = 20 (exact: 21)', () => {
    expect(run('0.5', '1', '10', '100', 'morpho')).toEqual(['20', '10']);
    expect(run('0.5', '1', '10', '100', 'exact')).toEqual(['21', '10']);
    expect(run('0.5', '1', '10', '100', 'aave')).toEqual(['21', '10']); // ⌊⌊20⌋ · 1.05⌋
  });

  it('asks the capped debt in each order: a_c = 5 at p_c = 3, p_d = 2', () => {
    // exact ⌈15 / 2.1⌉ = 8; aave ⌈⌊7.5⌋ / 1.05⌉ = ⌈6.67⌉ = 7; morpho ⌈⌈7.5⌉ / 1.05⌉ = ⌈7.62⌉ = 8.
    expect(run('3', '2', '20', '5', 'exact')).toEqual(['5', '8']);
    expect(run('3', '2', '20', '5', 'aave')).toEqual(['5', '7']);
    expect(run('3', '2', '20', '5', 'morpho')).toEqual(['5', '8']);
  });
});
