/**
 * The bankruptcy price part of spec §10.4 (`{ "kind": "bankruptcy" }`) and the book's `backstop`
 * remainder, on dYdX v4's own unit-test vectors mapped onto our scenario format
 * (`dydxprotocol/v4-chain` `protocol/x/clob/keeper/liquidations_test.go`,
 * `TestGetBankruptcyPriceInQuoteQuantums`; each case name is quoted beside its expectation; its
 * bankruptcy quote divided by the size closed is our price) and on the worked example of §10.4.
 * Every other expectation is hand-computed, not a published vector: the arithmetic is written out
 * beside it.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { fromDec, toCanonical, type Fixed } from '../../model/fixed.ts';
import { fixedMarks, fixedParams, fixedPositions, marginGroups } from '../../model/fixedCore.ts';
import { liquidate } from '../../model/liquidate.ts';
import { parseScenario } from '../../model/parseScenario.ts';
import type { Scenario } from '../../model/types.ts';
import type { Policy } from '../../wire/policy.ts';
import { parsePolicy } from '../parsePolicy.ts';
import { dydxTwoPositions, workedExample } from '../penalty/bankruptcyCapScenarios.ts';
import { promisesOf } from '../promises.ts';
import { bankruptcyPriceOfClose } from './bankruptcyClose.ts';

const fx = (s: string): Fixed => fromDec(new Dec(s));
const FULL_AT_BANKRUPTCY: Policy = { closeSize: { kind: 'full' }, price: { kind: 'bankruptcy' }, penalty: { kind: 'steps', cap: 'bankruptcy' } };

function run(sc: Scenario) {
  const out = liquidate(sc);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.result;
}

/** x_b of closing `size` of `market` in the scenario's cross group, straight from the price rule. */
function priceOf(sc: Scenario, market: string, size: string): string {
  const parsed = parseScenario(sc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const p = parsed.value;
  const v = { params: fixedParams(p.params), marks: fixedMarks(p.marks) };
  const [cross] = marginGroups(v, fromDec(p.collateral), fixedPositions(p));
  return toCanonical(bankruptcyPriceOfClose(v, cross!, market, fx(size))!);
}

/** dYdX's test markets (BTC 50,000, ETH 3,000, 10 % maintenance), as bankruptcyCapScenarios.ts has them. */
function dydx(collateral: string, positions: Scenario['account']['positions']): Scenario {
  const base = dydxTwoPositions('long', '0.05');
  return { ...base, account: { collateral, positions }, policy: FULL_AT_BANKRUPTCY };
}

describe('the bankruptcy price of a close (spec §10.4), on dYdX’s TestGetBankruptcyPriceInQuoteQuantums', () => {
  const btc = (size: string, entryPrice: string) => ({ market: 'BTC', size, entryPrice });
  // Ours: collateral 0 and the entry that gives dYdX's TNC, so B = E − U_c = 0 on a full close and x_b = entry.
  it.each([
    ['fully closing one long position that is slightly below maintenance margin requirements (−4,501 USDC: 4,501,000,000)', '0', [btc('0.1', '45010')], '0.1', '45010'],
    ['fully closing one short position that is slightly below maintenance margin requirements (+5,499 USDC: −5,499,000,000)', '0', [btc('-0.1', '54990')], '0.1', '54990'],
    ['fully closing one long position that is at the bankruptcy price (−5,000 USDC: 5,000,000,000)', '0', [btc('0.1', '50000')], '0.1', '50000'],
    ['partially closing one long position that is at the bankruptcy price (0.05 of 0.1: 2,500,000,000)', '0', [btc('0.1', '50000')], '0.05', '50000'],
    ['partially closing one short position that is at the bankruptcy price (0.05 of 0.1: −2,500,000,000)', '0', [btc('-0.1', '50000')], '0.05', '50000'],
    ['fully closing one long position that is below the bankruptcy price (−5,100 USDC: 5,100,000,000)', '0', [btc('0.1', '51000')], '0.1', '51000'],
    ['fully closing one short position that is below the bankruptcy price (+4,900 USDC: −4,900,000,000)', '0', [btc('-0.1', '49000')], '0.1', '49000'],
  ] as const)('%s', (_name, collateral, positions, size, expected) => {
    expect(priceOf(dydx(collateral, [...positions]), 'BTC', size)).toBe(expected);
  });

  it('fully closing one position of several: the closed part’s share E·ΔMM/MM pays its concession (dYdX: 294,000,000 and −306,000,000)', () => {
    // E = 10, MM = 20 + 30 = 50, MM′ = 20 (the BTC left), B = 10 − 10 = 0: K = ⌈(10·20 − 0)/50⌉ = 4.
    // long:  x_b = 0.1·⌈(0.1·2900 + 4)/(0.1·0.1)⌉ = 0.1·29400 = 2940 (dYdX: $294 for 0.1 ETH)
    expect(priceOf(dydx('0', [{ market: 'BTC', size: '0.004', entryPrice: '50000' }, { market: 'ETH', size: '0.1', entryPrice: '2900' }]), 'ETH', '0.1')).toBe('2940');
    // short: x_b = 0.1·⌊(310 − 4)/0.01⌋ = 3060 ("… multiple short positions": −$306)
    expect(priceOf(dydx('0', [{ market: 'BTC', size: '-0.004', entryPrice: '50000' }, { market: 'ETH', size: '-0.1', entryPrice: '3100' }]), 'ETH', '0.1')).toBe('3060');
    // "… has a long and short position": BTC long, ETH short, +110 USDC: TNC = 110 + 200 − 300 = 10, the same −$306.
    expect(priceOf(dydx('0', [{ market: 'BTC', size: '0.004', entryPrice: '50000' }, { market: 'ETH', size: '-0.1', entryPrice: '3100' }]), 'ETH', '0.1')).toBe('3060');
  });

  it('"a long position that cannot be liquidated at a loss has a negative bankruptcy price": clamped to one tick', () => {
    // dYdX: 1 BTC long, +1 USDC, TNC 50,001: quote −1,000,000 (−$1). Ours: collateral 2, entry 1
    // (E = 2 + 49,999 = 50,001), B = 2, K = −2: x_b = ⌈(1 − 2)/1⌉ = −1 → max(tick, −1) = 1.
    expect(priceOf(dydx('2', [btc('1', '1')]), 'BTC', '1')).toBe('1');
  });
});

describe('closes at the bankruptcy price through the frame (spec §10.4 worked example)', () => {
  const example = (side: 'long' | 'short', policy: Policy = FULL_AT_BANKRUPTCY): Scenario => {
    const base = workedExample(policy);
    const sign = side === 'long' ? '' : '-';
    const markets = Object.fromEntries(Object.entries(base.params.markets).map(([id, m]) => [id, { ...m, tickSize: '0.5' }]));
    return {
      ...base,
      params: { ...base.params, markets },
      account: { collateral: '45.01', positions: [{ market: 'A', size: `${sign}3`, entryPrice: '100' }, { market: 'B', size: `${sign}1`, entryPrice: '100' }] },
    };
  };
  const fillsOf = (sc: Scenario) => run(sc).fills.map((f) => ({ market: f.market, price: f.price, realizedPnl: f.realizedPnl, penalty: f.penalty, liquidatorFee: f.liquidatorFee }));

  it('the longs: each position sold where its value above bankruptcy is used up, rounded up to the tick', { timeout: 20_000 }, () => {
    // A: K = ⌈(45.01·20 − 45.01·80)/0.8⌉·0.01 = −33.75, x_b = 0.5·⌈266.25/1.5⌉ = 89; R = −33;
    //    V = 12.01 − 45.01·20/80 = 0.7575 → penalty ⌊V⌋_u = 0.75 (< ⌈0.05·300⌉ = 15), liquidator 0.37.
    // B: E = 11.26, MM′ = 0: K = −11.26, x_b = 0.5·⌈88.74/0.5⌉ = 89; R = −11, V = E⁻ = 0.26 → 0.26, 0.13.
    expect(fillsOf(example('long'))).toEqual([
      { market: 'A', price: '89', realizedPnl: '-33', penalty: '0.75', liquidatorFee: '0.37' },
      { market: 'B', price: '89', realizedPnl: '-11', penalty: '0.26', liquidatorFee: '0.13' },
    ]);
    const r = run(example('long'));
    expect(r.status).toBe('full');
    expect(r.account.collateral).toBe('0');
    expect(r.badDebt).toBe('0');
  });

  it('the mirror shorts: bought at 2P − 89 = 111, rounded down to the tick', { timeout: 20_000 }, () => {
    // A: x_b = 0.5·⌊(300 + 33.75)/1.5⌋ = 0.5·222 = 111; B: 0.5·⌊(100 + 11.26)/0.5⌋ = 0.5·222 = 111.
    expect(fillsOf(example('short')).map((f) => [f.market, f.price, f.realizedPnl, f.penalty])).toEqual([
      ['A', '111', '-33', '0.75'],
      ['B', '111', '-11', '0.26'],
    ]);
  });

  it('under §7.3’s cap the first close is charged out of the share that backs B (hand-computed)', { timeout: 20_000 }, () => {
    // A at 89 as above; penalty min(15, ⌊12.01⌋) = 12.01, collateral 0; B: E = 0, B = 0, K = 0: x_b = 100, R = 0.
    expect(fillsOf(example('long', { closeSize: { kind: 'full' }, price: { kind: 'bankruptcy' } })).map((f) => [f.market, f.price, f.penalty])).toEqual([
      ['A', '89', '12.01'],
      ['B', '100', '0'],
    ]);
  });
});

describe('the book remainder "backstop" (spec §10.4)', () => {
  it('takes what the depth could not fill over at the mark itself, with the usual penalty (the §10.4 worked example)', { timeout: 20_000 }, () => {
    const sc = {
      params: {
        quoteScale: 2,
        trigger: 'strict',
        targetBuffer: '0',
        penalty: { steps: [{ maxMarginRatio: '1', rate: '0.01' }], liquidatorShare: '0.5' },
        dustNotional: '10',
        priceImpact: '0.01',
        markets: { BTC: { lotSize: '0.1', tickSize: '0.5', tiers: [{ notionalFloor: '0', maintenanceRate: '0.05', maintenanceAmount: '0', initialRate: '0.1' }] } },
      },
      marks: { BTC: '90' },
      account: { collateral: '0', positions: [{ market: 'BTC', size: '2', entryPrice: '100', isolatedMargin: '15.1' }] },
      insuranceFund: '0',
      policy: { closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'backstop' } },
      book: { BTC: { bids: [{ price: '89.5', size: '0.5' }, { price: '89', size: '1' }], asks: [] } },
    } as unknown as Scenario;
    const r = run(sc);
    // Levels as in §10.4 (collateral −1.15 after them); the rest 0.5 at 90 — not ⌊90·0.99⌋_0.5 = 89 —:
    // R = 0.5·(90 − 100) = −5, collateral −6.15, E⁻ < 0 → penalty 0; flat with 6.15 of bad debt, the fund empty.
    expect(r.fills.map((f) => [f.size, f.price, f.realizedPnl, f.penalty])).toEqual([
      ['0.5', '89.5', '-5.25', '0'],
      ['1', '89', '-11', '0'],
      ['0.5', '90', '-5', '0'],
    ]);
    expect(r.account.positions).toEqual([]);
    expect(r.badDebt).toBe('6.15');
  });
});

