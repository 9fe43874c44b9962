/**
 * The hand-worked example the model's tests share (tests only): one BTC market with a single 0.5 %
 * bracket, lot 0.001, tick 0.5, buffer 0.1 %, one 0.2 % penalty step. A long of 2 BTC entered at
 * 51000 and marked at 50000 has N = 100000, U = −2000, MM = 500 and T = 600.
 */
import { liquidate } from '../liquidate.ts';
import type { LiquidationResult, MarketParamsInput, RiskParams, Scenario } from '../types.ts';

/** A fresh copy each call, so a test may edit or freeze it. */
export const oneTierMarket = (): MarketParamsInput => ({
  lotSize: '0.001',
  tickSize: '0.5',
  tiers: [{ notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' }],
});

/** The example's parameters, with `over` replacing top-level fields; a fresh copy each call. */
export const oneTier = (over: Partial<RiskParams> = {}): RiskParams => ({
  quoteScale: 6,
  trigger: 'strict',
  targetBuffer: '0.001',
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0.002' }], liquidatorShare: '0.5' },
  dustNotional: '0',
  priceImpact: '0',
  markets: { BTC: oneTierMarket() },
  ...over,
});

/** A cross long in BTC under `params` (by default 2 BTC entered at 51000, marked at 50000). */
export const btcLong = (params: RiskParams, collateral: string, size = '2', entry = '51000', mark = '50000'): Scenario => ({
  params,
  marks: { BTC: mark },
  account: { collateral, positions: [{ market: 'BTC', size, entryPrice: entry }] },
  insuranceFund: '1000',
});

/** The reference's result, or the test fails with the model's error. */
export function ok(s: Scenario): LiquidationResult {
  const o = liquidate(s);
  if (!o.ok) throw new Error(JSON.stringify(o.error));
  return o.result;
}
