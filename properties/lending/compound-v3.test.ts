/**
 * The compound-v3 lending profile (profiles/lending/compound-v3.json, docs/profiles/compound-v3.md)
 * on Compound v3's own unit tests: `compound-finance/comet` @d5a30b0a (2026-05-29),
 * `test/is-liquidatable-test.ts` and `test/absorb-test.ts`, run through the reference
 * `liquidateLending` under absorb rules (spec §11.9). Each case quotes the test's name and the
 * values it states; the reference's other fields are hand-computed from spec §11 (exact
 * fractions), not copied from the code under test.
 *
 * Mapping: Comet's tests (`test/helpers.ts#makeProtocol`, `defaultAssets`) price COMP at 175, WETH
 * at 3,000, WBTC at 41,000 and USDC at 1 (8-decimal feeds: `baseScale` 8), with every
 * liquidationFactor 1 and every liquidateCollateralFactor 1 unless the test sets them. A Comet
 * principal of −x base units is a USDC borrow of x · 10^−6; `getReserves()` is the scenario's
 * `reserves` in USDC. An absorb of several accounts is a chain of scenarios, the reserves carried.
 *
 * One substitution, said where it is made: spec §11.1 takes a liquidation threshold < 1, and
 * Comet's test default liquidateCollateralFactor is exactly 1 (FACTOR_SCALE, allowed by Comet). The
 * cases below that run at that default use 0.999999999999999999; every such account is liquidatable
 * at both values (the one exception, HF = 1 exactly at factor 1, is its own case, which shows the
 * refusal and runs the same boundary at factor 0.8), and absorb itself reads only the liquidationFactor.
 */
import { describe, expect, it } from 'vitest';
import { liquidateLending } from '../../src/lending/liquidateLending.ts';
import type { LendingAsset, LendingParams, LendingScenario } from '../../src/wire/lending.ts';
import { expectLendingProfileFile, lendingProfileFile, run } from './support.ts';

const profile = lendingProfileFile('compound-v3');

