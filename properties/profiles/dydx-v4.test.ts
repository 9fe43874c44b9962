/**
 * The dydx-v4 profile (profiles/dydx-v4.json, docs/profiles/dydx-v4.md) on dYdX v4's own unit-test
 * vectors: `dydxprotocol/v4-chain` @84d4664b (2026-03-04), `protocol/x/clob/keeper/liquidations_test.go`.
 * Every case runs the reference `liquidate` under the profile's policy parts; where dYdX's test
 * sets other parameters (its 10 % maintenance test markets, its liquidations config), the part's
 * parameters and the params are set to that test's values, and the case says so. Each case quotes
 * the test's name and the value it states; a USDC amount of dYdX is its quantums · 10^−6.
 *
 * Mapping of a dYdX subaccount onto ours: dYdX keeps a USDC balance and a position valued at the
 * oracle, TNC = USDC + q·P; ours keeps collateral and an entry, E = C + q·(P − e). We take C = 0
 * and the entry that gives dYdX's TNC (e = P − TNC/q), so every PnL and every bankruptcy value
 * coincide.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../../src/arbitraries/index.ts';
import { scenariosUnder } from '../../src/arbitraries/policyScenario.ts';
import { checkCase } from '../../src/invariants/checkCase.ts';
import { Dec } from '../../src/model/decimal.ts';
import { liquidate } from '../../src/model/liquidate.ts';
import { parseParams } from '../../src/model/parseScenario.ts';
import type { Engine, Scenario } from '../../src/model/types.ts';
import { parsePolicy } from '../../src/policy/parsePolicy.ts';
import { promisesOf } from '../../src/policy/promises.ts';
import type { Policy } from '../../src/wire/policy.ts';
import { Profile } from '../../src/wire/profile.ts';
import { validator } from '../../src/wire/validate.ts';
import { ZOO_SEED } from '../profile.ts';

const PROFILE_URL = new URL('../../profiles/dydx-v4.json', import.meta.url);
const profile = JSON.parse(readFileSync(PROFILE_URL, 'utf8')) as Profile;

type Params = Scenario['params'];
type Position = Scenario['account']['positions'][number];

/** dYdX's test markets `BtcUsd_20PercentInitial_10PercentMaintenance` (and ETH alike): the profile's lot and tick, 10 % maintenance. */
function testParams(feeRate: string): Params {
  const tenPercent = [{ notionalFloor: '0', maintenanceRate: '0.1', maintenanceAmount: '0', initialRate: '0.2' }];
  const markets = Object.fromEntries(Object.entries(profile.params.markets).map(([id, m]) => [id, { ...m, tiers: tenPercent }]));
  return { ...profile.params, penalty: { ...profile.params.penalty, steps: [{ maxMarginRatio: '1', rate: feeRate }] }, markets };
}

/** The profile's policy with the close size's parameters set to a dYdX test's liquidations config (the parts stay the profile's). */
function policyWith(portion: string, minimumNotional: string): Policy {
  const closeSize = profile.policy.closeSize;
  if (closeSize?.kind !== 'fixed-portion') throw new Error('profile: expected a fixed-portion close size');
  return { ...profile.policy, closeSize: { ...closeSize, portion, minimumNotional } };
}

/**
 * dYdX's test default config (`types.LiquidationsConfig_Default`, x/clob/types): portion 1,000,000 ppm,
 * minimum 1,000 quantums ($0.001); its fee, 5,000 ppm, is set per case in the params.
 */
const TEST_CONFIG = policyWith('1', '0.001');

function run(sc: Scenario) {
  const out = liquidate(sc);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.result;
}

/** One BTC-USD position at oracle 50,000, the whole of it on one level of the side it closes into. */
function oneBtc(position: Position, levelPrice: string, params: Params, policy: Policy, insuranceFund = '0'): Scenario {
  const size = position.size.replace('-', '');
  const level = [{ price: levelPrice, size }];
  const long = !position.size.startsWith('-');
  return {
    params,
    marks: { 'BTC-USD': '50000' },
    account: { collateral: '0', positions: [position] },
    insuranceFund,
    policy,
    book: { 'BTC-USD': long ? { bids: level, asks: [] } : { bids: [], asks: level } },
  } as Scenario;
}

