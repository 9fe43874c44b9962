/**
 * LIQ-031, LIQ-032, LIQ-033 and the re-scoped LIQ-005 / LIQ-007 (spec §13.6) on one hand-built
 * multi-asset account: every expected number below is hand-computed from §13.2 and §13.4, not a
 * published vector and not read off the reference. The reference's result must match them, be
 * clean, and each tampered result must be flagged by the id that owns the rule it breaks.
 *
 * The account: quote unit 0.01; one BTCUSDT long of 1 at entry = mark = 50,000 (U = 0, N = 50,000,
 * MM = 1 % · N = 500, buffer 0, so T = MM); a borrowed quote balance C = −5,000; `a` BNB at
 * p = 300 with w = w′ = 0.9 and discount δ = 0.05 (π = 285). Policy: full close at mark, collateral
 * sell/deficit.
 *
 * - a = 20: E = −5,000 + 20·300·0.9 = 400 < 500: liquidatable, ρ = 0.8 → rate 0.005 (steps ≤ 1:
 *   0.005, ≤ 0.5: 0.01), penalty ⌈0.005·50,000⌉ = 250 (cap ⌊E⁻⌋ = 400 does not bind), so C₀ =
 *   −5,250. Deficit sale s = ⌈5,250/285⌉ on 0.0001 = ⌈18.42105…⌉ = 18.4211, R = ⌊18.4211·285⌋_0.01
 *   = ⌊5,250.0135⌋ = 5,250.01: C = 0.01, 1.5789 BNB left, status full, no bad debt. One unit less,
 *   18.421, gets ⌊5,249.985⌋ = 5,249.98 < 5,250: the sale is minimal.
 * - a = 10: E = −2,300, ρ = −4.6 → rate 0.01, penalty capped at max(0, ⌊−2,300⌋) = 0; s = min(10,
 *   ⌈5,000/285⌉) = 10, R = 2,850, C = −2,150 with nothing left: bankrupt, bad debt 2,150 (fund 0).
 */
import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog.ts';
import { checkCase } from './checkCase.ts';
import { liquidate } from '../model/liquidate.ts';
import type { LiquidationResult, Scenario } from '../model/types.ts';

function account(bnb: string, collateral: 'none' | 'deficit' | 'target' = 'deficit'): Scenario {
  return {
    params: {
      quoteScale: 2,
      trigger: 'strict',
      targetBuffer: '0',
      penalty: { steps: [{ maxMarginRatio: '1', rate: '0.005' }, { maxMarginRatio: '0.5', rate: '0.01' }], liquidatorShare: '0.5' },
      dustNotional: '0',
      priceImpact: '0',
      markets: { BTCUSDT: { lotSize: '0.001', tickSize: '0.1', tiers: [{ notionalFloor: '0', maintenanceRate: '0.01', maintenanceAmount: '0', initialRate: '0.02' }] } },
      assets: { BNB: { unit: '0.0001', weight: '0.9', discount: '0.05' } },
    },
    marks: { BTCUSDT: '50000' },
    assetPrices: { BNB: '300' },
    account: { collateral: '-5000', positions: [{ market: 'BTCUSDT', size: '1', entryPrice: '50000' }], assets: { BNB: bnb } },
    insuranceFund: '0',
    policy: {
      requirement: { kind: 'tiers', valuation: 'mark' },
      closeSize: { kind: 'full' },
      price: { kind: 'mark' },
      collateral: collateral === 'none' ? { kind: 'none' } : { kind: 'sell', restore: collateral },
    },
  } as unknown as Scenario;
}

type Result = LiquidationResult & { sales: { asset: string; amount: string; proceeds: string }[]; account: LiquidationResult['account'] & { assets: Record<string, string> } };

function reference(sc: Scenario): Result {
  const o = liquidate(sc);
  if (!o.ok) throw new Error(JSON.stringify(o.error));
  return o.result as Result;
}

const only = (id: string) => ({ invariants: CATALOG.filter((i) => i.id === id) });
const violations = (sc: Scenario, r: Result, id: string): string[] =>
  checkCase(() => ({ ok: true, result: r }), sc, only(id)).violations.filter((v) => v.invariant === id).map((v) => v.message);

