/**
 * LIQ-006 (the step schedule, spec §5) on the hand-computed scenario of
 * properties/penaltyScenarios.ts, and tampered in one field: the charge it checks is the one
 * LIQ-025 checks under a linear penalty (penaltyCharged.ts), at the schedule's rate.
 */
import { describe, expect, it } from 'vitest';
import { STEPS_SCENARIO } from '../../properties/penaltyScenarios.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, LiquidationResult } from '../model/types.ts';
import { checkCase } from './checkCase.ts';
import { example } from '../policy/trigger/backstopScenario.ts';
import { withPartSwap } from '../zoo/policy/support.ts';
import { penaltySchedule } from './penaltySchedule.ts';

const ONLY = { invariants: [penaltySchedule] };

function tampered(change: Partial<LiquidationResult['fills'][number]>): Engine {
  return (sc) => {
    const o = liquidate(sc);
    if (!o.ok) return o;
    return { ok: true, result: { ...o.result, fills: o.result.fills.map((f, i) => (i === 0 ? { ...f, ...change } : f)) } };
  };
}

describe('LIQ-006 penalty follows the monotone schedule', () => {
  it('holds for the reference (hand-computed, not a published vector)', () => {
    // ρ = 630/900 = 0.7 ≤ 1: rate 0.002. g(Δ) = 630 − 18Δ − 900(1 − Δ) = −270 + 882Δ ≥ 0 from Δ ≈ 0.3061,
    // so Δ = 0.307: N_c = 2763, pen = ⌈5.526⌉_{0.01} = 5.53, E' = 630 − 5.53 = 624.47 ≥ MM' = 623.7.
    const o = liquidate(STEPS_SCENARIO);
    expect(o.ok && o.result.fills.map((f) => [f.size, f.penaltyRate, f.notional, f.penalty, f.liquidatorFee])).toEqual([['0.307', '0.002', '2763', '5.53', '2.76']]);
    expect(checkCase(liquidate, STEPS_SCENARIO, ONLY).violations).toEqual([]);
  });

  it('catches another rate, a penalty rounded down and a wrong split', () => {
    const messages = (change: Partial<LiquidationResult['fills'][number]>): string[] => checkCase(tampered(change), STEPS_SCENARIO, ONLY).violations.map((v) => v.message);
    expect(messages({ penaltyRate: '0.003' })).toContainEqual(expect.stringMatching(/penalty rate 0\.003 but the schedule gives 0\.002/));
    expect(messages({ penalty: '5.52', insuranceFee: '2.76' })).toContainEqual(expect.stringMatching(/penalty 5\.52 but ⌈0\.002 × 2763⌉ capped at .* = 5\.53/));
    expect(messages({ liquidatorFee: '2.77', insuranceFee: '2.76' })).toContainEqual(expect.stringMatching(/liquidator fee 2\.77 but ⌊5\.53 × 0\.5⌋ = 2\.76/));
  });
});

describe('LIQ-006 under a 2/3 backstop (spec §10.8 worked example; hand-computed, not a published vector)', () => {
  const takesOverAll = withPartSwap({ backstopped: () => true });
  const only = (engine: Engine, sc: ReturnType<typeof example>): string[] => checkCase(engine, sc, ONLY).violations.map((v) => v.message);

  it('skips a group taken over (C = 350: charged its collateral 149.70, not the rate 0.002)', () => {
    expect(only(liquidate, example('350'))).toEqual([]);
  });

  it('judges a group above the threshold by the scenario’s E and MM: a takeover at C = 500 is flagged', () => {
    expect(only(liquidate, example('500'))).toEqual([]);
    // Taken over anyway: BTC closed first at 0 penalty (⌈0.002 · 29800⌉ = 59.60, room ⌊299.709⌋_u = 299.70),
    // then ETH charged C' = 500 − 200 − 0.30 = 299.70 against ⌈0.002 · 600.3⌉_u = 1.21.
    expect(only(takesOverAll, example('500'))).toEqual([
      'group cross fill 0 (BTC-PERP): penalty 0 but ⌈0.002 × 29800⌉ capped at 299.7 = 59.6',
      'group cross fill 1 (ETH-PERP): penalty 299.7 but ⌈0.002 × 600.3⌉ capped at 299.7 = 1.21',
    ]);
  });
});
