/**
 * LIQ-010 (spec §7.3) under the linear penalty of the hand-computed scenario of
 * properties/penaltyScenarios.ts: the cap belongs to both penalty parts (`penalty-capped`).
 */
import { describe, expect, it } from 'vitest';
import { LINEAR_SCENARIO } from '../../properties/penaltyScenarios.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, LiquidationResult } from '../model/types.ts';
import { checkCase } from './checkCase.ts';
import { penaltyCap } from './penaltyCap.ts';

const ONLY = { invariants: [penaltyCap] };

function tampered(change: Partial<LiquidationResult['fills'][number]>): Engine {
  return (sc) => {
    const o = liquidate(sc);
    if (!o.ok) return o;
    return { ok: true, result: { ...o.result, fills: o.result.fills.map((f, i) => (i === 0 ? { ...f, ...change } : f)) } };
  };
}

describe('LIQ-010 penalty ≤ equity left above bankruptcy', () => {
  it('holds for the reference and is judged under a linear penalty', () => {
    const r = checkCase(liquidate, LINEAR_SCENARIO, ONLY);
    expect(r.checked).toContain('LIQ-010');
    expect(r.violations).toEqual([]);
  });

  it('catches a penalty above the equity left and a negative one (hand-computed: E⁻ = 630 at mark, σ = 0)', () => {
    const messages = (change: Partial<LiquidationResult['fills'][number]>): string[] => checkCase(tampered(change), LINEAR_SCENARIO, ONLY).violations.map((v) => v.message);
    expect(messages({ penalty: '630' })).toEqual([]);
    expect(messages({ penalty: '630.01' })).toEqual([expect.stringMatching(/penalty 630\.01 exceeds the equity left, 630 \(cap 630\)/)]);
    expect(messages({ penalty: '-1' })).toEqual([expect.stringMatching(/negative penalty -1/)]);
  });
});
