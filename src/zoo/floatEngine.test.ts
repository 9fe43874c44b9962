import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { LiquidationResult, MarketParamsInput, Outcome, RiskParams, Scenario } from '../model/types.ts';
import { floatEngine } from './floatEngine.ts';

function market(lotSize: string, maintenanceRate = '0.05'): MarketParamsInput {
  return {
    lotSize,
    tickSize: '1',
    tiers: [{ notionalFloor: '0', maintenanceRate, maintenanceAmount: '0', initialRate: '0.1' }],
  };
}

function params(over: Partial<RiskParams> = {}): RiskParams {
  return {
    quoteScale: 2,
    trigger: 'strict',
    targetBuffer: '0',
    penalty: { steps: [{ maxMarginRatio: '1', rate: '0.01' }], liquidatorShare: '0.5' },
    dustNotional: '0',
    priceImpact: '0',
    markets: { BTC: market('1') },
    ...over,
  };
}

function ok(o: Outcome): LiquidationResult {
  if (!o.ok) throw new Error(`engine failed: ${JSON.stringify(o.error)}`);
  return o.result;
}

describe('floatEngine (zoo: binary-float arithmetic)', () => {
  it('agrees with the reference on round numbers', () => {
    // N = 100·100 = 10000, MM = 500, E = 1300 − 1000 = 300 < 500. Slope per unit
    // 100·(0.05 − 0.01) = 4, shortage 200 → Δ* = 50 exactly.
    const sc: Scenario = {
      params: params(),
      marks: { BTC: '100' },
      account: { collateral: '1300', positions: [{ market: 'BTC', size: '100', entryPrice: '110' }] },
      insuranceFund: '1000',
    };
    const ref = ok(liquidate(sc));
    const flt = ok(floatEngine(sc));
    expect(ref.status).toBe('partial');
    expect(flt.status).toBe(ref.status);
    expect(flt.fills.map((f) => f.size)).toEqual(['50']);
    expect(flt.fills.map((f) => f.size)).toEqual(ref.fills.map((f) => f.size));
    expect(flt.fills.map((f) => f.penalty)).toEqual(ref.fills.map((f) => f.penalty));
    expect(flt.account).toEqual(ref.account);
    expect(flt.insuranceFund).toBe(ref.insuranceFund);
  });

  it('differs from the reference when ⌈Δ*⌉ to a 0.1 lot is 3 · 0.1', () => {
    // N = 100, MM = 5, E = 14 − 10 = 4: shortage 1, slope 4 → Δ* = 0.25, ⌈Δ*⌉_0.1 = 0.3.
    // In binary floating point Math.ceil(2.5) · 0.1 = 0.30000000000000004.
    const sc: Scenario = {
      params: params({ markets: { BTC: market('0.1') } }),
      marks: { BTC: '100' },
      account: { collateral: '14', positions: [{ market: 'BTC', size: '1', entryPrice: '110' }] },
      insuranceFund: '0',
    };
    const ref = ok(liquidate(sc));
    const flt = ok(floatEngine(sc));
    expect(ref.status).toBe('partial');
    expect(flt.status).toBe('partial');
    expect(ref.fills[0]?.size).toBe('0.3');
    expect(flt.fills[0]?.size).toBe('0.30000000000000004');
    // The extra ulp of size leaks into every amount rounded against the trader.
    expect(ref.fills[0]?.notional).toBe('30');
    expect(flt.fills[0]?.notional).toBe('30.000000000000004');
    expect(ref.fills[0]?.penalty).toBe('0.3');
    expect(flt.fills[0]?.penalty).toBe('0.31');
    expect(ref.fills[0]?.realizedPnl).toBe('-3');
    expect(flt.fills[0]?.realizedPnl).toBe('-3.0100000000000002');
  });

  it('rounds the penalty of a large notional at a small rate one quote unit up', () => {
    // Full close (every remainder is dust) of N = 1000 · 7000 = 7,000,000 at f = 0.0011:
    // exactly 7700, but 0.0011 · 7e6 = 7700.000000000001 in binary, so ⌈·⌉_0.01 gives 7700.01.
    const sc: Scenario = {
      params: params({
        penalty: { steps: [{ maxMarginRatio: '1', rate: '0.0011' }], liquidatorShare: '0.5' },
        dustNotional: '100000000',
        markets: { BTC: market('1', '0.01') },
      }),
      marks: { BTC: '7000' },
      account: { collateral: '60000', positions: [{ market: 'BTC', size: '1000', entryPrice: '7000' }] },
      insuranceFund: '0',
    };
    const ref = ok(liquidate(sc));
    const flt = ok(floatEngine(sc));
    expect(ref.status).toBe('full');
    expect(flt.status).toBe('full');
    expect(flt.fills[0]?.size).toBe(ref.fills[0]?.size);
    expect(ref.fills[0]?.penalty).toBe('7700');
    expect(flt.fills[0]?.penalty).toBe('7700.01');
    expect(ref.account.collateral).toBe('52300');
    expect(flt.account.collateral).toBe('52299.99');
  });
});