describe('promises of the bankruptcy price (spec §10.7)', () => {
  const promises = (w: Policy) => {
    const p = parsePolicy(w);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    return promisesOf(p.value);
  };

  it('makes bankruptcy-price, never mark-price or book-consistent; restorative only for a full close', () => {
    const full = promises(FULL_AT_BANKRUPTCY);
    expect([...full].filter((w) => ['bankruptcy-price', 'restorative', 'full-only', 'acts', 'fee-bounded-by-bankruptcy'].includes(w)).sort()).toEqual(['acts', 'bankruptcy-price', 'fee-bounded-by-bankruptcy', 'full-only', 'restorative']);
    const minimal = promises({ price: { kind: 'bankruptcy' } });
    for (const w of ['restorative', 'minimal', 'price-monotone', 'mark-price', 'book-consistent'] as const) expect(minimal.has(w), w).toBe(false);
    expect(minimal.has('bankruptcy-price')).toBe(true);
    expect(minimal.has('mirror-symmetric')).toBe(true);
  });

  it('a book with remainder "backstop" fills every close in full, so acts and full-only stand', () => {
    const p = promises({ closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'backstop' } });
    expect(p.has('full-only') && p.has('acts') && p.has('book-consistent')).toBe(true);
    expect(p.has('bankruptcy-price')).toBe(false);
  });
});
