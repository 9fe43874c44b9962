/** LIQ-024 on hand-computed prices (hand-computed, not published vectors). */
import { describe, expect, it } from 'vitest';
import { tenthLotParams } from '../model/__support__/bookExample.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, LiquidationResult, Scenario } from '../model/types.ts';
import { checkCase } from './checkCase.ts';
import { executionAtMark } from './executionAtMark.ts';

// Long 1 @ 100, mark 90, σ = 0.013, tick 0.5: a sell at ⌊90·0.987⌋_0.5 = ⌊88.83⌋_0.5 = 88.5.
const sc: Scenario = {
  params: tenthLotParams({ dustNotional: '0', priceImpact: '0.013' }),
  marks: { BTC: '90' },
  account: { collateral: '5', positions: [{ market: 'BTC', size: '1', entryPrice: '100' }] },
  insuranceFund: '0',
};

const priced = (price: string): Engine => (s) => {
  const out = liquidate(s);
  return out.ok ? { ok: true, result: { ...out.result, fills: out.result.fills.map((f) => ({ ...f, price })) } as LiquidationResult } : out;
};
const messages = (e: Engine, inv: typeof executionAtMark): string[] => checkCase(e, sc, { invariants: [inv] }).violations.map((v) => v.message);

describe('LIQ-024 execution at mark', () => {
  it('holds for the reference, which sells at 88.5', { timeout: 20_000 }, () => {
    const out = liquidate(sc);
    expect(out.ok && out.result.fills.map((f) => f.price)).toEqual(['88.5']);
    expect(messages(liquidate, executionAtMark)).toEqual([]);
  });

  it('names a fill at the mark conceded the wrong way', { timeout: 20_000 }, () => {
    // ⌈90·1.013⌉_0.5 = ⌈91.17⌉_0.5 = 91.5: on the tick, but a premium over mark.
    expect(messages(priced('91.5'), executionAtMark)).toEqual(['fill 0 (BTC) executes at 91.5, but mark 90 with impact 0.013 gives 88.5']);
  });
});
