/**
 * The catalog on inverse markets (spec §12.8), on hand-computed single-position cases
 * (hand-computed, not published vectors; the arithmetic is in the comments): LIQ-007's §12.6 bound,
 * LIQ-029's §12.4 price, LIQ-030's price scaling and LIQ-013's exclusion — each shown to hold on
 * the reference and to fail on a result tampered in the way the rule forbids.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, LiquidationResult, Scenario } from '../model/types.ts';
import type { Policy } from '../wire/policy.ts';
import { bankruptcyPriced } from './bankruptcyPriced.ts';
import { checkCase } from './checkCase.ts';
import { longShortMirror } from './longShortMirror.ts';
import { priceScaling } from './priceScaling.ts';
import { valueConservation } from './valueConservation.ts';

const AT_MARK: Policy = { requirement: { kind: 'tiers', valuation: 'mark' }, closeSize: { kind: 'full' }, price: { kind: 'mark' } };
const AT_BANKRUPTCY: Policy = { requirement: { kind: 'tiers', valuation: 'mark' }, closeSize: { kind: 'full' }, price: { kind: 'bankruptcy' }, penalty: { kind: 'steps', cap: 'bankruptcy' } };

/** One BTCUSD inverse market, 1 USD a contract, lot 100, tick 0.5, MMR 0.5 %, coin unit 10^−8. */
function inverse(position: { size: string; entryPrice: string }, mark: string, collateral: string, policy: Policy, contract = true): Scenario {
  return {
    params: {
      quoteScale: 8,
      trigger: 'strict',
      targetBuffer: '0',
      penalty: { steps: [{ maxMarginRatio: '1', rate: '0.002' }, { maxMarginRatio: '0.5', rate: '0.004' }], liquidatorShare: '0.5' },
      dustNotional: '0',
      priceImpact: '0',
      markets: {
        BTCUSD: {
          ...(contract ? { contract: { kind: 'inverse' as const, value: '1' } } : {}),
          lotSize: '100',
          tickSize: '0.5',
          tiers: [{ notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' }],
        },
      },
    },
    marks: { BTCUSD: mark },
    account: { collateral, positions: [{ market: 'BTCUSD', ...position }] },
    insuranceFund: '1',
    policy,
  };
}

function reference(sc: Scenario): LiquidationResult {
  const o = liquidate(sc);
  if (!o.ok) throw new Error(`the reference rejected a hand-built scenario: ${JSON.stringify(o.error)}`);
  return o.result;
}

const answering =
  (result: LiquidationResult): Engine =>
  () => ({ ok: true, result });

/*
 * A short of 100 contracts at 40,000, mark 48,000, collateral 0.0004 BTC:
 *   U = ⌊−100·(1/40000 − 1/48000)⌋_u = ⌊−100/240000⌋_u = ⌊−0.000416666…⌋_u = −0.00041667 (ε = 1/3 satoshi);
 *   E = 0.0004 − 0.00041667 = −0.00001667 < MM = 0.005·⌈100/48000⌉_u = 0.005·0.00208334: liquidated.
 * A full close at the mark realizes R = −0.00041667; E⁻ < 0 caps the penalty at 0; the deficit
 * 0.00001667 is the insurance fund's (1 → 0.99998333).
 * §12.6: Δtrader = 0 − (0.0004 − 0.000416666…) = 0.000016666…, Δliquidator = 0 (bought at the mark),
 * ΔI = −0.00001667: the sum is −0.00000000333… = −ε, in (−1·u, 0].
 */
describe('LIQ-007 on an inverse market (spec §12.6)', () => {
  const sc = inverse({ size: '-100', entryPrice: '40000' }, '48000', '0.0004', AT_MARK);
  const only = { invariants: [valueConservation] };

  it('the reference realizes the floored coin PnL and the fund pays the deficit (hand-computed)', () => {
    const r = reference(sc);
    expect(r.fills.map((f) => [f.side, f.size, f.price, f.notional, f.penalty, f.realizedPnl])).toEqual([['buy', '100', '48000', '0.00208334', '0', '-0.00041667']]);
    expect([r.account.collateral, r.badDebt, r.insurancePayout, r.insuranceFund, r.socializedLoss]).toEqual(['0', '0.00001667', '0.00001667', '0.99998333', '0']);
    expect(checkCase(liquidate, sc, only).violations).toEqual([]);
  });

  it('flags a PnL rounded up toward the trader: value is created (sum +2/3 satoshi)', () => {
    const r = reference(sc);
    const up: LiquidationResult = {
      ...r,
      fills: r.fills.map((f) => ({ ...f, realizedPnl: '-0.00041666' })),
      badDebt: '0.00001666',
      insurancePayout: '0.00001666',
      insuranceFund: '0.99998334',
    };
    const vs = checkCase(answering(up), sc, only).violations;
    expect(vs.map((v) => v.invariant)).toEqual(['LIQ-007']);
    expect(vs[0]!.message).toContain('value is created');
  });

  it('flags a fund that pays one satoshi more: value destroyed beyond one unit per fill (sum −4/3 satoshi)', () => {
    const r = reference(sc);
    const over: LiquidationResult = { ...r, insuranceFund: '0.99998332' };
    const vs = checkCase(answering(over), sc, only).violations;
    expect(vs.map((v) => v.invariant)).toEqual(['LIQ-007']);
    expect(vs[0]!.message).toContain('more than −1·0.00000001 for 1 fill(s)');
  });
});

/*
 * A long of 100 contracts at 40,000, mark 32,000, collateral 0.0005 BTC, closed in full at the
 * bankruptcy price (§12.4): U = 100·(1/40000 − 1/32000) = −0.000625 exactly, E = −0.000125 < MM.
 * MM′ = 0, so K = ⌈−B⌉_u with B = E − U = 0.0005: K = −0.0005. D = r·v − K·e = 100 + 20 = 120 > 0,
 * x_b = ⌈r·v·e / (D·tick)⌉·tick = ⌈4000000 / 60⌉·0.5 = 66667·0.5 = 33333.5.
 * There R = ⌊100·(33333.5 − 40000)/(40000·33333.5)⌋_u = ⌊−0.000499985…⌋_u = −0.00049999 ≥ K;
 * one tick lower, at 33333, R = ⌊−0.000500030…⌋_u = −0.00050004 < K.
 */
describe('LIQ-029 on an inverse market (spec §12.4)', () => {
  const sc = inverse({ size: '100', entryPrice: '40000' }, '32000', '0.0005', AT_BANKRUPTCY);
  const only = { invariants: [bankruptcyPriced] };
  const repriced = (price: string, pnl: string): LiquidationResult => {
    const r = reference(sc);
    return { ...r, fills: r.fills.map((f) => ({ ...f, price, realizedPnl: pnl })) };
  };

  it('the reference sells at 33333.5 and realizes −0.00049999 (hand-computed)', () => {
    const r = reference(sc);
    expect(r.fills.map((f) => [f.side, f.size, f.price, f.realizedPnl])).toEqual([['sell', '100', '33333.5', '-0.00049999']]);
    expect(checkCase(liquidate, sc, only).violations).toEqual([]);
  });

  it('flags a sell one tick lower (the fund would pay) and one tick higher (V ≥ 0 one tick lower)', () => {
    // At 33334: R = ⌊100·(33334 − 40000)/(40000·33334)⌋_u = ⌊−0.000499940…⌋_u = −0.00049995.
    const low = checkCase(answering(repriced('33333', '-0.00050004')), sc, only).violations;
    expect(low.map((v) => v.message)).toEqual([expect.stringContaining('the insurance fund would pay')]);
    const high = checkCase(answering(repriced('33334', '-0.00049995')), sc, only).violations;
    expect(high.map((v) => v.message)).toEqual([expect.stringContaining('one tick lower, at 33333.5')]);
  });
});

describe('LIQ-030 price scaling and LIQ-013 on inverse markets (spec §12.7)', () => {
  const sc = inverse({ size: '100', entryPrice: '40000' }, '32000', '0.0005', AT_BANKRUPTCY);
  const linear = inverse({ size: '100', entryPrice: '40000' }, '32000', '900000', AT_BANKRUPTCY, false);
  const c = (s: Scenario, engine: Engine = liquidate) => checkCase(engine, s, { invariants: [priceScaling, longShortMirror] });

  it('derives the scenario with prices, tick and contract value ×10 (hand-checked strings)', () => {
    const seen: unknown[] = [];
    const recording: Engine = (s) => {
      seen.push(s);
      return liquidate(s);
    };
    checkCase(recording, sc, { invariants: [priceScaling] });
    expect(seen).toHaveLength(2);
    const d = seen[1] as Scenario;
    expect(d.params.markets['BTCUSD']).toMatchObject({ tickSize: '5', lotSize: '100', contract: { kind: 'inverse', value: '10' } });
    expect(d.marks).toEqual({ BTCUSD: '320000' });
    expect(d.account.positions).toEqual([{ market: 'BTCUSD', size: '100', entryPrice: '400000' }]);
    expect(d.account.collateral).toBe('0.0005');
  });

  it('holds on the reference, is judged on inverse markets only, and LIQ-013 only on linear ones', () => {
    const inv = c(sc);
    expect(inv.violations).toEqual([]);
    expect(inv.checked).toContain('LIQ-030');
    expect(inv.checked).not.toContain('LIQ-013');
    const lin = c(linear);
    expect(lin.checked).not.toContain('LIQ-030');
    expect(lin.checked).toContain('LIQ-013');
  });

  it('flags an engine that answers the scaled scenario with the unscaled result (fill price 33333.5, not 333335)', () => {
    const fixed = reference(sc);
    const vs = c(sc, answering(fixed)).violations;
    expect(vs.map((v) => v.invariant)).toEqual(['LIQ-030']);
    expect(vs[0]!.message).toContain('fills[0].price: "333335" vs "33333.5"');
  });
});
