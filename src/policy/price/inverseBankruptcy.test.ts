/**
 * The bankruptcy price of an inverse market (spec §12.4) and whole liquidations of inverse
 * positions under the `bybit-linear` profile's policy (full close at the bankruptcy price).
 *
 * The isolated 50x examples are Bybit's own, "Trader A buys long / sells short at 8,000 USD while
 * using 50x leverage", with its rounding rule "for long position, the bankruptcy price will be
 * rounded up to the nearest 0.5 … for short position … rounded down"
 * (https://help.bybit.com/hc/en-us/articles/360037757474-How-to-calculate-Bankruptcy-Price-;
 * its isolated formula is entry·leverage/(leverage ± 1)). Every amount beyond those prices is
 * hand-computed, not a published vector: the arithmetic is written beside it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { fromDec, toCanonical, type Fixed } from '../../model/fixed.ts';
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';
import { LINEAR } from '../../model/contract.ts';
import { priceReaching, priceReachingOf } from './bankruptcyPrice.ts';

const x = (s: string): Fixed => fromDec(new Dec(s));
const XBT = { kind: 'inverse', value: x('1') } as const;
const profile = JSON.parse(readFileSync(new URL('../../../profiles/bybit-linear.json', import.meta.url), 'utf8')) as { params: Scenario['params']; policy: NonNullable<Scenario['policy']> };

/** Bybit's BTCUSD in the bybit-linear profile's params: 1 USD contracts, tick 0.5, MMR 0.5 %, quoteScale 8 (satoshi). */
function inverseScenario(o: { mark: string; size: string; entry: string; collateral: string; isolatedMargin?: string; tiers?: Scenario['params']['markets'][string]['tiers']; policy?: Scenario['policy'] }): Scenario {
  const tiers = o.tiers ?? [{ notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' }];
  return {
    params: { ...profile.params, markets: { BTCUSD: { contract: { kind: 'inverse', value: '1' }, lotSize: '1', tickSize: '0.5', tiers } } },
    marks: { BTCUSD: o.mark },
    account: { collateral: o.collateral, positions: [{ market: 'BTCUSD', size: o.size, entryPrice: o.entry, ...(o.isolatedMargin === undefined ? {} : { isolatedMargin: o.isolatedMargin }) }] },
    insuranceFund: '0',
    policy: o.policy ?? profile.policy,
  };
}

function run(sc: Scenario) {
  const out = liquidate(sc);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.result;
}

describe('§12.4 the bankruptcy price of an inverse fill', () => {
  it("is Bybit's isolated 50x price, rounded up for a long and down for a short", () => {
    // 10000 contracts at 8000, 50x: margin 10000/(8000·50) = 0.025 = −K.
    // Long: D = r·v − K·e = 10000 + 200 = 10200; x_b = ⌈80 000 000/(10200·0.5)⌉·0.5 = ⌈15686.27…⌉·0.5 = 7843.5
    // (Bybit: 8000·50/51 = 7843.137… rounded up to 0.5).
    expect(toCanonical(priceReachingOf(XBT, true, x('10000'), x('8000'), x('-0.025'), x('0.5'))!)).toBe('7843.5');
    // Short: D′ = r·v + K·e = 10000 − 200 = 9800; x_b = ⌊80 000 000/(9800·0.5)⌋·0.5 = ⌊16326.53…⌋·0.5 = 8163
    // (Bybit: 8000·50/49 = 8163.265… rounded down to 0.5).
    expect(toCanonical(priceReachingOf(XBT, false, x('10000'), x('8000'), x('-0.025'), x('0.5'))!)).toBe('8163');
  });

  it('has no least favourable price when D ≤ 0 (long) or D′ ≤ 0 (short)', () => {
    // Long: K = 1.25 = r·v/e, a gain no price reaches (the gain is below r·v/e): D = 10000 − 1.25·8000 = 0.
    expect(priceReachingOf(XBT, true, x('10000'), x('8000'), x('1.25'), x('0.5'))).toBeNull();
    // Short: K = −1.25: a loss beyond the largest possible (r·v/e) — every price reaches it: D′ = 0.
    expect(priceReachingOf(XBT, false, x('10000'), x('8000'), x('-1.25'), x('0.5'))).toBeNull();
    // One satoshi less demanding and a price exists: D′ = 10000 − 1.24999999·8000 = 0.00008;
    // x_b = ⌊80 000 000/(0.00008·0.5)⌋·0.5 = 2·10^12·0.5 = 10^12.
    expect(toCanonical(priceReachingOf(XBT, false, x('10000'), x('8000'), x('-1.24999999'), x('0.5'))!)).toBe('1000000000000');
  });

  it('is at least one tick', () => {
    // Long with K = −0.025·10^4 = −250: D = 10000 + 2 000 000 = 2 010 000; 80 000 000/(2 010 000·0.5) = 79.6… → ⌈⌉ = 80 ticks = 40.
    expect(toCanonical(priceReachingOf(XBT, true, x('10000'), x('8000'), x('-250'), x('0.5'))!)).toBe('40');
    // Short with K = 10^6 (a gain): D′ huge, ⌊80 000 000/(8 000 010 000·0.5)⌋ = 0 ticks → clamped to one tick.
    expect(toCanonical(priceReachingOf(XBT, false, x('10000'), x('8000'), x('1000000'), x('0.5'))!)).toBe('0.5');
  });

  it('is the linear rule of §10.4 on a linear market', () => {
    for (const [long, k] of [[true, '-25'], [false, '-25'], [true, '3'], [false, '3']] as const) {
      expect(priceReachingOf(LINEAR, long, x('2'), x('100'), x(k), x('0.5'))!.eq(priceReaching(long, x('2'), x('100'), x(k), x('0.5')))).toBe(true);
    }
  });
});

describe('liquidating an inverse position under the bybit-linear policy (full close at the bankruptcy price)', () => {
  it('closes an isolated 50x long at 7843.5 and returns what is left above bankruptcy', () => {
    const r = run(inverseScenario({ mark: '7880', size: '10000', entry: '8000', collateral: '0', isolatedMargin: '0.025' }));
    // Before: U = ⌊10000·(1/8000 − 1/7880)⌋ = ⌊−0.0190355329…⌋ = −0.01903554; E = 0.025 − 0.01903554 = 0.00596446;
    // MM at entry (the profile's valuation) = 0.005·N(10000, 8000) = 0.005·1.25 = 0.00625 ≥ E: liquidatable.
    const group = r.groups.find((g) => g.group === 'BTCUSD')!;
    expect(group.before).toMatchObject({ equity: '0.00596446', maintenance: '0.00625' });
    expect(r.fills).toHaveLength(1);
    const f = r.fills[0]!;
    // B = E − U(q_c) = 0.025, MM′ = 0: K = −0.025, x_b = 7843.5 (above).
    expect(f.price).toBe('7843.5');
    expect(f.side).toBe('sell');
    // Realized: ⌊10000·(1/8000 − 1/7843.5)⌋ = ⌊−1 565 000/62 748 000⌋ = ⌊−0.0249410339…⌋ = −0.02494104.
    expect(f.realizedPnl).toBe('-0.02494104');
    // Notional at mark: ⌈10000/7880⌉ = ⌈1.2690355329…⌉ = 1.26903554 (coin).
    expect(f.notional).toBe('1.26903554');
    expect(f.penalty).toBe('0');
    // 0.025 − 0.02494104 = 0.00005896 left (< one tick's worth: the rounding of x_b up), returned to cross.
    expect(r.account.collateral).toBe('0.00005896');
    expect(r).toMatchObject({ status: 'full', insuranceFund: '0', badDebt: '0' });
  });

  it('closes an isolated 50x short at 8163', () => {
    const r = run(inverseScenario({ mark: '8130', size: '-10000', entry: '8000', collateral: '0', isolatedMargin: '0.025' }));
    // U = ⌊−10000·(1/8000 − 1/8130)⌋ = ⌊−0.0199876998…⌋ = −0.0199877; E = 0.0050123 ≤ 0.00625.
    const f = r.fills[0]!;
    expect(f.price).toBe('8163');
    expect(f.side).toBe('buy');
    // ⌊−10000·(1/8000 − 1/8163)⌋ = ⌊−0.0249601862…⌋ = −0.02496019; left 0.025 − 0.02496019 = 0.00003981.
    expect(f.realizedPnl).toBe('-0.02496019');
    expect(f.notional).toBe('1.23001231'); // ⌈10000/8130⌉ = ⌈1.2300123001…⌉
    expect(r.account.collateral).toBe('0.00003981');
  });

  it('fills a short at the mark when D′ ≤ 0: its collateral covers the largest loss it can have', () => {
    // MMR 20 % at entry: MM = 0.2·1.25 = 0.25. Collateral 1.25 = r·v/e. Mark 80000:
    // U = −10000·(1/8000 − 1/80000) = −1.125 exactly; E = 0.125 ≤ 0.25: liquidatable.
    // K = −B = −(E − U) = −1.25, D′ = 10000 − 1.25·8000 = 0: every price reaches K, the fill is at the mark.
    const tiers = [{ notionalFloor: '0', maintenanceRate: '0.2', maintenanceAmount: '0', initialRate: '0.4' }];
    const r = run(inverseScenario({ mark: '80000', size: '-10000', entry: '8000', collateral: '1.25', tiers }));
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({ price: '80000', realizedPnl: '-1.125', notional: '0.125' }); // N = 10000/80000
    expect(r.account.collateral).toBe('0.125');
    expect(r.status).toBe('full');
  });
});
