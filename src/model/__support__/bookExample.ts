/**
 * The worked example of docs/spec.md §10.4 (tests only; hand-computed, not a published vector):
 * one BTC market with a single 5 % bracket, lot 0.1, tick 0.5, quote scale 2, one 1 % penalty
 * step, dust notional 10; an isolated long of 2 entered at 100 with margin 15.1, marked at 90, and
 * bids of 0.5 at 89.5 and 1 at 89.
 */
import type { RiskParams, Scenario } from '../types.ts';

/** The example's parameters, with `over` replacing top-level fields; a fresh copy each call. */
export const tenthLotParams = (over: Partial<RiskParams> = {}): RiskParams => ({
  quoteScale: 2,
  trigger: 'strict',
  targetBuffer: '0',
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0.01' }], liquidatorShare: '0.5' },
  dustNotional: '10',
  priceImpact: '0',
  markets: { BTC: { lotSize: '0.1', tickSize: '0.5', tiers: [{ notionalFloor: '0', maintenanceRate: '0.05', maintenanceAmount: '0', initialRate: '0.1' }] } },
  ...over,
});

type Level = { readonly price: string; readonly size: string };

/** §10.4's example under a full close into the book, with `remainder` and (by default) its book. */
export const bookExample = (remainder: 'left' | 'bankruptcy', asks: readonly Level[] = [{ price: '90.5', size: '5' }]): Scenario =>
  ({
    params: tenthLotParams(),
    marks: { BTC: '90' },
    account: { collateral: '0', positions: [{ market: 'BTC', size: '2', entryPrice: '100', isolatedMargin: '15.1' }] },
    insuranceFund: '0',
    policy: { closeSize: { kind: 'full' }, price: { kind: 'book', remainder } },
    book: { BTC: { bids: [{ price: '89.5', size: '0.5' }, { price: '89', size: '1' }], asks } },
  }) as Scenario;
