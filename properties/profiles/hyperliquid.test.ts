/**
 * The hyperliquid profile (profiles/hyperliquid.json, docs/profiles/hyperliquid.md) on Hyperliquid's
 * own published numbers. Hyperliquid publishes no engine code, so every published vector here is
 * from its official documentation, cited per case (URL + section). Cases whose expected value was
 * computed by us are labelled "hand-computed, not a published vector" and are not counted.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/model/decimal.ts';
import { liquidate } from '../../src/model/liquidate.ts';
import type { Params } from '../../src/wire/params.ts';
import { Profile } from '../../src/wire/profile.ts';
import { catalogUnder, expectStatuses, expectValidProfile, referenceResult, shippedProfile, underProfile } from './support.ts';

const PROFILE: Profile = shippedProfile('hyperliquid');

const LIQUIDATIONS = 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations';
const MARGIN_TIERS = 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers';
const TICK_LOT = 'https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/tick-and-lot-size';
/**
 * The partial-liquidation rule is Hyperliquid's own announcement (Telegram channel
 * hyperliquid_announcements, post 307, mirrored at the URL below), restated by HIP-3 deployers,
 * whose perps "inherit Hyperliquid's core liquidation system" (https://docs.tings.xyz/core-mechanics/liquidations).
 */
const PARTIAL = 'https://tginsight.xyz/channel/hyperliquid_announcements/post/307';

const under = underProfile(PROFILE);

const run = referenceResult;

/**
 * One tier of Hyperliquid's rule "maintenance margin is half of the initial margin at max
 * leverage": initial rate 1/L, maintenance rate half of it. Where 1/L has no terminating decimal
 * (3x) both are rounded up to 18 places — the protocol's side, and our rule, not Hyperliquid's.
 */
function tierAt(maxLeverage: number): Params['markets'][string]['tiers'][number] {
  const up = (x: Dec): string => x.toDecimalPlaces(18, Dec.ROUND_CEIL).toFixed();
  const initial = up(new Dec(1).div(maxLeverage));
  return { notionalFloor: '0', maintenanceRate: up(new Dec(initial).div(2)), maintenanceAmount: '0', initialRate: initial };
}

/** A single-tier market X at max leverage L; a healthy long of notional 1000 reports its requirement. */
function requirementAt(maxLeverage: number): string {
  const params: Params = { ...PROFILE.params, markets: { X: { lotSize: '1', tickSize: '1', tiers: [tierAt(maxLeverage)] } } };
  const r = run(under([{ market: 'X', size: '10', entryPrice: '100' }], '1000', { X: '100' }, params));
  expect(r.status).toBe('healthy');
  return r.groups[0]!.before.maintenance;
}

describe('hyperliquid profile: the file is valid', () => {
  it('validator(Profile), parsePolicy and parseParams accept it', () => {
    expectValidProfile(PROFILE, 'hyperliquid');
  });

  it('the BTC tiers follow the docs: 40x → 1.25 %, 20x → 2.5 %, deduction continuous at 150M (hand-computed, not a published vector)', () => {
    // 150,000,000 · (0.025 − 0.0125) = 1,875,000 by the docs' recurrence (MARGIN_TIERS, "maintenance_deduction(tier = n)").
    expect(PROFILE.params.markets.BTC!.tiers).toEqual([tierAt(40), { ...tierAt(20), notionalFloor: '150000000', maintenanceAmount: '1875000' }]);
    expect(PROFILE.params.markets.SOL!.tiers).toEqual([tierAt(20), { ...tierAt(10), notionalFloor: '70000000', maintenanceAmount: '1750000' }]);
  });
});

