/**
 * The lending catalog on hand-computed cases (spec §11's worked examples): a correct result passes
 * every invariant, and a result with one number wrong is caught by the invariant about that number.
 * Every expected amount below is hand-computed from the spec's formulas, not a published vector
 * and not read from the reference; the reference is only run to show it agrees.
 */
import { describe, expect, it } from 'vitest';
import type { LendingResult, LendingScenario } from '../../wire/lending.ts';
import { liquidateLending } from '../liquidateLending.ts';
import { checkLendingCase } from './checkLendingCase.ts';
import type { LendingEngine } from './invariant.ts';
import { AAVE_V32, AAVE_V33, USDC_LOAN, WETH, aaveScenario } from '../__support__/workedExamples.ts';
// PARTIAL: §11.4–§11.6's result, hand-computed in that module.
import { AAVE_PARTIAL as PARTIAL } from '../__support__/workedResults.ts';

/** Spec §11.2's account: 10 WETH at `wethPrice` (LT 0.825, LB 1.05, fee 0.1) against 17,000 USDC. */
function account(wethPrice: string, rules: LendingScenario['params']['rules'] = AAVE_V32, debtToCover = 'max'): LendingScenario {
  return aaveScenario({ assets: { WETH, USDC: USDC_LOAN }, wethPrice, rules, debtToCover });
}

const answering = (result: LendingResult): LendingEngine => () => ({ ok: true, result });
const idsOf = (engine: LendingEngine, sc: LendingScenario): string[] => [...new Set(checkLendingCase(engine, sc).violations.map((v) => v.invariant))].sort();

describe('lending catalog on spec §11.4–§11.6 worked example (hand-computed)', () => {
  const sc = account('2000');

  it('the hand-computed result passes every invariant, and the reference answers exactly it', () => {
    expect(idsOf(answering(PARTIAL), sc)).toEqual([]);
    const ref = liquidateLending(sc);
    expect(ref.ok && ref.result).toEqual(PARTIAL);
  });

  it('repaying one unit more than the close factor allows is LND-003', () => {
    const wrong = { ...PARTIAL, repaid: { USDC: '8500.000001' }, account: { ...PARTIAL.account, borrows: { USDC: '8499.999999' } } };
    expect(idsOf(answering(wrong), sc)).toContain('LND-003');
  });

  it('seizing one unit more than the bonus allows is LND-004', () => {
    const wrong = { ...PARTIAL, seized: { WETH: '4.462500000000000001' }, liquidatorReceives: { WETH: '4.441250000000000001' }, account: { ...PARTIAL.account, supplies: { WETH: '5.537499999999999999' } } };
    expect(idsOf(answering(wrong), sc)).toContain('LND-004');
  });

  it('a fee one unit short, the liquidator paid the difference, is LND-005 and nothing else', () => {
    const wrong = { ...PARTIAL, protocolFee: { WETH: '0.021249999999999999' }, liquidatorReceives: { WETH: '4.441250000000000001' } };
    expect(idsOf(answering(wrong), sc)).toEqual(['LND-005']);
  });

  it('a borrow reduced by more than was repaid is LND-006', () => {
    const wrong = { ...PARTIAL, account: { ...PARTIAL.account, borrows: { USDC: '8400' } }, healthAfter: '1.087723214285714285' };
    // 9136.875 / 8400 = 1.0877232142857142857…, floored: the health factor is consistent, the flows are not.
    expect(idsOf(answering(wrong), sc)).toEqual(['LND-006']);
  });

  it('a stale healthAfter is LND-013 and nothing else', () => {
    expect(idsOf(answering({ ...PARTIAL, healthAfter: PARTIAL.healthBefore }), sc)).toEqual(['LND-013']);
  });
});

describe('lending catalog on the trigger (hand-computed, spec §11.3)', () => {
  it('at WETH 2100 (W = 17325 ≥ D = 17000) a liquidation is LND-001 and LND-002', () => {
    const sc = account('2100');
    const ref = liquidateLending(sc);
    expect(ref.ok && ref.result.status).toBe('healthy');
    // The same movements as at 2000, on a healthy account.
    const wrong = { ...PARTIAL, healthBefore: '1.019117647058823529' };
    expect(idsOf(answering(wrong), sc)).toEqual(expect.arrayContaining(['LND-001', 'LND-002']));
  });

  it('an underwater account reported healthy is LND-002', () => {
    const sc = account('2000');
    const wrong: LendingResult = { ...PARTIAL, status: 'healthy', repaid: {}, seized: {}, protocolFee: {}, liquidatorReceives: {}, account: sc.account, healthAfter: PARTIAL.healthBefore };
    expect(idsOf(answering(wrong), sc)).toEqual(['LND-002']);
  });
});

