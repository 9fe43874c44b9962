/**
 * Hand-worked examples of the spec. Every expected number below is derived by hand in the
 * comment above it from docs/spec.md, not copied from the model's output.
 */
import { describe, expect, it } from 'vitest';
import { btcLong as long, ok, oneTier } from './__support__/oneTier.ts';
import { liquidate } from './liquidate.ts';
import type { Scenario } from './types.ts';

describe('liquidate — one position, one tier', () => {
  // q = 2, P = 50000, e = 51000: N = 100000, U = −2000, MM = 500, T = 500 + 0.001·100000 = 600.
  // C = 2400 → E = 400 < MM: liquidatable, ratio 0.8 → f = 0.002.
  // Slope per BTC a = 50000·(0.005 + 0.001 − 0.002) = 200; shortage T − E = 200 → Δ* = 1.
  it('closes exactly the closed-form size when rounding does not bind (strict)', () => {
    const r = ok(long(oneTier(), '2400'));
    expect(r.status).toBe('partial');
    expect(r.fills).toHaveLength(1);
    const f = r.fills[0]!;
    // Δ = 1: R = 1·(50000 − 51000) = −1000; pen = ⌈0.002·50000⌉ = 100, split 50/50.
    expect(f).toMatchObject({ side: 'sell', size: '1', price: '50000', notional: '50000', penalty: '100', liquidatorFee: '50', insuranceFee: '50', realizedPnl: '-1000' });
    // C′ = 2400 − 1000 − 100 = 1300; E′ = 1300 − 1000 = 300 = T′ = 250 + 50: meets a strict target exactly.
    expect(r.account).toEqual({ collateral: '1300', positions: [{ market: 'BTC', size: '1', entryPrice: '51000' }] });
    expect(r.groups[0]!.after).toMatchObject({ equity: '300', maintenance: '250', target: '300' });
    expect(r.insuranceFund).toBe('1050');
  });

  it('needs one more lot when the target is inclusive-complement (E′ > T′)', () => {
    // Inclusive: Δ = 1 gives E′ = T′ = 300, not enough. Δ = 1.001: R = −1001, pen = ⌈0.002·50050⌉ = 100.1,
    // C′ = 1298.9, E′ = 1298.9 − 999 = 299.9 > T′ = 0.999·50000·0.006 = 299.7.
    const r = ok(long(oneTier({ trigger: 'inclusive' }), '2400'));
    expect(r.fills[0]).toMatchObject({ size: '1.001', penalty: '100.1', realizedPnl: '-1001' });
    expect(r.account.collateral).toBe('1298.9');
  });

  it('leaves an account exactly at E = MM alone under strict and liquidates it under inclusive', () => {
    // C = 2500 → E = 500 = MM.
    expect(ok(long(oneTier(), '2500')).status).toBe('healthy');
    expect(ok(long(oneTier({ trigger: 'inclusive' }), '2500')).status).toBe('partial');
  });

  it('closes in full when the penalty is at the maintenance rate plus buffer (no partial can help)', () => {
    // f = 0.006 = r + b: slope 0, so the shortage never shrinks.
    const p = oneTier({ penalty: { steps: [{ maxMarginRatio: '1', rate: '0.006' }], liquidatorShare: '0.5' } });
    const r = ok(long(p, '2400'));
    // Full close of 2: R = −2000, pen = ⌈0.006·100000⌉ = 600 but equity before penalty is 400 → capped at 400.
    expect(r.status).toBe('full');
    expect(r.fills[0]).toMatchObject({ size: '2', penalty: '400', realizedPnl: '-2000' });
    expect(r.account).toEqual({ collateral: '0', positions: [] });
  });

  it('closes in full when the remainder would be dust', () => {
    // The minimal close leaves 1 BTC = 50000 of notional; a dust threshold above that forces a full close.
    const r = ok(long(oneTier({ dustNotional: '50000.5' }), '2400'));
    expect(r.status).toBe('full');
    expect(r.fills[0]!.size).toBe('2');
  });

  it('covers bankruptcy from the insurance fund, then socializes the rest', () => {
    // C = 1500 → E = −500. Full close: R = −2000, C′ = −500 → bad debt 500, penalty 0 (no equity left).
    const s = { ...long(oneTier(), '1500'), insuranceFund: '200' };
    const r = ok(s);
    expect(r.status).toBe('bankrupt');
    expect(r.fills[0]).toMatchObject({ size: '2', penalty: '0' });
    expect(r).toMatchObject({ badDebt: '500', insurancePayout: '200', socializedLoss: '300', insuranceFund: '0' });
    expect(r.account.collateral).toBe('0');
  });
});