describe("hyperliquid profile: Hyperliquid's published numbers", () => {
  it(`published: "at 20x max leverage, maintenance_margin_rate = 2.5%" (${MARGIN_TIERS}, formula section)`, () => {
    expect(new Dec(requirementAt(20)).div(1000).toFixed()).toBe('0.025');
  });

  it(`published: maintenance margin "1% (for 50x max leverage assets)" (${LIQUIDATIONS}, Overview)`, () => {
    expect(new Dec(requirementAt(50)).div(1000).toFixed()).toBe('0.01');
  });

  it(`published: "16.7% (for 3x max leverage assets)" (${LIQUIDATIONS}, Overview) — a difference by design, asserted with its size`, () => {
    // Half of 1/3 is 1/6, which has no terminating decimal; our rate is 1/6 rounded up to 18 places.
    const rate = new Dec(requirementAt(3)).div(1000);
    expect(rate.toFixed()).toBe('0.166666666666666667');
    // The docs round to 16.7 %: ours is 0.000333… lower per unit of notional (0.33 on a notional of 1000).
    expect(new Dec('0.167').minus(rate).toFixed()).toBe('0.000333333333333333');
    // Against the exact 1/6 ours is higher by 1/3 · 10^−18 per unit of notional (the protocol's side).
    expect(rate.minus(new Dec(1).div(6)).gt(0)).toBe(true);
    expect(rate.minus(new Dec(1).div(6)).lt('1e-18')).toBe(true);
  });

  it(`published: "For liquidatable positions larger than 100k USDC … only 20% of the position will be sent" (${PARTIAL})`, () => {
    // 10 BTC at 100,000 (notional 1,000,000, MM 12,500), equity 10,000: liquidatable, above 2/3·MM.
    const r = run(under([{ market: 'BTC', size: '10', entryPrice: '100000' }], '10000', { BTC: '100000' }));
    expect(r.status).toBe('partial');
    expect(r.fills.map((f) => [f.side, f.size, f.price])).toEqual([['sell', '2', '100000']]); // 20 % of 10
    expect(r.account.positions).toEqual([{ market: 'BTC', size: '8', entryPrice: '100000' }]);
  });

  it(`published: below 100k "The orders are for the full size of the position" (${LIQUIDATIONS}, Overview)`, () => {
    // 0.5 BTC at 100,000 (notional 50,000, MM 625), equity 500 ≥ 2/3·625: a book liquidation of the whole position.
    const r = run(under([{ market: 'BTC', size: '0.5', entryPrice: '100000' }], '500', { BTC: '100000' }));
    expect(r.fills.map((f) => [f.side, f.size])).toEqual([['sell', '0.5']]);
    expect(r.status).toBe('full');
    expect(r.account.collateral).toBe('500'); // "any remaining collateral remains with the trader"
  });

  it(`published: a cross account below 2/3 of maintenance "ends up with zero account equity" (${LIQUIDATIONS}, backstop liquidation)`, () => {
    // 1 BTC at 100,000: MM 1,250, 2/3 of it 833.33…; equity 800 is below it (3·800 < 2·1250).
    const r = run(under([{ market: 'BTC', size: '1', entryPrice: '100000' }], '800', { BTC: '100000' }));
    expect(r.account).toEqual({ collateral: '0', positions: [] });
    // "the maintenance margin is not returned to the user": all of it goes to the vault (liquidatorShare 1).
    expect(r.fills.map((f) => [f.size, f.price, f.penalty, f.liquidatorFee])).toEqual([['1', '100000', '800', '800']]);
    // Just above the threshold (equity 834, 3·834 > 2·1250) the book liquidation acts instead and the rest stays.
    const above = run(under([{ market: 'BTC', size: '1', entryPrice: '100000' }], '834', { BTC: '100000' }));
    expect(above.account.collateral).toBe('834');
  });

  it(`published: an isolated backstop leaves "The user's cross margin and positions … untouched" (${LIQUIDATIONS}, backstop liquidation)`, () => {
    const r = run(
      under(
        [
          { market: 'BTC', size: '1', entryPrice: '100000' }, // cross, equity 5,000 ≥ MM 1,250
          { market: 'SOL', size: '100', entryPrice: '200', isolatedMargin: '300' }, // MM 500, 2/3 = 333.33 > 300
        ],
        '5000',
        { BTC: '100000', SOL: '200' },
      ),
    );
    expect(r.fills.map((f) => [f.market, f.size, f.penalty])).toEqual([['SOL', '100', '300']]);
    expect(r.account).toEqual({ collateral: '5000', positions: [{ market: 'BTC', size: '1', entryPrice: '100000' }] });
  });

  it(`published: "if szDecimals = 3 then 1.001 is a valid size but 1.0001 is not" (${TICK_LOT})`, () => {
    const params: Params = { ...PROFILE.params, markets: { X: { lotSize: '0.001', tickSize: '0.1', tiers: [tierAt(20)] } } };
    const at = (size: string) => liquidate(under([{ market: 'X', size, entryPrice: '1000' }], '1000', { X: '1000' }, params));
    expect(at('1.001').ok).toBe(true);
    const bad = at('1.0001');
    expect(bad.ok ? null : bad.error.code).toBe('invalid-input');
  });

  it(`published: "1234.5 is valid but 1234.56 is not" (${TICK_LOT}, Perp price examples; szDecimals 1 → tick 0.1 at that price)`, () => {
    const params: Params = { ...PROFILE.params, markets: { X: { lotSize: '0.1', tickSize: '0.1', tiers: [tierAt(20)] } } };
    const at = (mark: string) => liquidate(under([{ market: 'X', size: '1', entryPrice: '1000' }], '1000', { X: mark }, params));
    expect(at('1234.5').ok).toBe(true);
    const bad = at('1234.56');
    expect(bad.ok ? null : bad.error.code).toBe('invalid-input');
  });
});

