/**
 * LIQ-009 after the price clause moved to LIQ-024: it judges the grids (a fill price on the tick)
 * and presumes nothing, so book engines get it too. Hand-computed prices, not published vectors.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, LiquidationResult, Scenario } from '../model/types.ts';
import { checkCase } from './checkCase.ts';
import { gridConformity } from './gridConformity.ts';

const params = (priceImpact: string) => ({
  quoteScale: 2,
  trigger: 'strict',
  targetBuffer: '0',
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0.01' }], liquidatorShare: '0.5' },
  dustNotional: '10',
  priceImpact,
  markets: { BTC: { lotSize: '0.1', tickSize: '0.5', tiers: [{ notionalFloor: '0', maintenanceRate: '0.05', maintenanceAmount: '0', initialRate: '0.1' }] } },
});

// Long 1 @ 100, mark 90, σ = 0.013: the reference sells at ⌊88.83⌋_0.5 = 88.5.
const atMark = { params: params('0.013'), marks: { BTC: '90' }, account: { collateral: '5', positions: [{ market: 'BTC', size: '1', entryPrice: '100' }] }, insuranceFund: '0' } as unknown as Scenario;

const priced = (price: string): Engine => (s) => {
  const out = liquidate(s);
  return out.ok ? { ok: true, result: { ...out.result, fills: out.result.fills.map((f) => ({ ...f, price })) } as LiquidationResult } : out;
};
const priceMessages = (e: Engine, sc: Scenario): string[] => checkCase(e, sc, { invariants: [gridConformity] }).violations.map((v) => v.message).filter((m) => m.includes('price'));

describe('LIQ-009 lot, tick, quote-unit and dust conformity', () => {
  it('presumes nothing of the policy', () => {
    expect(gridConformity.presumes).toEqual([]);
  });

  it('names a fill price off the tick', { timeout: 20_000 }, () => {
    expect(priceMessages(priced('88.83'), atMark)).toEqual(['fill 0 (BTC) price 88.83 is not a multiple of the tick 0.5']);
  });

  it('leaves which tick price to LIQ-024: a premium over mark on the tick passes here', { timeout: 20_000 }, () => {
    expect(priceMessages(priced('91.5'), atMark)).toEqual([]);
  });

  it('holds for book fills and the bankruptcy remainder of the worked example of spec §10.4', { timeout: 20_000 }, () => {
    const book = {
      params: params('0'),
      marks: { BTC: '90' },
      account: { collateral: '0', positions: [{ market: 'BTC', size: '2', entryPrice: '100', isolatedMargin: '15.1' }] },
      insuranceFund: '0',
      policy: { closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'bankruptcy' } },
      book: { BTC: { bids: [{ price: '89.5', size: '0.5' }, { price: '89', size: '1' }], asks: [] } },
    } as unknown as Scenario;
    expect(checkCase(liquidate, book, { invariants: [gridConformity] }).violations).toEqual([]);
    // The bankruptcy fill at 102.25 (half a tick off) would be named.
    const off: Engine = (s) => {
      const out = liquidate(s);
      return out.ok ? { ok: true, result: { ...out.result, fills: out.result.fills.map((f, i) => (i === 2 ? { ...f, price: '102.25' } : f)) } as LiquidationResult } : out;
    };
    expect(priceMessages(off, book)).toEqual(['fill 2 (BTC) price 102.25 is not a multiple of the tick 0.5']);
  });
});
