/**
 * The minimal close of one position (spec §6.3, §6.4) on hand-built groups: the real root `Δ*` of
 * the closed form, and the lot-grid search with its exact verification — including the cases where
 * it finds no partial close. Every expected number is derived by hand in the comment above it.
 *
 * Notation as in the spec: g(Δ) is the exact slack, ĝ(Δ) the slack after rounding
 * (= equity after the fill with the uncapped penalty, minus the target after the fill).
 */
import { describe, expect, it } from 'vitest';
import { Dec, toCanonical, type Dec as D } from './decimal.ts';
import type { Valuation } from './groupHealth.ts';
import { liquidate } from './liquidate.ts';
import { marginGroups, type MarginGroup } from './marginGroup.ts';
import { closedFormRoot, minimalClose } from './minimalClose.ts';
import { parseScenario } from './parseScenario.ts';
import type { LiquidationResult, RiskParams, Scenario, TierInput } from './types.ts';

function cross(s: Scenario): { v: Valuation; g: MarginGroup } {
  const p = parseScenario(s);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return { v: { params: p.value.params, marks: p.value.marks }, g: marginGroups(p.value)[0]! };
}

function ok(s: Scenario): LiquidationResult {
  const o = liquidate(s);
  if (!o.ok) throw new Error(JSON.stringify(o.error));
  return o.result;
}

const root = (s: Scenario, market: string, rate: string): D | null => {
  const { v, g } = cross(s);
  return closedFormRoot(v, g, market, new Dec(rate));
};

const minimal = (s: Scenario, market: string, rate: string) => {
  const { v, g } = cross(s);
  const m = minimalClose(v, g, market, new Dec(rate));
  return m.kind === 'partial' ? { kind: m.kind, size: toCanonical(m.size) } : m;
};

// ---------------------------------------------------------------------------------------------
// A BTC long of q = 2, e = 51000 at P = 50000 (N = 100000, U = −2000), σ = 0, quoteScale 6.

const btcParams = (tiers: TierInput[], over: Partial<RiskParams> = {}): RiskParams => ({
  quoteScale: 6,
  trigger: 'strict',
  targetBuffer: '0',
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0.002' }], liquidatorShare: '0.5' },
  dustNotional: '0',
  priceImpact: '0',
  markets: { BTC: { lotSize: '0.001', tickSize: '0.5', tiers } },
  ...over,
});

const btcLong = (params: RiskParams, collateral: string): Scenario => ({
  params,
  marks: { BTC: '50000' },
  account: { collateral, positions: [{ market: 'BTC', size: '2', entryPrice: '51000' }] },
  insuranceFund: '0',
});