describe('profiles/dydx-v4.json', () => {
  it('is a valid profile: the schema, the policy parser and the params parser accept it', () => {
    const v = validator(Profile)(profile);
    expect(v.ok, JSON.stringify(v.ok ? [] : v.issues)).toBe(true);
    const p = parsePolicy(profile.policy);
    expect(p.ok, JSON.stringify(p.ok ? [] : p.issues)).toBe(true);
    const params = parseParams(profile.params);
    expect(params.ok, JSON.stringify(params.ok ? [] : params.issues)).toBe(true);
    expect(profile.name).toBe('dydx-v4');
  });

  it('promises what docs/profiles/dydx-v4.md says (spec §10.7): a thin book withdraws acts, restorative, portion-sized', () => {
    const p = parsePolicy(profile.policy);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    expect([...promisesOf(p.value)].sort()).toEqual([
      'book-consistent', 'distress-monotone', 'fee-bounded-by-bankruptcy', 'insurance-then-socialized', 'mirror-symmetric', 'penalty-capped', 'runnable', 'step-penalty',
    ]);
  });

  it('carries the mainnet genesis values (protocol/testing/mainnet/genesis.json @84d4664b)', () => {
    // max_position_portion_liquidated_ppm 100000, min_position_notional_liquidated 1e9 quantums,
    // max_liquidation_fee_ppm 15000 (all to the fund), Large-Cap 50000 · 600000 ppm = 3 %.
    expect(profile.policy.closeSize).toEqual({ kind: 'fixed-portion', portion: '0.1', minimumNotional: '1000' });
    expect(profile.params.penalty).toEqual({ steps: [{ maxMarginRatio: '1', rate: '0.015' }], liquidatorShare: '0' });
    expect(profile.params.markets['BTC-USD']?.tiers).toEqual([{ notionalFloor: '0', maintenanceRate: '0.03', maintenanceAmount: '0', initialRate: '0.05' }]);
    // atomic_resolution −10, step_base_quantums 1e6 → 0.0001 BTC; 1e5 subticks · 10^−9 · 10^−6 / 10^−10 → $1.
    expect([profile.params.markets['BTC-USD']?.lotSize, profile.params.markets['BTC-USD']?.tickSize]).toEqual(['0.0001', '1']);
    expect([profile.params.markets['ETH-USD']?.lotSize, profile.params.markets['ETH-USD']?.tickSize]).toEqual(['0.001', '0.1']);
  });
});

describe('TestIsLiquidatable (liquidations_test.go): 0.1 BTC at 50,000, 10 % maintenance, MMR = 500', () => {
  // Test params: dYdX's 10 % maintenance test market; the profile's mainnet close size and fee.
  // Entry e = P − TNC/q with q = 0.1: 50,000 − 10·TNC.
  const at = (entry: string) => run(oneBtc({ market: 'BTC-USD', size: '0.1', entryPrice: entry }, '50000', testParams('0.015'), profile.policy));
  it.each([
    ['Subaccount at initial margin requirements is not liquidatable (USDC −4,000: TNC 1,000)', '40000', '1000', false],
    ['Subaccount below initial but at maintenance margin requirements is not liquidatable (USDC −4,500: TNC 500)', '45000', '500', false],
    ['Subaccount below maintenance margin requirements is liquidatable (USDC −4,501: TNC 499)', '45010', '499', true],
  ] as const)('%s', { timeout: 20_000 }, (_name, entry, tnc, liquidatable) => {
    const r = at(entry);
    expect(r.groups[0]?.before.equity).toBe(tnc);
    expect(r.groups[0]?.before.maintenance).toBe('500');
    expect(r.fills.length > 0).toBe(liquidatable);
    expect(r.status === 'healthy').toBe(!liquidatable);
  });
});

describe('TestGetMaxAndMinPositionNotionalLiquidatable (liquidations_test.go): the close size', () => {
  // The close size reads only the position, the mark, the portion and the minimum; the account is
  // made liquidatable under the profile's 3 % (collateral 0, entry 50,500: E = −q·500 < MM).
  const close = (size: string, portion: string, minimum: string) => {
    const sc = oneBtc({ market: 'BTC-USD', size, entryPrice: '50500' }, '50000', profile.params, policyWith(portion, minimum));
    return run(sc).fills.map((f) => [f.size, f.notional]);
  };
  it('"Can get min notional liquidatable": 1 BTC, portion 1,000,000 ppm, minimum 100 quantums → max $50,000: the whole position', { timeout: 20_000 }, () => {
    expect(close('1', '1', '0.0001')).toEqual([['1', '50000']]);
  });
  it('"Can get max notional liquidatable": 1 BTC, portion 500,000 ppm → max $25,000: 0.5 BTC', { timeout: 20_000 }, () => {
    expect(close('1', '0.5', '0.0001')).toEqual([['0.5', '25000']]);
  });
  it('"min and max notional liquidatable can be overridden": $5 of BTC, minimum $10 → min = max = $5: the whole position', { timeout: 20_000 }, () => {
    // 10,000 base quantums at atomic resolution −8 (the test's BtcUsd_100PercentMarginRequirement) = 0.0001 BTC.
    expect(close('0.0001', '1', '10')).toEqual([['0.0001', '5']]);
  });
  it('the mainnet config on 0.1 BTC and the rounding of the portion (hand-computed, not published vectors)', { timeout: 20_000 }, () => {
    // 0.1 BTC = $5,000: dYdX max(min(1,000, 5,000), 500) = $1,000 → 0.02 BTC; ours max(⌈0.01⌉, ⌈1000/5⌉·0.0001) = 0.02.
    expect(close('0.1', '0.1', '1000')).toEqual([['0.02', '1000']]);
    // 1.0003 BTC: dYdX $5,001.5 → 0.10003 BTC rounded DOWN to the step = 0.1; ours ⌈0.10003⌉ to the lot = 0.1001:
    // by design (spec §10.3) one lot (0.0001 BTC, $5) more.
    expect(close('1.0003', '0.1', '1000')).toEqual([['0.1001', '5005']]);
  });
});