describe('multi-asset invariants on a hand-computed account (hand-computed, not a published vector)', () => {
  const sc = account('20');
  const r = reference(sc);

  it('the reference sells 18.4211 BNB for 5,250.01 and is clean on every new and re-scoped id', () => {
    expect(r.sales).toEqual([{ asset: 'BNB', amount: '18.4211', proceeds: '5250.01' }]);
    expect(r.account.collateral).toBe('0.01');
    expect(r.account.assets).toEqual({ BNB: '1.5789' });
    expect(r.groups[0]!.before.equity).toBe('400');
    for (const id of ['LIQ-005', 'LIQ-007', 'LIQ-017', 'LIQ-031', 'LIQ-032', 'LIQ-033']) {
      expect(checkCase(liquidate, sc, only(id)).violations, id).toEqual([]);
    }
  });

  it('LIQ-032 flags one unit more (18.4212 for 5,250.04): one unit less already covers the deficit', () => {
    const bad: Result = { ...r, sales: [{ asset: 'BNB', amount: '18.4212', proceeds: '5250.04' }], account: { ...r.account, collateral: '0.04', assets: { BNB: '1.5788' } } };
    expect(violations(sc, bad, 'LIQ-032').join('\n')).toMatch(/one unit less/);
  });

  it('LIQ-032 flags proceeds rounded up (5,250.02 ≠ ⌊5,250.0135⌋_0.01) and a sale at p instead of π', () => {
    const up: Result = { ...r, sales: [{ asset: 'BNB', amount: '18.4211', proceeds: '5250.02' }], account: { ...r.account, collateral: '0.02' } };
    expect(violations(sc, up, 'LIQ-032').join('\n')).toMatch(/proceeds 5250\.02 ≠ ⌊s·π⌋_u = 5250\.01/);
    // at p = 300: 18.4211·300 = 5,526.33
    const atP: Result = { ...r, sales: [{ asset: 'BNB', amount: '18.4211', proceeds: '5526.33' }], account: { ...r.account, collateral: '276.33' } };
    expect(violations(sc, atP, 'LIQ-032').join('\n')).toMatch(/proceeds 5526\.33 ≠/);
  });

  it('LIQ-032 flags a sale short of the deficit with balance left, and a sale while the goal holds', () => {
    const short: Result = { ...r, sales: [{ asset: 'BNB', amount: '18', proceeds: '5130' }], account: { ...r.account, collateral: '-120', assets: { BNB: '2' } } };
    expect(violations(sc, short, 'LIQ-032').join('\n')).toMatch(/misses C ≥ 0/);
    // a = 30 with C = +100: E = 100 + 8,100 > 500, healthy — nothing may be sold.
    const healthy = { ...account('30'), account: { collateral: '100', positions: [{ market: 'BTCUSDT', size: '1', entryPrice: '50000' }], assets: { BNB: '30' } } } as unknown as Scenario;
    const h = reference(healthy);
    expect(h.sales).toEqual([]);
    const sold: Result = { ...h, sales: [{ asset: 'BNB', amount: '1', proceeds: '285' }], account: { ...h.account, collateral: '385', assets: { BNB: '29' } } };
    expect(violations(healthy, sold, 'LIQ-032').join('\n')).toMatch(/not liquidatable/);
  });

  it('LIQ-033 flags a negative balance, a balance that does not match the sales, and sales under none', () => {
    const negative: Result = { ...r, account: { ...r.account, assets: { BNB: '-0.0001' } } };
    expect(violations(sc, negative, 'LIQ-033').join('\n')).toMatch(/negative after/);
    const mismatch: Result = { ...r, account: { ...r.account, assets: { BNB: '2' } } };
    expect(violations(sc, mismatch, 'LIQ-033').join('\n')).toMatch(/falls by 18 .* but the sales report 18\.4211/);
    const none = account('20', 'none');
    expect(violations(none, r, 'LIQ-033').join('\n')).toMatch(/collateral part is none/);
  });

  it('LIQ-033 flags a negative quote balance left under deficit with an asset still held', () => {
    const left: Result = { ...r, sales: [], account: { ...r.account, collateral: '-5250', assets: { BNB: '20' } }, status: 'full', groups: r.groups };
    expect(violations(sc, left, 'LIQ-033').join('\n')).toMatch(/sell\/deficit .* left to sell/);
  });

  it('LIQ-007 flags proceeds credited but not paid (the quote balance 0.01 higher than the sale reports)', () => {
    const leak: Result = { ...r, account: { ...r.account, collateral: '0.02' } };
    expect(violations(sc, leak, 'LIQ-007').join('\n')).toMatch(/do not sum to zero/);
  });

  it('the whole balance: 10 BNB sold for 2,850, bad debt 2,150; LIQ-005 flags bad debt while an asset is kept', () => {
    const small = account('10');
    const b = reference(small);
    expect(b.sales).toEqual([{ asset: 'BNB', amount: '10', proceeds: '2850' }]);
    expect(b.badDebt).toBe('2150');
    for (const id of ['LIQ-005', 'LIQ-032', 'LIQ-033']) expect(checkCase(liquidate, small, only(id)).violations, id).toEqual([]);
    // Under none: nothing sold, flat with C = −5,000 and 10 BNB kept — borrowed quote, no bad debt.
    const none = account('10', 'none');
    const n = reference(none);
    expect(n.account.collateral).toBe('-5000');
    expect(n.badDebt).toBe('0');
    expect(checkCase(liquidate, none, only('LIQ-005')).violations).toEqual([]);
    const writtenOff: Result = { ...n, status: 'bankrupt', account: { ...n.account, collateral: '0' }, badDebt: '5000', socializedLoss: '5000' };
    expect(violations(none, writtenOff, 'LIQ-005').join('\n')).toMatch(/reported bad debt 5000 but the fills imply a deficit of 0/);
  });

  it('under sell/target (hand-computed): a = 20 needs no sale, a = 15 sells its whole balance and goes bankrupt', () => {
    // a = 20: after the fill C₀ = −5,250 and E − T = −5,250 + 20·300·0.9 = 150 ≥ 0: the goal holds,
    // nothing is sold, the flat group keeps C = −5,250 against 20 BNB (borrowed quote, status full).
    const keep = account('20', 'target');
    const k = reference(keep);
    expect(k.sales).toEqual([]);
    expect(k.account.collateral).toBe('-5250');
    expect(k.status).toBe('full');
    for (const id of ['LIQ-005', 'LIQ-017', 'LIQ-032', 'LIQ-033']) expect(checkCase(liquidate, keep, only(id)).violations, id).toEqual([]);
    const sold: Result = { ...k, sales: [{ asset: 'BNB', amount: '1', proceeds: '285' }], account: { ...k.account, collateral: '-4965', assets: { BNB: '19' } } };
    expect(violations(keep, sold, 'LIQ-032').join('\n')).toMatch(/not needed: the goal E ≥ T already holds at quote balance -5250/);
    // a = 15: E = −950, penalty capped at 0, C₀ = −5,000, E − T = −5,000 + 4,050 = −950; a BNB sold
    // gains π·l′ − p·w′ = 285 − 270 = 15 of slack, so the goal needs over 63 BNB: all 15 go for 4,275,
    // C = −725 with nothing left: bankrupt, bad debt 725.
    const all = account('15', 'target');
    const a = reference(all);
    expect(a.sales).toEqual([{ asset: 'BNB', amount: '15', proceeds: '4275' }]);
    expect(a.badDebt).toBe('725');
    for (const id of ['LIQ-005', 'LIQ-007', 'LIQ-032', 'LIQ-033']) expect(checkCase(liquidate, all, only(id)).violations, id).toEqual([]);
  });

  it('LIQ-018: each §13.1 breakage is refused by the reference and flagged on an engine that computes on it', () => {
    // The breakage is chosen by a hash of the scenario; these four insurance funds reach all four kinds.
    const seen = new Set<string>();
    for (const fund of ['0', '10', '100', '1000']) {
      const base = { ...sc, insuranceFund: fund } as Scenario;
      expect(checkCase(liquidate, base, only('LIQ-018')).violations, fund).toEqual([]);
      const lax = (s: unknown) => {
        const o = liquidate(s);
        return o.ok ? o : liquidate(base);
      };
      const vs = checkCase(lax, base, only('LIQ-018')).violations.map((v) => v.message);
      const hit = vs.find((m) => /account\.assets|targetWeight|assetPrices/.test(m));
      expect(hit, `fund ${fund}: ${vs.join('; ')}`).toBeDefined();
      seen.add(hit!.replace(/^a scenario with (.*) was computed on.*$/, '$1'));
    }
    expect([...seen].sort()).toEqual(['account.assets balance negative', 'account.assets balance off the asset unit', 'assetPrices missing for a held asset', 'params.assets targetWeight above weight']);
  });

  it('LIQ-031: halving BNB’s weights takes exactly 20·300·0.9/2 = 2,700 off the equity; an engine that ignores them is flagged', () => {
    const derived = { ...sc, params: { ...sc.params, assets: { BNB: { unit: '0.0001', weight: '0.45', targetWeight: '0.45', discount: '0.05' } } } } as unknown as Scenario;
    expect(reference(derived).groups[0]!.before.equity).toBe('-2300');
    // An engine answering the original result for both: before.equity does not fall.
    const vs = checkCase(() => ({ ok: true, result: r }), sc, only('LIQ-031')).violations.map((v) => v.message);
    expect(vs.join('\n')).toMatch(/expected to fall by a·p·w\/2 = 2700/);
  });
});