/** Comet's test default liquidateCollateralFactor 1, as the nearest threshold spec §11.1 accepts. */
const LCF_ONE = '0.999999999999999999';
const USDC: LendingAsset = { unit: '0.000001', liquidationThreshold: '0', liquidationBonus: '1', protocolFee: '0', collateral: false };
const collateral = (decimals: number, liquidateCF = LCF_ONE, liquidationFactor = '1'): LendingAsset => ({
  unit: decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`,
  liquidationThreshold: liquidateCF,
  liquidationBonus: '1',
  protocolFee: '0',
  liquidationFactor,
  collateral: true,
});

/** `makeProtocol()`'s market (defaultAssets), with per-asset factors where a test sets them. */
function testMarket(liquidateCF = LCF_ONE, liquidationFactor = '1'): LendingParams {
  return {
    baseScale: 8,
    assets: { USDC, COMP: collateral(18, liquidateCF, liquidationFactor), WETH: collateral(18, liquidateCF, liquidationFactor), WBTC: collateral(8, liquidateCF, liquidationFactor) },
    rules: { kind: 'absorb' },
  };
}

const TEST_PRICES = { USDC: '1', COMP: '175', WETH: '3000', WBTC: '41000' };

function account(params: LendingParams, supplies: Record<string, string>, borrows: Record<string, string>, reserves?: string, prices: Record<string, string> = TEST_PRICES): LendingScenario {
  return { model: 'lending', params, prices, account: { supplies, borrows }, ...(reserves === undefined ? {} : { reserves }) };
}

describe('profiles/lending/compound-v3.json', () => {
  it('is a lending profile: its fields, a params object the schema accepts, named after its file', () => {
    expectLendingProfileFile(profile, 'compound-v3');
  });

  it('passes the semantic checks of spec §11.1 with every collateral held', () => {
    const prices = { USDC: '1', COMP: '50', WBTC: '90000', WETH: '3000', UNI: '8', LINK: '15' };
    const supplies = { COMP: '1', WBTC: '0.01', WETH: '1', UNI: '10', LINK: '10' };
    expect(liquidateLending(account(profile.params, supplies, { USDC: '1000' }, undefined, prices)).ok).toBe(true);
  });

  it('has the cUSDCv3 launch factors of deployments/mainnet/usdc/configuration.json', () => {
    const factors = Object.fromEntries(
      Object.entries(profile.params.assets).filter(([, a]) => a.collateral).map(([id, a]) => [id, [a.liquidationThreshold, a.liquidationFactor]]),
    );
    expect(factors).toEqual({ COMP: ['0.7', '0.93'], WBTC: ['0.77', '0.95'], WETH: ['0.895', '0.95'], UNI: ['0.81', '0.93'], LINK: ['0.85', '0.93'] });
    expect(profile.params.assets['USDC']).toMatchObject({ unit: '0.000001', collateral: false });
    expect(profile.params.assets['WBTC']!.unit).toBe('0.00000001');
    expect(profile.params.rules).toEqual({ kind: 'absorb' });
    expect(profile.params.baseScale).toBe(8);
  });
});

describe('Compound v3 test/is-liquidatable-test.ts (contracts/Comet.sol#isLiquidatable)', () => {
  const market = testMarket();
  it('"defaults to false": no balances — not liquidatable (no debt: HF null)', () => {
    const r = run(account(market, {}, {}));
    expect(r.status).toBe('healthy');
    expect(r.healthBefore).toBeNull();
  });

  it('"is false when user is owed principal": +1 USDC supplied — not liquidatable', () => {
    const r = run(account(market, { USDC: '1' }, {}));
    expect(r.status).toBe('healthy');
  });

  it('"is true when user owes principal": −1 USDC, no collateral — liquidatable (HF 0)', () => {
    const r = run(account(market, {}, { USDC: '1' }));
    expect(r.status).toBe('liquidated');
    expect(r.healthBefore).toBe('0');
  });

  it('"is true when the collateral cannot cover the borrowed principal": 95,000 COMP at 1 against 100,000 USDC', () => {
    const prices = { ...TEST_PRICES, COMP: '1' };
    const r = run(account(market, { COMP: '95000' }, { USDC: '100000' }, undefined, prices));
    expect(r.status).toBe('liquidated');
  });

  it('"takes liquidateCollateralFactor into account": 100,000 COMP at 1, factor 0.8, against 100,000 USDC', () => {
    const prices = { ...TEST_PRICES, COMP: '1' };
    const r = run(account(testMarket('0.8'), { COMP: '100000' }, { USDC: '100000' }, undefined, prices));
    expect(r.status).toBe('liquidated');
    expect(r.healthBefore).toBe('0.8'); // hand-computed: 80,000 / 100,000
  });

  it('"changes when the underlying asset price changes": COMP from 1 to 0.5 (the factor-0.8 market; see below for factor 1)', () => {
    // At Comet's default factor 1 the first half of this test is HF = 1 exactly, outside spec §11.1's
    // LT < 1; the boundary is the same at factor 0.8 with 80,000 USDC borrowed (hand-computed: W = D = 80,000).
    const market8 = testMarket('0.8');
    expect(run(account(market8, { COMP: '100000' }, { USDC: '80000' }, undefined, { ...TEST_PRICES, COMP: '1' })).status).toBe('healthy');
    expect(run(account(market8, { COMP: '100000' }, { USDC: '80000' }, undefined, { ...TEST_PRICES, COMP: '0.5' })).status).toBe('liquidated');
    // And the test's own numbers at factor 1 after the drop: 100,000 COMP at 0.5 against 100,000 USDC.
    expect(run(account(market, { COMP: '100000' }, { USDC: '100000' }, undefined, { ...TEST_PRICES, COMP: '0.5' })).status).toBe('liquidated');
  });

  it('"is false when collateral can cover the borrowed principal" (100,000 COMP at 1 against 100,000 USDC, factor 1): outside spec §11.1 — at 1 − 10^−18 it is liquidatable', () => {
    // Comet: liquidity = −100,000 + 100,000 · 1 = 0, not < 0 → false. Spec §11.1 requires LT < 1, so the
    // reference cannot take Comet's factor 1; at the nearest threshold the account is short by
    // 100,000 · 10^−18 = 10^−13 USD and liquidatable. The factor-0.8 boundary above is the same case inside the domain.
    const prices = { ...TEST_PRICES, COMP: '1' };
    expect(run(account(market, { COMP: '100000' }, { USDC: '100000' }, undefined, prices)).status).toBe('liquidated');
    const atOne = account({ ...market, assets: { ...market.assets, COMP: collateral(18, '1') } }, { COMP: '100000' }, { USDC: '100000' }, undefined, prices);
    const refused = liquidateLending(atOne);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.issues.map((i) => i.path)).toContain('params.assets["COMP"].liquidationThreshold');
  });
});

describe('Compound v3 test/absorb-test.ts (contracts/Comet.sol#absorbInternal)', () => {
  const market = testMarket();

  it('"absorbs 1 account and pays out the absorber": 0.0001 USDC owed, no collateral; reserves 0.0001 → 0', () => {
    // Comet states: r0 = 100, r1 = 0, user balance 0 after, AbsorbDebt basePaidOut 100 (units of 10^−6).
    const r = run(account(market, {}, { USDC: '0.0001' }, '0.0001'));
    expect(r.status).toBe('liquidated');
    expect(r.repaid).toEqual({ USDC: '0.0001' });
    expect(r.seized).toEqual({});
    expect(r.liquidatorReceives).toEqual({});
    expect(r.deficit).toEqual({ USDC: '0.0001' }); // hand-computed: no credit, the reserves absorb it all
    expect(r.account).toEqual({ supplies: {}, borrows: {} });
    expect(r.reserves).toBe('0');
  });

  it('"absorbs 2 accounts and pays out the absorber": 0.0001 and 0.0007 USDC; reserves 0.002 → 0.0012 (two calls chained)', () => {
    // Comet states: r0 = 2000, r1 = 1200, basePaidOut 100 and 700, both balances 0 after.
    const first = run(account(market, {}, { USDC: '0.0001' }, '0.002'));
    expect(first.reserves).toBe('0.0019');
    const second = run(account(market, {}, { USDC: '0.0007' }, first.reserves));
    expect(second.repaid).toEqual({ USDC: '0.0007' });
    expect(second.account).toEqual({ supplies: {}, borrows: {} });
    expect(second.reserves).toBe('0.0012');
  });

  it('"absorbs 3 accounts with collateral and pays out the absorber": reserves −10^15 → −1,001,000,001,000,001 USDC, all collateral to the protocol', () => {
    // Comet states: each account's collateral absorbed whole (COMP 10^12 wei; COMP 10e18 + WETH 1e18;
    // COMP 10000e18 + WETH 50e18 + WBTC 50e8), every balance 0 after, reserves −exp(1e15,6) − exp(1,6) − exp(1,12) − exp(1,18).
    const u1 = run(account(market, { COMP: '0.000001' }, { USDC: '1' }, '-1000000000000000'));
    expect(u1.seized).toEqual({ COMP: '0.000001' });
    expect(u1.deficit).toEqual({ USDC: '0.999825' }); // hand-computed: credit ⌊0.000001 · 175⌋ = 0.000175
    expect(u1.account).toEqual({ supplies: {}, borrows: {} });
    expect(u1.reserves).toBe('-1000000000000001');

    const u2 = run(account(market, { COMP: '10', WETH: '1' }, { USDC: '1000000' }, u1.reserves));
    expect(u2.seized).toEqual({ COMP: '10', WETH: '1' });
    expect(u2.deficit).toEqual({ USDC: '995250' }); // hand-computed: credit 1,750 + 3,000
    expect(u2.account).toEqual({ supplies: {}, borrows: {} });
    expect(u2.reserves).toBe('-1000000001000001');

    const u3 = run(account(market, { COMP: '10000', WETH: '50', WBTC: '50' }, { USDC: '1000000000000' }, u2.reserves));
    expect(u3.seized).toEqual({ COMP: '10000', WETH: '50', WBTC: '50' });
    expect(u3.repaid).toEqual({ USDC: '1000000000000' });
    expect(u3.deficit).toEqual({ USDC: '999996050000' }); // hand-computed: credit 1,750,000 + 150,000 + 2,050,000
    expect(u3.account).toEqual({ supplies: {}, borrows: {} });
    expect(u3.reserves).toBe('-1001000001000001');
  });

  it('"absorbs an account with more than enough collateral to still cover debt": liquidateCF 2/3, 0.000001 USDC left to the account, reserves → −0.000001', () => {
    // Comet: liquidateCF factor(2/3) = exp(0.666…, 18) truncated to 6 decimals = 0.666666; debt 44,175 USDC − 1 unit
    // against 1 COMP + 1 WETH + 1 WBTC (44,175 USD). States: user USDC 1n after, totalSupplyBase 1, r0 = −startingDebt,
    // r1 = −1, AbsorbDebt basePaidOut = 1 − startingDebt.
    const r = run(account(testMarket('0.666666'), { COMP: '1', WETH: '1', WBTC: '1' }, { USDC: '44174.999999' }, '44174.999999'));
    expect(r.status).toBe('liquidated');
    expect(r.healthBefore).toBe('0.666666000015091477'); // hand-computed: 29449.97055 / 44174.999999 (= 44175 · 0.666666 / debt), floored to 10^−18
    expect(r.seized).toEqual({ COMP: '1', WETH: '1', WBTC: '1' });
    expect(r.repaid).toEqual({ USDC: '44174.999999' });
    expect(r.deficit).toEqual({});
    expect(r.account).toEqual({ supplies: { USDC: '0.000001' }, borrows: {} });
    expect(r.healthAfter).toBeNull();
    expect(r.reserves).toBe('-0.000001');
  });

  it('"updates assetsIn for liquidated account": 1 COMP + 1 WETH ($3,175) against 4,000 USDC — liquidatable, every collateral gone', () => {
    const r = run(account(market, { COMP: '1', WETH: '1' }, { USDC: '4000' }));
    expect(r.status).toBe('liquidated');
    expect(r.seized).toEqual({ COMP: '1', WETH: '1' });
    expect(r.account).toEqual({ supplies: {}, borrows: {} });
    expect(r.deficit).toEqual({ USDC: '825' }); // hand-computed: 4,000 − 3,175
    expect(r.reserves).toBeUndefined();
  });
});

describe('compound-v3: hand-computed cases at the mainnet factors (not published vectors)', () => {
  const prices = { USDC: '1', WETH: '3000' };

  it('1 WETH at 3,000 against 2,700 USDC: HF 0.9944; absorb credits 3,000 · 0.95 = 2,850, the account keeps 150 USDC supplied', () => {
    // hand-computed (§11.9): W = 3000 · 0.895 = 2685 < 2700; V = 2850, δ = 2850, n = 150; reserves 10^6 − 2700 − 150.
    // Comet's absorbInternal gives the same: newBalance max(0, −2700 + 2850) = 150, basePaidOut 2850.
    const r = run(account(profile.params, { WETH: '1' }, { USDC: '2700' }, '1000000', prices));
    expect(r.status).toBe('liquidated');
    expect(r.healthBefore).toBe('0.994444444444444444');
    expect(r.seized).toEqual({ WETH: '1' });
    expect(r.repaid).toEqual({ USDC: '2700' });
    expect(r.deficit).toEqual({});
    expect(r.account).toEqual({ supplies: { USDC: '150' }, borrows: {} });
    expect(r.reserves).toBe('997150');
  });

  it('the trigger is strict: 2,685 USDC against 1 WETH at 3,000 is HF = 1, not liquidatable; 2,685.000001 is', () => {
    expect(run(account(profile.params, { WETH: '1' }, { USDC: '2685' }, undefined, prices)).status).toBe('healthy');
    expect(run(account(profile.params, { WETH: '1' }, { USDC: '2685.000001' }, undefined, prices)).status).toBe('liquidated');
  });

  it('1 WETH at 3,000 against 3,000 USDC: the credit 2,850 falls short, 150 USDC absorbed by the reserves', () => {
    const r = run(account(profile.params, { WETH: '1' }, { USDC: '3000' }, '0', prices));
    expect(r.deficit).toEqual({ USDC: '150' });
    expect(r.account).toEqual({ supplies: {}, borrows: {} });
    expect(r.reserves).toBe('-3000'); // Comet: basePaidOut = the whole debt, 3,000
  });
});

describe('compound-v3: the 1e8 price scale — where the reference and Comet round differently, and by how much (hand-computed)', () => {
  it('1 wei of COMP at 175 is worth 1.75 · 10^−16 USD: both truncate it to 0 at 10^−8, so both credit nothing', () => {
    // Comet: mulPrice(1, 175e8, 1e18) = 0; spec §11.2: ⌊10^−18 · 175⌋_{10^−8} = 0. They agree.
    const r = run(account(profile.params, { COMP: '0.000000000000000001' }, { USDC: '0.000001' }, '0', { USDC: '1', COMP: '175' }));
    expect(r.seized).toEqual({ COMP: '0.000000000000000001' });
    expect(r.deficit).toEqual({ USDC: '0.000001' });
  });

  it('the trigger at the boundary: Comet floors each collateral\'s value · factor, ours sums them exactly — one base unit per asset apart', () => {
    // Two collaterals at factor 0.5 worth 101 and 99 units of 10^−8 USD (⌊0.000000000336666667 · 3000⌋ and
    // ⌊0.000000005657142858 · 175⌋), 1 USDC unit (100 · 10^−8 USD) owed.
    // Ours (§11.3): W = 50.5 + 49.5 = 100 units = D → not liquidatable.
    // Comet (isLiquidatable): ⌊101 · 0.5⌋ + ⌊99 · 0.5⌋ = 50 + 49 = 99 < 100 → liquidatable.
    // The difference is the truncation of each product: less than one base unit (10^−8 USD) per collateral asset.
    const params = testMarket('0.5');
    const r = run(account(params, { WETH: '0.000000000336666667', COMP: '0.000000005657142858' }, { USDC: '0.000001' }));
    expect(r.status).toBe('healthy');
    expect(r.healthBefore).toBe('1');
    // Comet's own integer arithmetic on the same inputs (Comet.sol#isLiquidatable, mulPrice, mulFactor), in 10^−8 USD:
    const mulPrice = (n: bigint, price: bigint, scale: bigint) => (n * price) / scale;
    const mulFactor = (n: bigint, factor: bigint) => (n * factor) / 10n ** 18n;
    const half = 5n * 10n ** 17n;
    const liquidity =
      -mulPrice(1n, 1n * 10n ** 8n, 10n ** 6n) + // −1 USDC unit at 1.00000000
      mulFactor(mulPrice(336666667n, 3000n * 10n ** 8n, 10n ** 18n), half) + // WETH wei
      mulFactor(mulPrice(5657142858n, 175n * 10n ** 8n, 10n ** 18n), half); // COMP wei
    expect(liquidity).toBe(-1n); // < 0: Comet absorbs an account the reference calls healthy
  });
});
