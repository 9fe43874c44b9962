/**
 * The bitmex-xbtusd profile (issue 13) on BitMEX's own published numbers for its XBTUSD inverse
 * perpetual: the maintenance margins of its risk-limit examples, the PnL of its inverse example,
 * its lot size and its trigger wording, reproduced by the reference under the profile's policy on
 * inverse values (spec §12; docs/profiles/bitmex-xbtusd.md). Each published case says where it was
 * read; a case whose expected value was computed here is labelled "hand-computed, not a published
 * vector". The stored copies of BitMEX's pages carry no worked liquidation price for XBTUSD (the
 * liquidation example of testnet.bitmex.com/app/liquidationExamples is a generic 1-contract
 * illustration at $100), so the liquidation and bankruptcy prices below are hand-computed.
 *
 * Every amount below was computed by hand (exact fractions, spec §12.2: PnL floored to the
 * satoshi, position value at mark rounded up to it), never read from the code.
 */
import { describe, expect, it } from 'vitest';
import { catalogUnder, expectStatuses, expectValidProfile, groupOf, referenceResult, shippedProfile, underProfile, type Position } from './support.ts';
import { liquidate } from '../../src/model/liquidate.ts';
import type { LiquidationResult } from '../../src/model/types.ts';

const PROFILE = shippedProfile('bitmex-xbtusd');
const under = underProfile(PROFILE);

/** BitMEX pages the cases come from. */
const RISK_LIMITS = 'https://bitmex.com/app/riskLimitsExamples';
const RISK_LIMITS_OLD = 'https://www.bitmex.com/app/riskLimitsExamples (an earlier stored version)';
const INVERSE_FUTURES = 'https://bitmex.com/app/inverseFuturesGuide';
const INVERSE_PERPETUALS = 'https://www.bitmex.com/app/inversePerpetualsGuide';
const LIQUIDATION = 'https://www.bitmex.com/app/liquidation';
const LOT_SIZE = 'https://blog.bitmex.com/site_announcement/important-lot-size-change-on-xbtusd-swap-and-futures-moving-to-100-lot-size-effective-8-june/';

/** One XBTUSD position at `mark` (isolated when it has a margin), cross collateral `collateral`. */
function xbtusd(mark: string, pos: Omit<Position, 'market'>, collateral = '0'): LiquidationResult {
  return referenceResult(under([{ market: 'XBTUSD', ...pos } as Position], collateral, { XBTUSD: mark }));
}

/** Liquidated in full at `liquidated`, healthy with no fill one tick away at `safe`. */
function expectBoundary(pos: Omit<Position, 'market'>, liquidated: string, safe: string): void {
  const at = xbtusd(liquidated, pos);
  expect(at.status).not.toBe('healthy');
  expect(at.fills.map((f) => f.size)).toEqual([pos.size.replace('-', '')]);
  const away = xbtusd(safe, pos);
  expect(away.status).toBe('healthy');
  expect(away.fills).toEqual([]);
}

describe('bitmex-xbtusd profile: the file is valid', () => {
  it('validator(Profile), parsePolicy and parseParams accept it; an inverse XBTUSD of 1 USD contracts valued at mark', () => {
    expectValidProfile(PROFILE, 'bitmex-xbtusd');
    expect(PROFILE.policy.requirement).toEqual({ kind: 'tiers', valuation: 'mark' });
    expect(PROFILE.policy.price).toEqual({ kind: 'bankruptcy' });
    expect(PROFILE.params.markets['XBTUSD']!.contract).toEqual({ kind: 'inverse', value: '1' });
  });
});

