/**
 * The binance-usdm profile (profiles/binance-usdm.json, docs/profiles/binance-usdm.md) on Binance's
 * own published numbers. Binance publishes no engine code and no liquidation vectors: every
 * published vector here is from its official documentation (the support FAQ and the API docs),
 * cited per case (URL + section), and they are all about the maintenance-margin brackets. Cases
 * whose expected value we computed ourselves (the trigger boundary, the step-down, the fee) are
 * labelled "hand-computed, not a published vector" and are not counted among the published ones.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/model/decimal.ts';
import { parseParams } from '../../src/model/parseScenario.ts';
import type { LiquidationResult } from '../../src/model/types.ts';
import { Profile } from '../../src/wire/profile.ts';
import { catalogUnder, expectStatuses, expectValidProfile, groupOf, referenceResult, shippedProfile, underProfile } from './support.ts';

const PROFILE: Profile = shippedProfile('binance-usdm');

const LIQ_PRICE_FAQ = 'https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93';
const BRACKETS_API = 'https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets';
const LIQUIDATION_FAQ = 'https://www.binance.com/en/support/faq/360033525271';

/** BTCUSDT at this mark (a tick multiple), entry at mark: unrealized PnL 0, so equity = the margin. */
const MARK = '100000';

const under = underProfile(PROFILE);

const run = referenceResult;

/** An isolated BTCUSDT long of `size` at MARK with `margin`, entry at mark. */
function isolatedLong(size: string, margin: string): LiquidationResult {
  return run(under([{ market: 'BTCUSDT', size, entryPrice: MARK, isolatedMargin: margin }], '0', { BTCUSDT: MARK }));
}

/** The reference's maintenance requirement of a healthy BTCUSDT long of notional `notional` at MARK. */
function maintenanceAt(notional: string): Dec {
  const size = new Dec(notional).div(MARK).toFixed();
  const r = isolatedLong(size, '100000000');
  expect(r.status).toBe('healthy');
  return new Dec(groupOf(r, 'BTCUSDT').before.maintenance);
}

describe('binance-usdm profile: the file is valid', () => {
  it('validator(Profile), parsePolicy and parseParams accept it', () => {
    expectValidProfile(PROFILE, 'binance-usdm');
  });
});

describe("binance-usdm: Binance's published bracket numbers, reproduced by the reference", () => {
  it(`published: "if the position size of a USDT-margined BTCUSDT contract is 264,000 USDT, then the maintenance margin rate would be 1%" (${LIQ_PRICE_FAQ}, Maintenance Margin Rate)`, () => {
    // The rate is the slope of MM at 264,000: one more 1,000 of notional costs 10 of requirement.
    const at = maintenanceAt('264000');
    const slope = maintenanceAt('265000').sub(at).div(1000);
    expect(slope.toFixed()).toBe('0.01');
    // And the page's formula, MM = notional × MMR − maintenance amount, with its 1 % and 1,300.
    expect(at.toFixed()).toBe(new Dec('264000').mul('0.01').sub('1300').toFixed());
  });

  it(`published: "if the position size of a USDT-margined BTCUSDT contract is 500,000 USDT, then the maintenance amount would be 1,300 USDT" (${LIQ_PRICE_FAQ}, Maintenance Amount)`, () => {
    // maintenance amount = notional × MMR − MM, read back from the reference's requirement.
    expect(new Dec('500000').mul('0.01').sub(maintenanceAt('500000')).toFixed()).toBe('1300');
  });

  it(`published: "Maintenance Amount on Level 3 = 250,000 * (1% - 0.5%) + 50 USDT = 1,300 USDT" (${LIQ_PRICE_FAQ}, Maintenance Amount formula)`, () => {
    // The reference checks that recursion on input (spec §3 continuity): 1,300 is accepted …
    expect(parseParams(PROFILE.params).ok).toBe(true);
    // … and any other amount on level 3 is refused, naming the field and the 1,300 it expects.
    const tiers = PROFILE.params.markets['BTCUSDT']!.tiers.map((t, i) => (i === 2 ? { ...t, maintenanceAmount: '1299' } : t));
    const wrong = parseParams({ ...PROFILE.params, markets: { ...PROFILE.params.markets, BTCUSDT: { ...PROFILE.params.markets['BTCUSDT']!, tiers } } });
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    const issue = wrong.issues.find((i) => i.path === 'params.markets["BTCUSDT"].tiers[2].maintenanceAmount');
    expect(issue?.expected).toContain('1300');
    // On the floor itself both brackets' forms agree: 250,000 × 1 % − 1,300 = 250,000 × 0.5 % − 50.
    expect(maintenanceAt('250000').toFixed()).toBe(new Dec('250000').mul('0.005').sub('50').toFixed());
  });

  it(`published: the Level-2 amount "50 USDT" in the same formula example, = 50,000 × (0.5 % − 0.4 %) + 0 (${LIQ_PRICE_FAQ}, Maintenance Amount formula)`, () => {
    // Just below the 50,000 floor the requirement is 0.4 % flat; from the floor on, 0.5 % − 50.
    expect(maintenanceAt('49900').toFixed()).toBe('199.6');
    expect(new Dec('60000').mul('0.005').sub(maintenanceAt('60000')).toFixed()).toBe('50');
  });

  it(`published: ETHUSDT bracket 1 "notionalCap": 10000, "notionalFloor": 0, "maintMarginRatio": 0.0065, "cum": 0 (${BRACKETS_API}, Response Example)`, () => {
    // A healthy ETHUSDT long of notional 9,000 (3 ETH at 3,000): MM = 9,000 × 0.0065 − 0.
    const r = run(under([{ market: 'ETHUSDT', size: '3', entryPrice: '3000', isolatedMargin: '1000' }], '0', { ETHUSDT: '3000' }));
    expect(r.status).toBe('healthy');
    expect(groupOf(r, 'ETHUSDT').before.maintenance).toBe(new Dec('9000').mul('0.0065').toFixed());
  });
});