describe('TestGetLiquidationInsuranceFundDelta (liquidations_test.go): fully closing 0.1 BTC at a book price', () => {
  // Test params: 10 % maintenance; fee rate = the case's MaxLiquidationFeePpm (default 5,000);
  // close size = the test config's portion 1. Long: USDC −5,100 (TNC −100, entry 51,000, bankruptcy
  // quote 5,100); short: USDC +4,900 (TNC −100, entry 49,000, bankruptcy quote −4,900).
  const LONG: Position = { market: 'BTC-USD', size: '0.1', entryPrice: '51000' };
  const SHORT: Position = { market: 'BTC-USD', size: '-0.1', entryPrice: '49000' };
  const fund = (position: Position, price: string, rate: string) => {
    const r = run(oneBtc(position, price, testParams(rate), TEST_CONFIG, '1000'));
    expect(r.fills.map((f) => [f.size, f.price])).toEqual([['0.1', price]]);
    expect(r.account.positions).toEqual([]);
    // dYdX's insurance-fund delta: what the fund receives (the fee, all to it) less what it pays.
    return { fee: r.fills[0]!.insuranceFee, payout: r.insurancePayout };
  };

  it.each([
    // The fee rate 1,000,000 ppm is not a rate of ours (rates are < 1, spec §2.5): 0.5 stands in;
    // the cap binds either way (0.5 · 5,000 = 2,500 > 510), so the expectation is dYdX's.
    ['long above the bankruptcy price pays less than max liquidation fee when MaxLiquidationFeePpm is one million', LONG, '56100', '0.5', '510'],
    ['short above the bankruptcy price pays less than max liquidation fee when MaxLiquidationFeePpm is one million', SHORT, '44100', '0.5', '490'],
    ['long above the bankruptcy price and pays less than max liquidation fee (51,051: 0.1 % above)', LONG, '51051', '0.005', '5.1'],
    ['short above the bankruptcy price and pays less than max liquidation fee (48,951)', SHORT, '48951', '0.005', '4.9'],
    ['long at the bankruptcy price and the delta is 0', LONG, '51000', '0.005', '0'],
    ['short above the bankruptcy price and the delta is 0 (49,000)', SHORT, '49000', '0.005', '0'],
  ] as const)('Fully closing one %s', { timeout: 20_000 }, (_name, position, price, rate, expected) => {
    expect(fund(position, price, rate)).toEqual({ fee: expected, payout: '0' });
  });

  it.each([
    ['long position below the bankruptcy price and the insurance fund must cover the loss (50,490: −51,000,000)', LONG, '50490', '51'],
    ['If fully closing one short position below the bankruptcy price the insurance fund must cover the loss (49,490: −49,000,000)', SHORT, '49490', '49'],
  ] as const)('Fully closing one %s', { timeout: 20_000 }, (_name, position, price, payout) => {
    expect(fund(position, price, '0.005')).toEqual({ fee: '0', payout });
  });

  it.each([
    // "pays max liquidation fee": dYdX charges the rate on the fill's quote |0.1 · x|; ours on the
    // notional at mark 0.1 · 50,000 = 5,000 (spec §5.2). The difference is rate · 0.1 · |x − 50,000|.
    ['long above the bankruptcy price and pays max liquidation fee (56,100)', LONG, '56100', '0.005', '28.05', '25'],
    ['long above the bankruptcy price pays max liquidation fee when MaxLiquidationFeePpm is 25_000', LONG, '56100', '0.025', '140.25', '125'],
    ['short above the bankruptcy price and pays max liquidation fee (44,100)', SHORT, '44100', '0.005', '22.05', '25'],
    ['short above the bankruptcy price pays max liquidation fee when MaxLiquidationFeePpm is 25_000', SHORT, '44100', '0.025', '110.25', '125'],
  ] as const)('Fully closing one %s: differs by design (fee base at mark)', { timeout: 20_000 }, (_name, position, price, rate, dydx, ours) => {
    const { fee } = fund(position, price, rate);
    expect(fee).toBe(ours);
    // The size of the difference, exactly: ours − dYdX's = rate · Δ · (P − x).
    const difference = new Dec(ours).minus(dydx);
    expect(difference.eq(new Dec(rate).times('0.1').times(new Dec('50000').minus(price))), difference.toString()).toBe(true);
  });
});