// Two tiers: [0, 60000) at r0 = 0.005, [60000, ∞) at r1 = 0.01 with cum = 60000·0.005 = 300.
// MM(100000) = 1000 − 300 = 700. With b = 0 and σ = 0, g(0) = E − 700, and the slope of g per BTC is
// a1 = 50000·(0.01 − f) while the remainder is in tier 1 (Δ ≤ 2 − 60000/50000 = 0.8), then
// a0 = 50000·(0.005 − f).
const twoTiers = btcParams([
  { notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' },
  { notionalFloor: '60000', maintenanceRate: '0.01', maintenanceAmount: '300', initialRate: '0.02' },
]);

describe('closedFormRoot (§6.3 closed form)', () => {
  it('solves on the top bracket when the root is there', () => {
    // C = 2600 → E = 600, g(0) = −100; f = 0.002 → a1 = 400 → Δ* = 100/400 = 0.25 ≤ 0.8.
    expect(toCanonical(root(btcLong(twoTiers, '2600'), 'BTC', '0.002')!)).toBe('0.25');
  });

  it('walks down a bracket when the root is past the bracket end', () => {
    // C = 2300 → E = 300, g(0) = −400; tier 1 would need Δ = 1 > 0.8, and g(0.8) = −400 + 0.8·400 = −80.
    // a0 = 50000·0.003 = 150 → Δ* = 0.8 + 80/150 = 4/3.
    const r = root(btcLong(twoTiers, '2300'), 'BTC', '0.002')!;
    expect(r.mul(3).sub(4).abs().lt('1e-150')).toBe(true);
  });

  it('is null when g never reaches zero before the position is gone', () => {
    // C = 1500 → E = −500, g(0) = −1200; g(0.8) = −1200 + 320 = −880, then Δ* = 0.8 + 880/150 ≈ 6.67 > |q| = 2.
    expect(root(btcLong(twoTiers, '1500'), 'BTC', '0.002')).toBeNull();
  });

  it('is null when the slope is negative (penalty above maintenance rate plus buffer)', () => {
    // f = 0.011 > r1 = 0.01: a1 = 50000·(0.01 − 0.011) = −50 < 0, and g(0) = 300 − 700 < 0.
    expect(root(btcLong(twoTiers, '2300'), 'BTC', '0.011')).toBeNull();
  });

  it('is 0 when the group already meets the target', () => {
    // C = 2800 → E = 800 ≥ MM = 700 = T (b = 0): g(0) = 100 ≥ 0.
    expect(toCanonical(root(btcLong(twoTiers, '2800'), 'BTC', '0.002')!)).toBe('0');
  });
});

describe('minimalClose (§6.3 lot grid + verification, §6.4 dust)', () => {
  it('finds the lot multiple of the closed form', () => {
    // As above with C = 2600: Δ* = 0.25 exactly, a lot multiple; at Δ = 0.25 nothing is rounded
    // (R = 0.25·(−1000) = −250, pen = 0.002·12500 = 25), so ĝ = g = 0 meets the strict target.
    expect(minimal(btcLong(twoTiers, '2600'), 'BTC', '0.002')).toEqual({ kind: 'partial', size: '0.25' });
  });

  it('finds none when the slope is not positive from the start', () => {
    // f = 0.011: a1 < 0 (above), so g only falls from g(0) < 0.
    expect(minimal(btcLong(twoTiers, '2300'), 'BTC', '0.011')).toEqual({ kind: 'none' });
  });

  it('finds none when the minimal close would leave dust', () => {
    // One tier r = 0.005, b = 0.001, f = 0.002 (the first example of liquidate.test.ts): C = 2400 →
    // E = 400, T = 500 + 100 = 600, slope 50000·(0.005 + 0.001 − 0.002) = 200 → Δ* = 200/200 = 1.
    // It leaves 1·50000 = 50000 < dustNotional 50000.5, and larger closes leave less.
    const oneTier = btcParams(
      [{ notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' }],
      { targetBuffer: '0.001', dustNotional: '50000.5' },
    );
    expect(minimal(btcLong(oneTier, '2400'), 'BTC', '0.002')).toEqual({ kind: 'none' });
    expect(minimal(btcLong({ ...oneTier, dustNotional: '50000' }, '2400'), 'BTC', '0.002')).toEqual({ kind: 'partial', size: '1' });
  });
});

// ---------------------------------------------------------------------------------------------
// Rounding cases on a whole-unit quote (quoteScale 0, u = 1): a long at P = 100, tick 1, σ = 0, b = 0.

const unitParams = (lotSize: string, rate: string, tiers: TierInput[]): RiskParams => ({
  quoteScale: 0,
  trigger: 'strict',
  targetBuffer: '0',
  penalty: { steps: [{ maxMarginRatio: '1', rate }], liquidatorShare: '0.5' },
  dustNotional: '0',
  priceImpact: '0',
  markets: { X: { lotSize, tickSize: '1', tiers } },
});

const xLong = (params: RiskParams, size: string, entry: string, collateral: string): Scenario => ({
  params,
  marks: { X: '100' },
  account: { collateral, positions: [{ market: 'X', size, entryPrice: entry }] },
  insuranceFund: '0',
});

// Two tiers: [0, 500) at 0.01, [500, ∞) at 0.05 with cum = 500·(0.05 − 0.01) = 20.
// For q = 10 (N = 1000): the remainder (10 − Δ)·100 is in tier 1 while Δ ≤ 5, where
// MM = (10 − Δ)·5 − 20 = 30 − 5Δ; past Δ = 5 it is in tier 0, where MM = (10 − Δ)·1 = 10 − Δ.
const peaked: TierInput[] = [
  { notionalFloor: '0', maintenanceRate: '0.01', maintenanceAmount: '0', initialRate: '0.02' },
  { notionalFloor: '500', maintenanceRate: '0.05', maintenanceAmount: '20', initialRate: '0.1' },
];

describe('minimalClose when rounding decides (§6.3 verification)', () => {
  it('finds none when every lot up to the whole position fails after rounding', () => {
    // One tier r = 0.05, f = 0.013, lot 1, q = 2, e = 99.75, C = 6: U = 2·0.25 = 0.5, E = 6.5,
    // MM = 200·0.05 = 10 → liquidatable. g(Δ) = 6.5 − 1.3Δ − 5·(2 − Δ) = 3.7Δ − 3.5: g(1) = 0.2 ≥ 0,
    // so the only candidate is Δ = 1. Its fill: R = ⌊1·0.25⌋ = 0 (ρ = 0.25), pen = ⌈1.3⌉ = 2,
    // equity = 6 + 0 + 1·0.25 − 2 = 4.25 < T′ = MM(100) = 5. No lot is left to try: none.
    const s = xLong(
      unitParams('1', '0.013', [{ notionalFloor: '0', maintenanceRate: '0.05', maintenanceAmount: '0', initialRate: '0.1' }]),
      '2',
      '99.75',
      '6',
    );
    expect(minimal(s, 'X', '0.013')).toEqual({ kind: 'none' });
    // So the position is closed in full: R = ⌊2·0.25⌋ = 0 (ρ = 0.5), pen = ⌈0.013·200⌉ = ⌈2.6⌉ = 3
    // (below the equity 6 left), liquidator ⌊1.5⌋ = 1, fund 2; C′ = 6 − 3 = 3; I′ = 0 + 2 + 0.5.
    const r = ok(s);
    expect(r.status).toBe('full');
    expect(r.fills[0]).toMatchObject({ size: '2', realizedPnl: '0', penalty: '3', liquidatorFee: '1', insuranceFee: '2' });
    expect(r.account).toEqual({ collateral: '3', positions: [] });
    expect(r.insuranceFund).toBe('2.5');
  });

  it('stops with none once g is negative past its peak', () => {
    // Tiers above, f = 0.013, lot 1, q = 10, e = 99.95, C = 11: U = 0.5, E = 11.5 < MM = 30.
    // Tier 1 slope 100·(0.05 − 0.013) = 3.7 > 0, tier 0 slope 100·(0.01 − 0.013) = −0.3 ≤ 0: g peaks at Δ = 5.
    // g(4) = 11.5 − 5.2 − 10 = −3.7 < 0, g(5) = 11.5 − 6.5 − 5 = 0: the first lot is Δ = 5.
    // Δ = 5: R = ⌊0.25⌋ = 0, pen = ⌈6.5⌉ = 7, equity = 11 + 5·0.05 − 7 = 4.25 < T′ = 5: fails.
    // Δ = 6: g(6) = 11.5 − 7.8 − 4 = −0.3 < 0 on the falling slope: no later lot can do better.
    const s = xLong(unitParams('1', '0.013', peaked), '10', '99.95', '11');
    expect(minimal(s, 'X', '0.013')).toEqual({ kind: 'none' });
    expect(ok(s).status).toBe('full');
  });

  it('keeps verifying past the peak while g is still non-negative', () => {
    // Tiers above, f = 0.015, lot 0.1, q = 10, e = 99.85, C = 12: U = 1.5, E = 13.5 < MM = 30.
    // Δ ≤ 5: g = 13.5 − 1.5Δ − (30 − 5Δ) = 3.5Δ − 16.5 → first lot with g ≥ 0 is Δ = 4.8 (g = 0.3).
    // Δ ≥ 5: g = 13.5 − 1.5Δ − (10 − Δ) = 3.5 − 0.5Δ, falling but ≥ 0 until Δ = 7.
    // ĝ(Δ) = 12 + (10 − Δ)·0.15 − ⌈1.5Δ⌉ − T′ (R = ⌊0.15Δ⌋ = 0 here):
    //   4.8: 12 + 0.78  − 8 − 6   = −1.22    4.9: 12 + 0.765 − 8 − 5.5 = −0.735
    //   5.0: 12 + 0.75  − 8 − 5   = −0.25    5.1: 12 + 0.735 − 8 − 4.9 = −0.165
    //   5.2: 12 + 0.72  − 8 − 4.8 = −0.08    5.3: 12 + 0.705 − 8 − 4.7 = 0.005 ≥ 0 → Δ = 5.3.
    const s = xLong(unitParams('0.1', '0.015', peaked), '10', '99.85', '12');
    expect(minimal(s, 'X', '0.015')).toEqual({ kind: 'partial', size: '5.3' });
    // The fill: N_c = 530, pen = 8 (the equity before it, 12.705, is not binding); C′ = 12 − 8 = 4;
    // after: E′ = 4 + 4.7·0.15 = 4.705, MM′ = T′ = 470·0.01 = 4.7.
    const r = ok(s);
    expect(r.status).toBe('partial');
    expect(r.fills[0]).toMatchObject({ size: '5.3', notional: '530', penalty: '8', realizedPnl: '0' });
    expect(r.account).toEqual({ collateral: '4', positions: [{ market: 'X', size: '4.7', entryPrice: '99.85' }] });
    expect(r.groups[0]!.after).toMatchObject({ equity: '4.705', maintenance: '4.7', target: '4.7' });
  });
});