describe('liquidate — tiers', () => {
  // Two tiers: [0, 60000) at 0.005, [60000, ∞) at 0.01 with cum = 60000·0.005 = 300.
  const tiered = oneTier({
    targetBuffer: '0',
    markets: {
      BTC: {
        lotSize: '0.001',
        tickSize: '0.5',
        tiers: [
          { notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' },
          { notionalFloor: '60000', maintenanceRate: '0.01', maintenanceAmount: '300', initialRate: '0.02' },
        ],
      },
    },
  });
  it('walks from the top bracket into the one below', () => {
    // q = 2 at 50000: N = 100000 in tier 1, MM = 1000 − 300 = 700. C = 2600 → E = 600, shortage 100.
    // Tier 1 slope: 50000·(0.01 − 0.002) = 400/BTC, bracket ends at Δ = 2 − 60000/50000 = 0.8 where g = −100 + 320 ≥ 0,
    // so the root is in tier 1: Δ* = 100/400 = 0.25.
    const r = ok(long(tiered, '2600'));
    expect(r.fills[0]!.size).toBe('0.25');
    // And with C = 2300 (E = 300, shortage 400): tier 1 reaches only g(0.8) = −80; tier 0 slope
    // 50000·(0.005 − 0.002) = 150/BTC → Δ* = 0.8 + 80/150 = 1.3333… → ⌈⌉ = 1.334.
    // f: E/MM = 300/700 < 1 → 0.002 (single step).
    const deeper = ok(long(tiered, '2300'));
    expect(deeper.fills[0]!.size).toBe('1.334');
    expect(deeper.status).toBe('partial');
  });
});

describe('liquidate — margin groups', () => {
  it('liquidates an isolated position on its own margin and returns what is left to the pool when closed', () => {
    const p = oneTier({ penalty: { steps: [{ maxMarginRatio: '1', rate: '0.006' }], liquidatorShare: '1' } });
    const s: Scenario = {
      params: p,
      marks: { BTC: '50000' },
      // Isolated margin 2300 → E = 300 < MM 500; f = r + b → full close: R = −2000, C′ = 300,
      // pen = min(600, 300) = 300 → margin 0 returns nothing; the cross collateral 777 is untouched.
      account: { collateral: '777', positions: [{ market: 'BTC', size: '2', entryPrice: '51000', isolatedMargin: '2300' }] },
      insuranceFund: '0',
    };
    const r = ok(s);
    expect(r.groups.map((g) => [g.group, g.status])).toEqual([['cross', 'healthy'], ['BTC', 'full']]);
    expect(r.account).toEqual({ collateral: '777', positions: [] });
    expect(r.fills[0]).toMatchObject({ penalty: '300', liquidatorFee: '300', insuranceFee: '0' });
  });

  it('rejects invalid input with field paths instead of computing', () => {
    const s = long(oneTier(), '2400', '1e999999');
    const o = liquidate(s);
    expect(o.ok).toBe(false);
    if (o.ok || o.error.code !== 'invalid-input') return;
    expect(o.error.issues.map((i) => i.path)).toContain('account.positions[0].size');
  });
});