describe("binance-usdm: the profile's rules (hand-computed, not published vectors)", () => {
  it(`"Collateral … < Maintenance Margin" is strict (${LIQUIDATION_FAQ}): at 500,000 notional, margin 3,700 = MM is healthy, one quote unit less is liquidated (hand-computed, not a published vector)`, () => {
    expect(isolatedLong('5', '3700').status).toBe('healthy');
    expect(isolatedLong('5', '3699.99999999').status).not.toBe('healthy');
  });

  it(`the FAQ's liquidation price is where our trigger fires (${LIQ_PRICE_FAQ}, isolated: TMM = UPNL = 0) (hand-computed, not a published vector)`, () => {
    // Isolated long 1 BTC at 100,000 with WB 4,430, bracket 2 at the liquidation price (0.5 %, cum 50):
    // LP = (WB + cum − Q·EP) / (Q·MMR − Q) = (4,430 + 50 − 100,000) / (0.005 − 1) = −95,520 / −0.995 = 96,000.
    const at = (mark: string): LiquidationResult =>
      run(under([{ market: 'BTCUSDT', size: '1', entryPrice: '100000', isolatedMargin: '4430' }], '0', { BTCUSDT: mark }));
    // At 96,000: E = 4,430 − 4,000 = 430 = MM = 480 − 50, healthy (strict); one tick lower, E 429.9 < MM 429.9995.
    expect(at('96000').status).toBe('healthy');
    expect(groupOf(at('96000'), 'BTCUSDT').before.equity).toBe('430');
    expect(groupOf(at('96000'), 'BTCUSDT').before.maintenance).toBe('430');
    expect(at('95999.9').status).not.toBe('healthy');
  });

  it('step-down: 12 BTC (1,200,000, bracket 4) with margin 13,000 < MM 13,700 is reduced to 9.999 BTC, just below the 1,000,000 floor (hand-computed, not a published vector)', () => {
    // MM = 1,200,000 × 2.5 % − 16,300 = 13,700. Step 1 keeps (⌈1,000,000 / (0.001 · 100,000)⌉ − 1) · 0.001 = 9.999:
    // close 2.001 (notional 200,100), fee ⌈0.003 × 200,100⌉ = 600.3, margin 12,399.7 ≥ MM(999,900) = 9,999 − 1,300 = 8,699.
    const r = isolatedLong('12', '13000');
    // Under minimal-close the same account would close only ⌈700 / 2,200⌉_0.001 = 0.319 BTC (slack
    // −700 + (2,500 − 300)·Δ while the rest stays in bracket 4): this case tells the two rules apart.
    expect(groupOf(r, 'BTCUSDT').before.maintenance).toBe('13700');
    expect(r.status).toBe('partial');
    expect(r.fills.map((f) => [f.side, f.size, f.price, f.notional, f.penalty, f.liquidatorFee, f.insuranceFee])).toEqual([
      ['sell', '2.001', '100000', '200100', '600.3', '0', '600.3'],
    ]);
    expect(r.account.positions).toEqual([{ market: 'BTCUSDT', size: '9.999', entryPrice: MARK, isolatedMargin: '12399.7' }]);
    expect(groupOf(r, 'BTCUSDT').after.maintenance).toBe('8699');
  });

  it(`a small position is fully liquidated, the fee to the insurance fund within the equity left (${LIQUIDATION_FAQ}: "users who hold relatively smaller positions will almost always be fully liquidated") (hand-computed, not a published vector)`, () => {
    // 0.1 BTC (10,000, bracket 1): MM 40 > margin 30. No lower bracket: closed in full; fee ⌈0.003 × 10,000⌉ = 30 ≤ ⌊30⌋.
    const r = isolatedLong('0.1', '30');
    expect(r.status).toBe('full');
    expect(r.fills.map((f) => [f.size, f.penalty, f.insuranceFee])).toEqual([['0.1', '30', '30']]);
    expect(r.insuranceFund).toBe('30');
    // With margin 20 the fee is capped at the equity left (spec §7.3): 20, and nothing is owed.
    const capped = isolatedLong('0.1', '20');
    expect(capped.fills[0]!.penalty).toBe('20');
    expect(capped.badDebt).toBe('0');
  });
});

describe('binance-usdm: the catalog under the profile', () => {
  it('checkCase(liquidate) on 200 scenarios under the profile shows no violation, and reaches partial step-downs and full closes', { timeout: 120_000 }, () => {
    const run = catalogUnder(PROFILE, { positions: { min: 1, max: 2 } });
    expect(run.violations).toEqual([]);
    // The step-down's own invariant (LIQ-020, spec §10.7) is judged on every case of the profile.
    for (const c of run.cases) expect(c.report.checked, JSON.stringify(c.scenario)).toContain('LIQ-020');
    // The draws reach the step-down (partial) and the full close, not only healthy accounts.
    expectStatuses(run, ['partial']);
    expect((run.statuses.get('full') ?? 0) + (run.statuses.get('bankrupt') ?? 0), JSON.stringify([...run.statuses])).toBeGreaterThan(0);
  });
});