describe('hyperliquid profile: where our rule differs from the docs', () => {
  it('150k notional: Hyperliquid sends 20 % (0.3 BTC), ours closes all 1.5 BTC — 1.2 BTC = 120,000 more (hand-computed, not a published vector)', () => {
    // fixed-portion with minimumNotional 100,000 (spec §10.3): max(0.3, 1) = 1 BTC, and the rest 50,000 < 100,000 is closed too.
    const r = run(under([{ market: 'BTC', size: '1.5', entryPrice: '100000' }], '1500', { BTC: '100000' }));
    const hl = new Dec('1.5').times('0.2');
    expect(r.fills.map((f) => f.size)).toEqual(['1.5']);
    expect(new Dec(r.fills[0]!.size).minus(hl).times(100000).toFixed()).toBe('120000');
  });
});

describe("hyperliquid profile: the docs' liquidation price (hand-computed, not a published vector)", () => {
  it('the trigger flips between the two ticks around liq_price = price − side · margin_available / size / (1 − l · side)', () => {
    // The formula of LIQUIDATIONS ("Computing Liquidation Price"), l = 1 / maintenance leverage = 0.0125 for BTC.
    // An isolated long of 1 BTC entered at 100,000 with 2,500 of margin (40x): at mark 100,000,
    // margin_available = 2500 − 1250 = 1250, liq_price = 100000 − 1250 / (1 − 0.0125) = 98734.177…
    const liq = new Dec(100000).minus(new Dec(1250).div(new Dec(1).minus('0.0125')));
    expect(liq.gt(98734) && liq.lt(98735)).toBe(true);
    const at = (mark: string) => run(under([{ market: 'BTC', size: '1', entryPrice: '100000', isolatedMargin: '2500' }], '0', { BTC: mark }));
    // 98,735: E = 1,235 ≥ MM = 1,234.1875 — healthy; 98,734: E = 1,234 < MM = 1,234.175 — liquidated, whole (notional ≤ 100k).
    expect(at('98735').status).toBe('healthy');
    const below = at('98734');
    expect(below.status).toBe('full');
    expect(below.fills.map((f) => [f.size, f.price])).toEqual([['1', '98734']]);
  });
});

describe('hyperliquid profile: the catalog on the profile', () => {
  it('checkCase(liquidate) on 200 scenarios under the profile shows no violation, and reaches takeovers and partial fills', () => {
    const run = catalogUnder(PROFILE, { positions: { min: 1, max: 2 } });
    expect(run.violations).toEqual([]);
    // The draws reach the interesting region: healthy, partial (20 % fills) and full closes, and backstop takeovers.
    expectStatuses(run, ['healthy', 'partial', 'full']);
    const takeovers = run.cases.filter((c) => c.result?.fills.some((f) => f.penalty !== '0')).length; // rate 0: only a takeover charges
    expect(takeovers).toBeGreaterThan(0);
    // The profile's own promises are judged: the portion rule (LIQ-019) and the backstop (LIQ-027).
    expect([...run.judged]).toEqual(expect.arrayContaining(['LIQ-019', 'LIQ-027']));
  }, 120_000);
});