describe('lending catalog on I4 (spec §11.11 worked example, hand-computed)', () => {
  // WETH at 1600: W = 13200, D = 17000, HF = 0.7764… < LB·LT = 0.86625; CF 1, repay 1000 USDC.
  const sc = account('1600', { ...AAVE_V32, closeFactor: '1' }, '1000');

  it('the partial call lowers HF as the proposition says, and the reference passes', () => {
    const ref = liquidateLending(sc);
    expect(ref.ok).toBe(true);
    // s = 1000 · 1.05 / 1600 = 0.65625; W′ = (16000 − 1050) · 0.825 = 12333.75; D′ = 16000.
    expect(ref.ok && ref.result.seized).toEqual({ WETH: '0.65625' });
    expect(ref.ok && ref.result.healthAfter).toBe('0.770859375');
    expect(idsOf(liquidateLending as LendingEngine, sc)).toEqual([]);
  });

  it('a seizure below the bonus that raises HF under LB·LT is LND-010 and nothing else', () => {
    // s = 0.5 (bound 0.65625): fee ⌈0.5 · 0.05/1.05 · 0.1⌉ = 0.002380952380952381; after 9.5 WETH,
    // W′ = 15200 · 0.825 = 12540, HF′ = 12540 / 16000 = 0.78375 > HF: the wrong direction.
    const wrong: LendingResult = {
      status: 'liquidated',
      repaid: { USDC: '1000' },
      seized: { WETH: '0.5' },
      protocolFee: { WETH: '0.002380952380952381' },
      liquidatorReceives: { WETH: '0.497619047619047619' },
      deficit: {},
      account: { supplies: { WETH: '9.5' }, borrows: { USDC: '16000' } },
      healthBefore: '0.776470588235294117',
      healthAfter: '0.78375',
    };
    expect(idsOf(answering(wrong), sc)).toEqual(['LND-010']);
  });
});

describe('lending catalog on the dust rule and the deficit (spec §11.7–§11.8, hand-computed)', () => {
  it('at WETH 1900 repaying 16500 of 17000 reverts (500 USDC left < 1000); liquidating instead is LND-008', () => {
    const sc = account('1900', AAVE_V33, '16500');
    const ref = liquidateLending(sc);
    expect(ref.ok && [ref.result.status, ref.result.reason]).toEqual(['reverted', 'must-not-leave-dust']);
    // W = 15675 ≤ 0.95 · 17000: full; s = ⌊16500 · 1.05 / 1900⌋ = 9.118421052631578947;
    // fee = ⌈s · 0.05/1.05 · 0.1⌉ = 0.043421052631578948; 0.881578947368421053 WETH left, worth 1675;
    // 500 USDC left; HF′ = 1675 · 0.825 / 500 = 2.76375.
    const wrong: LendingResult = {
      status: 'liquidated',
      repaid: { USDC: '16500' },
      seized: { WETH: '9.118421052631578947' },
      protocolFee: { WETH: '0.043421052631578948' },
      liquidatorReceives: { WETH: '9.074999999999999999' },
      deficit: {},
      account: { supplies: { WETH: '0.881578947368421053' }, borrows: { USDC: '500' } },
      healthBefore: '0.922058823529411764',
      healthAfter: '2.76375',
    };
    expect(idsOf(answering(wrong), sc)).toEqual(['LND-008']);
  });

  it('at WETH 1600 the collateral runs out and the rest is deficit; writing it off beside collateral is LND-009', () => {
    const sc = account('1600', AAVE_V33);
    const ref = liquidateLending(sc);
    // s₀ = 17000 · 1.05 / 1600 = 11.15625 > 10: s = 10, r = ⌈16000 / 1.05⌉_{10^−6} = 15238.095239,
    // deficit 17000 − 15238.095239 = 1761.904761.
    expect(ref.ok && [ref.result.repaid, ref.result.seized, ref.result.deficit, ref.result.healthAfter]).toEqual([
      { USDC: '15238.095239' },
      { WETH: '10' },
      { USDC: '1761.904761' },
      null,
    ]);
    expect(idsOf(liquidateLending as LendingEngine, sc)).toEqual([]);
    // A Morpho-style write-off after a partial seizure, with 5 WETH (worth 8000) still there: seize 5
    // for ⌈8000 / 1.05⌉_{10^−6} = 7619.04762 USDC, fee ⌈5 · 0.05/1.05 · 0.1⌉_{10^−18} =
    // 0.02380952380952381, and the other 9380.95238 USDC written off.
    const wrong: LendingResult = {
      status: 'liquidated',
      repaid: { USDC: '7619.04762' },
      seized: { WETH: '5' },
      protocolFee: { WETH: '0.02380952380952381' },
      liquidatorReceives: { WETH: '4.97619047619047619' },
      deficit: { USDC: '9380.95238' },
      account: { supplies: { WETH: '5' }, borrows: {} },
      healthBefore: '0.776470588235294117',
      healthAfter: null,
    };
    expect(idsOf(answering(wrong), sc)).toContain('LND-009');
  });
});