describe(`BitMEX's published XBTUSD maintenance margins (${RISK_LIMITS})`, () => {
  // Published: RISK_LIMITS, "A trader has a XBTUSD position worth 180 XBT. The current maintenance
  // margin requirement is 0.50% (0.90 XBT)". 1,800,000 contracts at a mark of 10,000 are worth
  // 1,800,000 / 10,000 = 180 XBT.
  it('a position worth 180 XBT: maintenance 0.90 XBT (published)', () => {
    const r = xbtusd('10000', { size: '1800000', entryPrice: '10000' }, '2');
    expect(groupOf(r, 'cross').before.maintenance).toBe('0.9');
    expect(r.status).toBe('healthy');
  });

  // Published: RISK_LIMITS_OLD, "A trader has a XBTUSD position worth 80 XBT. The current
  // maintenance margin requirement is 0.5% (0.4 XBT)".
  it(`a position worth 80 XBT: maintenance 0.4 XBT (published, ${RISK_LIMITS_OLD})`, () => {
    expect(groupOf(xbtusd('10000', { size: '-800000', entryPrice: '10000' }, '1'), 'cross').before.maintenance).toBe('0.4');
  });

  // Published: RISK_LIMITS, "… increase his position to 230 XBT … he is 1 step above the Base Risk
  // Limit of 200 XBT. The trader thus increases their maintenance and initial margin to the next
  // step (<350XBT) to 1.00%": BitMEX's MM = 230 × 1.00 % = 2.3 XBT. Ours differs by design: the
  // tier table is continuous (spec §3), MM = 230 × 1 % − 1 = 1.3 XBT (maintenanceAmount 1 =
  // 200 × (1 % − 0.5 %)); the 1 XBT difference is stated in the profile's notModelled.
  it('a position worth 230 XBT: ours 1.3 XBT where BitMEX charges the whole position 1.00 % = 2.3 XBT (published, difference stated)', () => {
    expect(groupOf(xbtusd('10000', { size: '2300000', entryPrice: '10000' }, '3'), 'cross').before.maintenance).toBe('1.3');
  });

  // Mark valuation (BitMEX's Fair Price Marking, LIQUIDATION): the same 1,800,000 contracts are
  // worth more XBT at a lower mark. Hand-computed, not a published vector: at 9,000 the value is
  // ⌈1,800,000 / 9,000⌉_sat = 200 XBT, on the base risk limit, so the next step's rate applies:
  // 200 × 1 % − 1 = 1 XBT; at 9,000.5 it is ⌈199.988889…⌉_sat = 199.98888951 XBT at 0.5 %:
  // 0.99994444755 XBT (a requirement is not rounded, spec §3).
  it('the value at mark crosses the base risk limit of 200 XBT (hand-computed, not a published vector)', () => {
    expect(groupOf(xbtusd('9000', { size: '1800000', entryPrice: '10000' }, '30'), 'cross').before.maintenance).toBe('1');
    expect(groupOf(xbtusd('9000.5', { size: '1800000', entryPrice: '10000' }, '30'), 'cross').before.maintenance).toBe('0.99994444755');
  });
});

describe(`BitMEX's inverse PnL example (${INVERSE_FUTURES})`, () => {
  // Published: INVERSE_FUTURES, "A trader wants to go long 10 XBT … trades at 10,000. As the leverage
  // is 100x, the trader only needs 0.1 XBT of margin … The trader must buy 100,000 contracts … the
  // price rises to 10,500", with "PnL Calculation | # Contracts * Multiplier * (1/Entry Price -
  // 1/Exit Price)" (the page's result is cut off in the stored copy). 100,000 × (1/10,000 −
  // 1/10,500) = 0.476190476… XBT, which ours floors to the satoshi: 0.47619047 (spec §12.2).
  const pos = { size: '100000', entryPrice: '10000', isolatedMargin: '0.1' };
  it('long 100,000 at 10,000 with 0.1 XBT, marked at 10,500: equity 0.1 + 0.47619047 (published inputs and formula)', () => {
    const r = xbtusd('10500', pos);
    expect(groupOf(r, 'XBTUSD').before.equity).toBe('0.57619047');
    expect(r.status).toBe('healthy');
  });

  // The position of "10 XBT" at entry: MM = 10 × 0.5 % = 0.05 XBT (published value and base rate).
  it('worth 10 XBT at 10,000: maintenance 0.05 XBT (published value, base rate 0.50 %)', () => {
    expect(groupOf(xbtusd('10000', pos), 'XBTUSD').before.maintenance).toBe('0.05');
  });
});

describe(`BitMEX's trigger: "If you cannot fulfill your maintenance requirement, you will be liquidated" (${LIQUIDATION})`, () => {
  // Hand-computed, not a published vector: 1,000,000 contracts at 10,000 (100 XBT) with exactly the
  // maintenance margin 0.5 XBT fulfil it (strict trigger: healthy); one satoshi less does not.
  it('equity equal to the maintenance margin is healthy, one satoshi below is liquidated (hand-computed, not a published vector)', () => {
    const pos = { size: '1000000', entryPrice: '10000' };
    const at = xbtusd('10000', pos, '0.5');
    expect(groupOf(at, 'cross').before.maintenance).toBe('0.5');
    expect(groupOf(at, 'cross').before.equity).toBe('0.5');
    expect(at.status).toBe('healthy');
    expect(xbtusd('10000', pos, '0.49999999').status).not.toBe('healthy');
  });
});