describe('TestGetBankruptcyPriceInQuoteQuantums (liquidations_test.go): one position of several', () => {
  // "fully closing one long position and has multiple long positions": 0.004 BTC + 0.1 ETH,
  // USDC −490: TNC 10, TMMR 20 + 30 = 50 (10 %); bankruptcy quote of the ETH: 294,000,000 (294).
  // Ours: BTC entry 50,000, ETH entry 2,900 (U = 10). Selling the 0.1 ETH at 2,940 — dYdX's
  // bankruptcy price — leaves the BTC exactly its share 10 · 20/50 = 4 and no fee; one tick
  // higher the fee is what lies above it (the test's config: portion 1, fee 5,000 ppm).
  const twoLongs = (ethBid: string): Scenario => ({
    params: testParams('0.005'),
    marks: { 'BTC-USD': '50000', 'ETH-USD': '3000' },
    account: { collateral: '0', positions: [{ market: 'BTC-USD', size: '0.004', entryPrice: '50000' }, { market: 'ETH-USD', size: '0.1', entryPrice: '2900' }] },
    insuranceFund: '0',
    policy: TEST_CONFIG,
    book: { 'ETH-USD': { bids: [{ price: ethBid, size: '0.1' }], asks: [] } },
  }) as Scenario;

  it('at 294 USDC (2,940 per ETH) the ETH close needs no fund payment and takes no fee', { timeout: 20_000 }, () => {
    const r = run(twoLongs('2940'));
    expect(r.fills.map((f) => [f.market, f.size, f.price, f.realizedPnl, f.insuranceFee])).toEqual([['ETH-USD', '0.1', '2940', '4', '0']]);
    expect(r.account.collateral).toBe('4');
    expect(r.insurancePayout).toBe('0');
  });

  it('above it the fee is capped by the value above 294 (hand-computed, not a published vector)', { timeout: 20_000 }, () => {
    // At 2,940.1: V = 0.1 · 0.1 = 0.01 < ⌈0.005 · 300⌉ = 1.5, so the fund gets 0.01 (dYdX: min(294.01 − 294, 0.005 · 294.01)).
    expect(run(twoLongs('2940.1')).fills[0]?.insuranceFee).toBe('0.01');
    // One tick below, 2,939.9: V = −0.01, no fee, and the BTC is left 3.99, one cent under its share 4;
    // dYdX's fund would pay that cent here, ours does not while a position stays open (notModelled).
    const below = run(twoLongs('2939.9'));
    expect([below.fills[0]?.insuranceFee, below.account.collateral, below.insurancePayout]).toEqual(['0', '3.99', '0']);
  });
});

describe('the catalog under the dydx-v4 profile', () => {
  it('finds no violation of the reference on 200 scenarios with the profile’s params', { timeout: 120_000 }, () => {
    const parsed = parsePolicy(profile.policy);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const arb = scenariosUnder(parsed.value, profile.policy, scenario({ params: fc.constant(profile.params) }));
    let liquidated = 0;
    fc.assert(
      fc.property(arb, (s) => {
        const report = checkCase(liquidate, s);
        const out = liquidate(s);
        if (out.ok && out.result.fills.length > 0) liquidated += 1;
        return report.violations.length === 0;
      }),
      { numRuns: 200, seed: ZOO_SEED },
    );
    // The draws must reach liquidations, or the run would judge only healthy accounts.
    expect(liquidated).toBeGreaterThan(20);
  });

  // Two wrong engines under the profile, each the reference with one rule of dYdX's swapped for a
  // plausible misreading (hand-written bugs, not from dYdX's tracker): the catalog must name the
  // invariant each breaks, not only the differential against the reference (REF-001).
  const swapped = (policy: Partial<Policy>): Engine => (s) => liquidate({ ...s, policy: { ...s.policy, ...policy } });
  it.each([
    ['the fee capped by the whole subaccount’s equity (§7.3), not by the fill’s value above bankruptcy', swapped({ penalty: { kind: 'steps' } }), 'LIQ-028'],
    ['what the book does not fill taken over at the bankruptcy price in the same call, not left for the next block', swapped({ price: { kind: 'book', remainder: 'bankruptcy' } }), 'LIQ-023'],
  ] as const)('catches %s', { timeout: 120_000 }, (_bug, engine, invariant) => {
    const parsed = parsePolicy(profile.policy);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const arb = scenariosUnder(parsed.value, profile.policy, scenario({ params: fc.constant(profile.params) }));
    const found = fc.sample(arb, { numRuns: 200, seed: ZOO_SEED }).some((s) => checkCase(engine, s).violations.some((v) => v.invariant === invariant));
    expect(found).toBe(true);
  });
});