describe(`100x on XBTUSD: "to buy 100 Bitcoin worth of contracts, you will only require 1 Bitcoin of Initial Margin" (${INVERSE_PERPETUALS})`, () => {
  // Published inputs (INVERSE_PERPETUALS): 100 XBT of contracts (1,000,000 at 10,000) on 1 XBT of
  // margin. Hand-computed, not published vectors: the liquidation boundary at mark valuation,
  // 1 + 1,000,000·(1/10,000 − 1/P) < 0.005 · 1,000,000/P ⇔ P < 1,005,000/101 = 9,950.495…
  const long = { size: '1000000', entryPrice: '10000', isolatedMargin: '1' };
  const short = { ...long, size: '-1000000' };
  it('long: liquidated at 9,950, healthy at 9,950.5 (hand-computed, not a published vector)', () => {
    expectBoundary(long, '9950', '9950.5');
  });

  // Short: 1,000,000/P − 99 < 0.005 · 1,000,000/P ⇔ P > 995,000/99 = 10,050.505…
  it('short: liquidated at 10,051, healthy at 10,050.5 (hand-computed, not a published vector)', () => {
    expectBoundary(short, '10051', '10050.5');
  });

  // BitMEX: the liquidation engine takes the position over "at the bankruptcy price" and "your
  // maintenance margin will be lost" (LIQUIDATION). Hand-computed, not a published vector: the long's
  // bankruptcy price 10,000 × 100/101 = 9,900.990…, rounded up to the 0.5 tick (spec §12.4): 9,901;
  // PnL ⌊1,000,000·(1/10,000 − 1/9,901)⌋_sat = −0.99989901; 0.00010099 XBT is left.
  it('long liquidated at 9,950: closed in full at 9,901, the margin lost (hand-computed, not a published vector)', () => {
    const r = xbtusd('9950', long);
    expect(r.status).toBe('full');
    expect(r.fills.map((f) => [f.side, f.size, f.price, f.realizedPnl, f.penalty])).toEqual([['sell', '1000000', '9901', '-0.99989901', '0']]);
    expect(r.account.collateral).toBe('0.00010099');
    expect(r.badDebt).toBe('0');
  });

  // Hand-computed, not a published vector: the short's 10,000 × 100/99 = 10,101.0101…, rounded down
  // to 10,101; PnL ⌊−1,000,000·(1/10,000 − 1/10,101)⌋_sat = −0.999901; 0.000099 XBT is left.
  it('short liquidated at 10,051: closed in full at 10,101 (hand-computed, not a published vector)', () => {
    const r = xbtusd('10051', short);
    expect(r.fills.map((f) => [f.side, f.price, f.realizedPnl])).toEqual([['buy', '10101', '-0.999901']]);
    expect(r.account.collateral).toBe('0.000099');
    expect(r.badDebt).toBe('0');
  });
});

describe(`XBTUSD's lot size of 100 contracts (${LOT_SIZE})`, () => {
  // Published: LOT_SIZE, "changing the Lot Size … on the XBTUSD Swap … from 1 contract to 100
  // contracts"; orders "that are not in multiples of Lot Size (i.e. 100) will be rejected". A
  // position of 2,135 contracts (the announcement's odd-lot example) is invalid input here.
  it('a position of 2,135 contracts is refused at its size, 2,100 is accepted (published)', () => {
    const bad = liquidate(under([{ market: 'XBTUSD', size: '2135', entryPrice: '10000' } as Position], '1', { XBTUSD: '10000' }));
    expect(bad.ok ? [] : bad.error).toEqual({ code: 'invalid-input', issues: [{ path: 'account.positions[0].size', expected: 'a multiple of the lot size 100', received: '"2135"' }] });
    expect(xbtusd('10000', { size: '2100', entryPrice: '10000' }, '1').status).toBe('healthy');
  });
});

describe('the catalog under the bitmex-xbtusd profile', () => {
  it('holds on 200 inverse scenarios drawn with the profile params, liquidated and healthy ones alike', { timeout: 180_000 }, () => {
    // src/arbitraries/inverseAccount.ts solves the accounts near the boundary of §12.2's values,
    // under the profile's own valuation ("mark").
    const run = catalogUnder(PROFILE, { inverseValuation: 'mark' });
    console.log(`[bitmex-xbtusd] catalog on 200 scenarios: ${JSON.stringify(Object.fromEntries(run.statuses))}`);
    expect(run.violations).toEqual([]);
    // Both sides of the trigger are reached, the liquidated ones closed in full at the bankruptcy price.
    expectStatuses(run, ['healthy', 'full']);
    for (const s of ['healthy', 'full']) expect(run.statuses.get(s) ?? 0, s).toBeGreaterThanOrEqual(20);
    // On inverse markets the long/short mirror is not judged and price scaling is (spec §12.7).
    expect(run.judged.has('LIQ-013')).toBe(false);
    expect(run.judged.has('LIQ-030')).toBe(true);
  });
});
