/**
 * The morpho-blue lending profile (profiles/lending/morpho-blue.json, docs/profiles/morpho-blue.md)
 * on Morpho Blue's own tests: `morpho-org/morpho-blue` @3085651a (2026-07-23),
 * `test/integration/LiquidateIntegrationTest.sol` and `test/BaseTest.sol`, run through the
 * reference `liquidateLending` (spec §11).
 *
 * Morpho's liquidation tests are fuzz tests: each states its expected values as a formula of the
 * fuzzed inputs (`expectedRepaid = amountSeized.mulDivUp(price, ORACLE_PRICE_SCALE).wDivUp(lif)`, …).
 * Where a case says "Morpho's formula at a chosen point", we picked inputs inside the test's bounds
 * and evaluated the test's formula by hand in Morpho's integer arithmetic (the value Morpho's test
 * would assert there); the constant tests (`testSeizedAssetsRoundUp`, `testBadDebtOverTotalBorrowAssets`)
 * are taken as they are. The reference's expected values are hand-computed from spec §11 with
 * exact fractions (not from the code under test). The profile rounds as Morpho does
 * (`rules.rounding: "morpho"`, spec §11.5), so its amounts are Morpho's to the unit; each case
 * states what the spec's default `"exact"` rounding (rules.rounding absent) would give instead,
 * and where a difference to Morpho remains, its size and why.
 *
 * Mapping: the market's collateral is WETH (18 decimals), its loan token USDC (6): `baseScale` 6
 * (Morpho values collateral in loan-token units), USDC at 1, WETH at P (Morpho's oracle price
 * `P · 10^24` at the 10^36 scale). All cases are single-borrower markets, where borrow shares are
 * exactly assets · 10^6 (SharesMathLib's virtual shares), so shares and assets agree to the asset
 * unit except where a case repays a fraction of a unit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liquidateLending } from '../../src/lending/liquidateLending.ts';
import type { LendingAsset, LendingParams, LendingScenario } from '../../src/wire/lending.ts';
import { expectLendingProfileFile, lendingProfileFile, run } from './support.ts';
import { params } from '../profile.ts';

const profile = lendingProfileFile('morpho-blue');
const PARAMS = profile.params;
/** The same market under the spec's default rounding (rules.rounding absent, spec §11.5 `"exact"`). */
const { rounding: _venueRounding, ...EXACT_RULES } = PARAMS.rules as LendingParams['rules'] & { rounding?: string };
const EXACT: LendingParams = { ...PARAMS, rules: EXACT_RULES as LendingParams['rules'] };

/** A position in the profile's WETH/USDC market at WETH price `price` (USDC per WETH). */
function position(weth: string, usdc: string, price: string, debtToCover: string, params: LendingParams = PARAMS): LendingScenario {
  return {
    model: 'lending',
    params,
    prices: { WETH: price, USDC: '1' },
    account: { supplies: { WETH: weth }, borrows: { USDC: usdc } },
    request: { debtAsset: 'USDC', collateralAsset: 'WETH', debtToCover },
  };
}

// Morpho's fixed point (src/libraries/MathLib.sol, ConstantsLib.sol), for the venue's own formulas.
const WAD = 10n ** 18n;
const wMulDown = (x: bigint, y: bigint) => (x * y) / WAD;
const wDivDown = (x: bigint, y: bigint) => (x * WAD) / y;
/** `min(MAX_LIQUIDATION_INCENTIVE_FACTOR, WAD.wDivDown(WAD − LIQUIDATION_CURSOR.wMulDown(WAD − lltv)))`, Morpho.liquidate. */
const lif = (lltv: bigint) => {
  const f = wDivDown(WAD, WAD - wMulDown(3n * 10n ** 17n, WAD - lltv));
  return f < 115n * 10n ** 16n ? f : 115n * 10n ** 16n;
};
const mulDivDown = (x: bigint, y: bigint, d: bigint) => (x * y) / d;
const mulDivUp = (x: bigint, y: bigint, d: bigint) => (x * y + d - 1n) / d;
const ORACLE_PRICE_SCALE = 10n ** 36n;
/**
 * Morpho.liquidate by repaid shares, in a single-borrower market (toAssetsDown(shares) = the
 * assets repaid): `seized = repaid.wMulDown(lif).mulDivDown(ORACLE_PRICE_SCALE, price)`.
 */
const morphoSeized = (repaid: bigint, lifWad: bigint, price: bigint) => mulDivDown(mulDivDown(repaid, lifWad, WAD), ORACLE_PRICE_SCALE, price);
/** Morpho.liquidate by seized assets: `repaid = seized.mulDivUp(price, ORACLE_PRICE_SCALE).wDivUp(lif)` (shares at index 1). */
const morphoRepaid = (seized: bigint, lifWad: bigint, price: bigint) => mulDivUp(mulDivUp(seized, price, ORACLE_PRICE_SCALE), WAD, lifWad);
/** A decimal string as an integer count of `10^−decimals` units (the venue's integers). */
const units = (x: string | undefined, decimals: number): bigint => {
  const [i = '0', f = ''] = (x ?? '0').split('.');
  return BigInt(i) * 10n ** BigInt(decimals) + BigInt(f.padEnd(decimals, '0') || '0');
};
const wadString = (x: bigint) => `${x / WAD}.${(x % WAD).toString().padStart(18, '0')}`.replace(/\.?0+$/, '');

describe('profiles/lending/morpho-blue.json', () => {
  it('is a lending profile: its fields, a params object the schema accepts, named after its file', () => {
    expectLendingProfileFile(profile, 'morpho-blue');
  });

  it('passes the semantic checks of spec §11.1 (a scenario on its params is accepted)', () => {
    expect(liquidateLending(position('1', '800', '1000', 'max')).ok).toBe(true);
  });

  it('is Morpho with no close factor, no dust rule and bad debt written off (spec §11.1 profiles)', () => {
    expect(PARAMS.rules).toEqual({ kind: 'close-factor', closeFactor: '1', fullBelowHealth: '0', closeFactorOf: 'reserve', fullBelowBase: '0', minLeftoverBase: '0', deficit: true, rounding: 'morpho' });
    expect(PARAMS.baseScale).toBe(6);
    expect(PARAMS.assets['WETH']).toMatchObject({ unit: '0.000000000000000001', liquidationThreshold: '0.86', protocolFee: '0', collateral: true });
    expect(PARAMS.assets['USDC']).toMatchObject({ unit: '0.000001', collateral: false });
  });
});

describe('Morpho Blue test/BaseTest.sol#_liquidationIncentiveFactor (src/Morpho.sol#liquidate, ConstantsLib.sol)', () => {
  it('the profile bonus is the LIF at LLTV 0.86: 1/0.958 rounded down to 10^−18 = 1.043841336116910229', () => {
    // hand-computed: 1 − 0.3·0.14 = 0.958; 10^36 / 0.958e18 = 1043841336116910229.6… → floor
    expect(wadString(lif(86n * 10n ** 16n))).toBe('1.043841336116910229');
    expect(PARAMS.assets['WETH']!.liquidationBonus).toBe(wadString(lif(86n * 10n ** 16n)));
  });

  it('other LLTVs: 0.8 (DEFAULT_TEST_LLTV) → 1.063829787234042553, 0.5 → the cap 1.15', () => {
    // hand-computed: 1/0.94 = 1.0638297872340425531…; 1/0.85 = 1.176… > 1.15
    expect(wadString(lif(8n * 10n ** 17n))).toBe('1.063829787234042553');
    expect(wadString(lif(5n * 10n ** 17n))).toBe('1.15');
  });
});

describe('Morpho Blue test/integration/LiquidateIntegrationTest.sol, under the profile', () => {
  it('testLiquidateHealthyPosition (_boundHealthyPosition, Morpho\'s formula at a chosen point): 1 WETH at 1,000 against 860 USDC is healthy — LTV = LLTV', () => {
    // Morpho: minCollateral = ⌈⌈860e6 / 0.86⌉ · 10^36 / 1000e24⌉ = 10^18 wei; the test expects HEALTHY_POSITION.
    // Ours (hand-computed, spec §11.3): W = 1000 · 0.86 = 860, D = 860; W < D is false → healthy, HF 1.
    const r = run(position('1', '860', '1000', 'max'));
    expect(r.status).toBe('healthy');
    expect(r.healthBefore).toBe('1');
    expect(r.repaid).toEqual({});
    expect(r.seized).toEqual({});
  });

  it('_boundUnhealthyPosition (Morpho\'s formula at a chosen point): one wei less collateral is liquidatable', () => {
    // Morpho: maxCollateral = ⌊⌊860e6 / 0.86⌋ · 10^36 / 1000e24⌋ = 10^18; collateral < maxCollateral is unhealthy
    // (maxBorrow = ⌊999999999 · 0.86⌋ = 859999999 < 860000000).
    // Ours (hand-computed): C = ⌊0.999999999999999999 · 1000⌋_{10^−6} = 999.999999, W = 859.99999914 < 860,
    // HF = ⌊859.99999914/860⌋_{10^−18} = 0.999999999.
    const r = run(position('0.999999999999999999', '860', '1000', 'max'));
    expect(r.status).toBe('liquidated');
    expect(r.healthBefore).toBe('0.999999999');
  });

  it('testLiquidateSharesInputNoBadDebtRealized with every share repaid (Morpho\'s formula at a chosen point): 1 WETH, 2,200 USDC, WETH at 2,500', () => {
    // Morpho: sharesRepaid = borrowShares = 2200e12 (within the test's bound min(borrowShares, maxSharesRepaid));
    // expectedRepaid = toAssetsUp = 2200e6; expectedSeized = ⌊⌊2200e6 · LIF⌋ · 10^36 / 2500e24⌋
    //   = ⌊2296450939 · 10^12 / 2500⌋ = 918580375600000000 wei (0.9185803756 WETH).
    // Ours (hand-computed, §11.4–§11.5 under "morpho"): M = q = 2200, r = 2200,
    // s = ⌊⌊2200 · LIF⌋_{10^−6} / 2500⌋_{10^−18} = ⌊2296.450939 / 2500⌋ = 0.9185803756 — Morpho's, to the wei.
    const r = run(position('1', '2200', '2500', 'max'));
    expect(r.status).toBe('liquidated');
    expect(r.healthBefore).toBe('0.977272727272727272'); // hand-computed: 2150 / 2200
    expect(r.repaid).toEqual({ USDC: '2200' }); // = Morpho's expectedRepaid
    expect(r.seized).toEqual({ WETH: '0.9185803756' }); // = Morpho's expectedSeized 918580375600000000 wei
    expect(units(r.seized['WETH'], 18)).toBe(morphoSeized(2200n * 10n ** 6n, lif(86n * 10n ** 16n), 2500n * 10n ** 24n));
    expect(r.liquidatorReceives).toEqual({ WETH: '0.9185803756' });
    expect(r.protocolFee).toEqual({});
    expect(r.deficit).toEqual({});
    expect(r.account).toEqual({ supplies: { WETH: '0.0814196244' }, borrows: {} });
    expect(r.healthAfter).toBeNull();
    // Under "exact" rounding (rules.rounding absent): s = ⌊2200 · LIF / 2500⌋_{10^−18} = 0.918580375782881001
    // (hand-computed), 182,881,001 wei more than Morpho: one exact quotient where Morpho floors repaid · LIF to a
    // USDC unit first; below one USDC unit's worth (10^−6 · LIF / 2500 = 4.2 · 10^−10 WETH).
    const exact = run(position('1', '2200', '2500', 'max', EXACT));
    expect(exact.seized).toEqual({ WETH: '0.918580375782881001' });
    const gap = units(exact.seized['WETH'], 18) - units(r.seized['WETH'], 18);
    expect(gap).toBe(182881001n);
    expect(gap * 2500n * 10n ** 6n < lif(86n * 10n ** 16n)).toBe(true);
  });

  it('testLiquidateSeizedInputNoBadDebtRealized (Morpho\'s formula at a chosen point): 0.5 WETH seized costs 1,197.500001 USDC', () => {
    // Morpho: expectedRepaid = ⌈⌈0.5e18 · 2500e24 / 10^36⌉ · 10^18 / LIF⌉ = ⌈1250e6 / 1.043841336116910229⌉ = 1197500001.
    expect(morphoRepaid(5n * 10n ** 17n, lif(86n * 10n ** 16n), 2500n * 10n ** 24n)).toBe(1197500001n);
    // Ours takes the debt to repay, not the collateral to seize: repaying Morpho's 1,197.500001 USDC
    // (hand-computed, §11.5 "morpho"): ⌊1197.500001 · LIF⌋_{10^−6} = 1250.000001, s = 1250.000001 / 2500
    // = 0.5000000004 WETH — what Morpho's shares input gives for that payment, to the wei.
    const r = run(position('1', '2200', '2500', '1197.500001'));
    expect(r.status).toBe('liquidated');
    expect(r.repaid).toEqual({ USDC: '1197.500001' });
    expect(r.seized).toEqual({ WETH: '0.5000000004' });
    expect(units(r.seized['WETH'], 18)).toBe(morphoSeized(1197500001n, lif(86n * 10n ** 16n), 2500n * 10n ** 24n));
    expect(r.account).toEqual({ supplies: { WETH: '0.4999999996' }, borrows: { USDC: '1002.499999' } });
    // hand-computed: W' = ⌊0.4999999996 · 2500⌋_{10^−6} · 0.86 = 1249.999999 · 0.86 = 1074.99999914, D' = 1002.499999
    expect(r.healthAfter).toBe('1.072319202206802196');
    // What remains apart from the seized input: Morpho ceils that payment, so for it ours seizes
    // 4 · 10^−10 WETH more than the 0.5 asked — one USDC unit's worth at 2,500 (10^−6 / 2500), no more.
    const extra = units(r.seized['WETH'], 18) - 5n * 10n ** 17n; // ours − Morpho's 0.5 WETH, in wei
    expect(extra).toBe(400000000n);
    expect(extra * 2500n <= 10n ** 12n).toBe(true);
    // Under "exact" rounding: s = ⌊1197.500001 · LIF / 2500⌋_{10^−18} = 0.500000000417536534 (hand-computed),
    // 17,536,534 wei above the profile's.
    expect(run(position('1', '2200', '2500', '1197.500001', EXACT)).seized).toEqual({ WETH: '0.500000000417536534' });
  });

  it('testLiquidateBadDebtRealized (Morpho\'s formula at a chosen point): all 1 WETH seized at 2,000, 283.999999 USDC written off — exactly Morpho\'s', () => {
    // Morpho: expectedRepaid = ⌈⌈10^18 · 2000e24 / 10^36⌉ · 10^18 / LIF⌉ = ⌈2000e6 / 1.043841336116910229⌉ = 1916000001;
    // expectedBadDebt = (borrowShares − repaidShares) to assets, up = 2200e6 − 1916000001 = 283999999; collateral 0.
    // Ours (hand-computed, §11.5 "morpho", §11.8): s₀ = ⌊⌊2200 · LIF⌋_{10^−6} / 2000⌋ = 1.148… > 1, so s = 1 and
    // r = ⌈⌈1 · 2000⌉_{10^−6} / LIF⌉_{10^−6} = 1916.000001; no collateral left: deficit 2200 − 1916.000001.
    // ("exact" gives the same here: ⌈2000 / LIF⌉_{10^−6} = 1916.000001.)
    const r = run(position('1', '2200', '2000', 'max'));
    expect(r.status).toBe('liquidated');
    expect(r.healthBefore).toBe('0.781818181818181818'); // hand-computed: 1720 / 2200
    expect(r.seized).toEqual({ WETH: '1' });
    expect(r.repaid).toEqual({ USDC: '1916.000001' }); // = Morpho's 1916000001 units
    expect(r.deficit).toEqual({ USDC: '283.999999' }); // = Morpho's badDebtAssets 283999999
    expect(r.account).toEqual({ supplies: {}, borrows: {} });
    expect(r.healthAfter).toBeNull();
    expect(run(position('1', '2200', '2000', 'max', EXACT)).repaid).toEqual({ USDC: '1916.000001' });
  });

  it('testSeizedAssetsRoundUp: 400 / 300 wei at LLTV 0.75 — Morpho seizes 0 for 1 share; ours repays whole units and seizes 1 wei (shares rounding, 1 unit)', () => {
    // The test: both tokens 18 decimals (baseScale 18), LLTV 0.75 (LIF 1/0.925 = 1.081081081081081081),
    // price ORACLE_PRICE_SCALE − 0.01e18, i.e. 1 − 10^−20 loan per collateral, which has 20 decimals: we take
    // 0.999999999999999999 (10^−18 below 1; Morpho's test gives the same results there: maxBorrow
    // ⌊⌊400 · price⌋ · 0.75⌋ = 299 < 300, and 1 share seizes 0).
    // Morpho states: liquidate(repaidShares = 1) → seizedAssets 0, repaidAssets 1 (1 share = 10^−6 of a unit).
    // Ours (hand-computed, "morpho"): the smallest repayment is 1 unit; s = ⌊⌊10^−18 · 1.081081081081081081⌋_{10^−18}
    // / 0.999999999999999999⌋_{10^−18} = 10^−18 (Morpho repaying 10^6 shares, one unit, seizes 1 wei too). HF before ⌊299.25/300⌋ = 0.9975; after: C' = ⌊399 · 0.999…⌋ = 398 units, W' = 298.5, D' = 299.
    const coll: LendingAsset = { unit: '0.000000000000000001', liquidationThreshold: '0.75', liquidationBonus: wadString(lif(75n * 10n ** 16n)), protocolFee: '0', collateral: true };
    const loan: LendingAsset = { unit: '0.000000000000000001', liquidationThreshold: '0', liquidationBonus: '1', protocolFee: '0', collateral: false };
    expect(coll.liquidationBonus).toBe('1.081081081081081081');
    const sc: LendingScenario = {
      model: 'lending',
      params: { baseScale: 18, assets: { COLL: coll, LOAN: loan }, rules: PARAMS.rules },
      prices: { COLL: '0.999999999999999999', LOAN: '1' },
      account: { supplies: { COLL: '0.0000000000000004' }, borrows: { LOAN: '0.0000000000000003' } },
      request: { debtAsset: 'LOAN', collateralAsset: 'COLL', debtToCover: '0.000000000000000001' },
    };
    const r = run(sc);
    expect(r.status).toBe('liquidated'); // Morpho: unhealthy too (it does not revert HEALTHY_POSITION)
    expect(r.healthBefore).toBe('0.9975');
    expect(r.repaid).toEqual({ LOAN: '0.000000000000000001' }); // = Morpho's repaidAssets 1
    expect(r.seized).toEqual({ COLL: '0.000000000000000001' }); // Morpho: 0 — one unit of collateral apart
    expect(r.healthAfter).toBe('0.998327759197324414');
    expect(morphoSeized(1n, lif(75n * 10n ** 16n), ORACLE_PRICE_SCALE - 10n ** 16n)).toBe(1n); // 1 unit repaid, as shares 10^6
  });

  it('testBadDebtOverTotalBorrowAssets: 10 collateral at 0.01 against 1 loan token (+1 wei from the share trick) — all seized, the rest written off', () => {
    // The test states only that liquidate does not revert when the bad debt's share value exceeds
    // totalBorrowAssets (the min() in liquidate caps it), after borrow(0 assets, 1 share) added 1 wei.
    // LLTV 0.8 (LIF 1.063829787234042553), both tokens 18 decimals, price 10^36/100 = 0.01.
    // Ours (hand-computed, "morpho"): W = 0.1 · 0.8 = 0.08 < D = 1.000000000000000001; s₀ > 10 → s = 10,
    // r = ⌈⌈10 · 0.01⌉_{10^−18} / LIF⌉_{10^−18} = 0.094000000000000001; the collateral is gone, so the rest, 0.906, is the
    // deficit (Morpho: badDebtAssets = the whole rest, capped by totalBorrowAssets).
    // Shares rounding: Morpho computes ⌈⌈10 · 0.01⌉ / LIF⌉ = 94000000000000001 wei too, but converts it to
    // shares rounding up (toSharesUp, 94000000000000000906001 shares after the trick) and back rounding up
    // (toAssetsUp): it charges 94000000000000002 wei, one unit more than ours.
    const coll: LendingAsset = { unit: '0.000000000000000001', liquidationThreshold: '0.8', liquidationBonus: wadString(lif(8n * 10n ** 17n)), protocolFee: '0', collateral: true };
    const loan: LendingAsset = { unit: '0.000000000000000001', liquidationThreshold: '0', liquidationBonus: '1', protocolFee: '0', collateral: false };
    const sc: LendingScenario = {
      model: 'lending',
      params: { baseScale: 18, assets: { COLL: coll, LOAN: loan }, rules: PARAMS.rules },
      prices: { COLL: '0.01', LOAN: '1' },
      account: { supplies: { COLL: '10' }, borrows: { LOAN: '1.000000000000000001' } },
      request: { debtAsset: 'LOAN', collateralAsset: 'COLL', debtToCover: 'max' },
    };
    const r = run(sc);
    expect(r.status).toBe('liquidated');
    expect(r.healthBefore).toBe('0.079999999999999999');
    expect(r.seized).toEqual({ COLL: '10' });
    expect(r.repaid).toEqual({ LOAN: '0.094000000000000001' });
    expect(r.deficit).toEqual({ LOAN: '0.906' });
    expect(94000000000000002n - units(r.repaid['LOAN'], 18)).toBe(1n); // Morpho − ours, in wei: the shares rounding
    expect(r.account).toEqual({ supplies: {}, borrows: {} });
  });
});

describe('morpho-blue: hand-computed cases (not published vectors)', () => {
  it('the mainnet market at 2,500: 1 WETH against 2,000 USDC is healthy (LTV 0.8 < 0.86)', () => {
    // hand-computed: W = 2500 · 0.86 = 2150 ≥ 2000; HF = 1.075
    const r = run(position('1', '2000', '2500', 'max'));
    expect(r.status).toBe('healthy');
    expect(r.healthBefore).toBe('1.075');
  });

  it('repaying 1,916 USDC at 2,000 leaves Morpho\'s 5 · 10^−10 WETH and the 284 USDC of debt; "exact" rounding would leave 1 wei and write the debt off', () => {
    // hand-computed, "morpho": ⌊1916 · LIF⌋_{10^−6} = 1999.999999, s = 1999.999999 / 2000 = 0.9999999995 — Morpho's
    // ⌊⌊1916e6 · LIF⌋ · 10^36 / 2000e24⌋ = 999999999500000000 wei; 5 · 10^−10 WETH left, worth 0.000001 USDC > 0:
    // no write-off, as in Morpho. HF after = ⌊0.000001 · 0.86 / 284⌋_{10^−18} = 0.000000003028169014.
    const r = run(position('1', '2200', '2000', '1916'));
    expect(r.status).toBe('liquidated');
    expect(r.repaid).toEqual({ USDC: '1916' });
    expect(r.seized).toEqual({ WETH: '0.9999999995' });
    expect(units(r.seized['WETH'], 18)).toBe(morphoSeized(1916n * 10n ** 6n, lif(86n * 10n ** 16n), 2000n * 10n ** 24n));
    expect(r.deficit).toEqual({});
    expect(r.account).toEqual({ supplies: { WETH: '0.0000000005' }, borrows: { USDC: '284' } });
    expect(r.healthAfter).toBe('0.000000003028169014');
    // Under "exact" rounding: s = ⌊1916 · LIF / 2000⌋_{10^−18} = 0.999999999999999999; 1 wei left, worth
    // ⌊2000 · 10^−18⌋_{10^−6} = 0, so §11.8 writes off the 284 USDC. The venue rounding removes that difference here.
    const exact = run(position('1', '2200', '2000', '1916', EXACT));
    expect(exact.seized).toEqual({ WETH: '0.999999999999999999' });
    expect(exact.deficit).toEqual({ USDC: '284' });
    expect(exact.account).toEqual({ supplies: { WETH: '0.000000000000000001' }, borrows: {} });
  });

  it('deficit on value, not amount (still a difference under the profile): 1.67 · 10^−10 WETH left at 2,999.9999995 is worth 0 USDC units, ours writes 126 USDC off, Morpho keeps it', () => {
    // hand-computed, "morpho": 1 WETH against 3,000 USDC (C = ⌊2999.9999995⌋_{10^−6} = 2999.999999, W = 2579.99999914 < 3000);
    // repay 2,874: ⌊2874 · LIF⌋_{10^−6} = 2999.999999, s = ⌊2999.999999 / 2999.9999995⌋_{10^−18} = 0.999999999833333333
    // (Morpho: ⌊2999999999 · 10^36 / 2999.9999995e24⌋ = 999999999833333333 wei, the same). 166,666,667 wei left, worth
    // ⌊5.0000000091… · 10^−7⌋_{10^−6} = 0: §11.8 writes the 126 USDC off; Morpho, whose collateral amount is not 0, keeps
    // the 126 USDC of debt on the position. The size: the whole remaining debt, on a leftover worth less than one USDC unit.
    const r = run(position('1', '3000', '2999.9999995', '2874'));
    expect(r.status).toBe('liquidated');
    expect(r.seized).toEqual({ WETH: '0.999999999833333333' });
    expect(units(r.seized['WETH'], 18)).toBe(morphoSeized(2874n * 10n ** 6n, lif(86n * 10n ** 16n), 29999999995n * 10n ** 17n));
    expect(r.deficit).toEqual({ USDC: '126' });
    expect(r.account).toEqual({ supplies: { WETH: '0.000000000166666667' }, borrows: {} });
  });
});

describe('Morpho Blue certora/specs/LiquidateBuffer.spec#liquidateImprovePosition, under the profile', () => {
  const FILE = 'properties/lending/morpho-blue.test.ts';
  const NAME = 'for a position with LLTV < LTV < 1/LIF, a liquidation leaves collateral and does not raise debt per collateral';
  it(NAME, () => {
    // The rule: "for a position with LTV < 1 / LIF, its health improves after a liquidation" — it asserts
    // newBorrowerCollateral != 0 and borrowerShares · newCollateral ≥ newShares · collateral. Drawn here: the LTV
    // t ∈ (0.86, 0.958) first (its two ends drawn on purpose), then the account solved from it; a repayment of
    // a share of the debt (all of it on purpose). The precondition is the rule's, exactly: collateral · price > debt · LIF.
    const LIF = units(PARAMS.assets['WETH']!.liquidationBonus, 18);
    const seen = { nearLltv: 0, nearInverseLif: 0, wholeDebt: 0, ran: 0 };
    const step = fc.oneof(fc.constant(1), fc.constant(9999), fc.integer({ min: 1, max: 9999 }));
    const share = fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 1000 }));
    const arb = fc.record({ cents: fc.integer({ min: 10_000, max: 1_000_000 }), wei: fc.bigInt(10n ** 17n, 10n ** 20n), step, share });
    fc.assert(
      fc.property(arb, ({ cents, wei, step, share }) => {
        const pc = BigInt(cents);
        // t = 0.86 + 0.098 · step / 10^4 = (8,600,000 + 98 · step) / 10^7; debt = ⌈wei · cents · t / 10^14⌉ USDC units (10^−6)
        const debt = (wei * pc * (8_600_000n + 98n * BigInt(step)) + 10n ** 21n - 1n) / 10n ** 21n;
        fc.pre(wei * pc * 10n ** 4n > debt * LIF); // LTV < 1/LIF, exactly (Certora's require)
        fc.pre(((wei * pc) / 10n ** 14n) * 86n < debt * 100n); // liquidatable (spec §11.3: W < D)
        const repay = debt * BigInt(share) / 1000n > 0n ? (debt * BigInt(share)) / 1000n : 1n;
        const weth = `${wei / 10n ** 18n}.${(wei % 10n ** 18n).toString().padStart(18, '0')}`;
        const usdc = (x: bigint) => `${x / 10n ** 6n}.${(x % 10n ** 6n).toString().padStart(6, '0')}`;
        const r = run(position(weth, usdc(debt), `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`, usdc(repay)));
        seen.ran++;
        if (step === 1) seen.nearLltv++;
        if (step === 9999) seen.nearInverseLif++;
        if (share === 1000) seen.wholeDebt++;
        expect(r.status).toBe('liquidated');
        expect(r.deficit).toEqual({});
        const collateralAfter = units(r.account.supplies['WETH'], 18);
        const debtAfter = units(r.account.borrows['USDC'], 6);
        expect(collateralAfter > 0n).toBe(true); // newBorrowerCollateral != 0
        expect(debt * collateralAfter >= debtAfter * wei).toBe(true); // debt per collateral not larger
      }),
      params(FILE, NAME),
    );
    // The generator reaches both ends of the LTV interval and the whole-debt repayment.
    expect(seen.nearLltv).toBeGreaterThan(0);
    expect(seen.nearInverseLif).toBeGreaterThan(0);
    expect(seen.wholeDebt).toBeGreaterThan(0);
    expect(seen.ran).toBeGreaterThan(0);
  });
});

describe('morpho-blue: exact rounding (rules.rounding absent) vs the venue\'s rounding, the size of the difference', () => {
  const FILE = 'properties/lending/morpho-blue.test.ts';
  const LIF = units(PARAMS.assets['WETH']!.liquidationBonus, 18);
  const usdc = (x: bigint) => `${x / 10n ** 6n}.${(x % 10n ** 6n).toString().padStart(6, '0')}`;
  const weth = (x: bigint) => `${x / 10n ** 18n}.${(x % 10n ** 18n).toString().padStart(18, '0')}`;
  const dollars = (cents: bigint) => `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
  /** At least 400 runs whatever LIQCHECK_RUNS says, so that each kind of difference is met. */
  const atLeast400 = <T,>(p: fc.Parameters<T>): fc.Parameters<T> => ({ ...p, numRuns: Math.max(p.numRuns ?? 0, 400) });
  // WETH at P = cents / 100 USDC is Morpho's oracle price P · 10^24 = cents · 10^22.
  const price36 = (cents: bigint) => cents * 10n ** 22n;
  const cents = fc.oneof(fc.constant(1n), fc.bigInt({ min: 1n, max: 10n ** 7n })); // 0.01 … 100,000 USDC per WETH
  const debt = fc.bigInt({ min: 1n, max: 10n ** 13n }); // 10^−6 … 10^7 USDC

  const UNCAPPED = 'for any call that leaves collateral: the profile seizes Morpho\'s amount to the wei (shares input); "exact" seizes 0 or more wei above it, less than one USDC unit\'s worth plus 1 wei; and a difference occurs';
  it(UNCAPPED, () => {
    const seen = { ran: 0, differs: 0, maxGapWei: 0n };
    fc.assert(
      fc.property(cents, debt, fc.integer({ min: 1, max: 999 }), fc.bigInt({ min: 1n, max: 10n ** 13n }), (pc, q, t, rawRepay) => {
        // The collateral between the two bounds: worth more than q · LIF (never exhausted, even repaying all of q)
        // and less than q / 0.86 (liquidatable): a ∈ (q · LIF / P, q / (0.86 · P)), in wei, drawn at t / 1000 of the gap.
        const lo = (q * LIF * 100n) / (pc * 10n ** 6n) + 1n;
        const hi = (q * 10n ** 12n * 100n * 100n) / (86n * pc);
        fc.pre(hi > lo);
        const a = lo + ((hi - lo) * BigInt(t)) / 1000n;
        const repay = rawRepay > q ? q : rawRepay;
        const venue = run(position(weth(a), usdc(q), dollars(pc), usdc(repay)));
        fc.pre(venue.status === 'liquidated');
        const exact = run(position(weth(a), usdc(q), dollars(pc), usdc(repay), EXACT));
        expect(units(venue.repaid['USDC'], 6)).toBe(repay);
        expect(units(exact.repaid['USDC'], 6)).toBe(repay);
        const ours = units(venue.seized['WETH'], 18);
        expect(ours).toBe(morphoSeized(repay, LIF, price36(pc)));
        const gap = units(exact.seized['WETH'], 18) - ours;
        // 0 ≤ gap, and gap · u_c · P < u_d + u_c · P (spec §11.5's ε_s for "morpho"): gap · cents < 10^14 + cents.
        expect(gap >= 0n, `exact − morpho = ${gap} wei`).toBe(true);
        expect(gap * pc < 10n ** 14n + pc, `exact − morpho = ${gap} wei at ${dollars(pc)}`).toBe(true);
        seen.ran++;
        if (gap > 0n) seen.differs++;
        if (gap > seen.maxGapWei) seen.maxGapWei = gap;
      }),
      atLeast400(params(FILE, UNCAPPED)),
    );
    console.log(`morpho-blue, exact − morpho seized (uncapped): ${JSON.stringify({ ...seen, maxGapWei: seen.maxGapWei.toString() })}`);
    expect(seen.ran).toBeGreaterThan(100);
    expect(seen.differs).toBeGreaterThan(0);
  });

  const CAPPED = 'for any call that takes the whole collateral: the profile charges Morpho\'s seized-input repayment to the unit; "exact" charges 0 or 1 USDC unit less; and both occur';
  it(CAPPED, () => {
    const seen = { ran: 0, oneUnit: 0, same: 0 };
    fc.assert(
      fc.property(cents, debt, fc.integer({ min: 1, max: 900 }), (pc, q, t) => {
        // Collateral worth less than 0.9 · q (so below q · LIF): repaying "max" exhausts it under either rounding.
        const a = (q * 10n ** 12n * 100n * BigInt(t)) / (pc * 1000n);
        fc.pre(a > 0n);
        const venue = run(position(weth(a), usdc(q), dollars(pc), 'max'));
        const exact = run(position(weth(a), usdc(q), dollars(pc), 'max', EXACT));
        expect(units(venue.seized['WETH'], 18)).toBe(a);
        expect(units(exact.seized['WETH'], 18)).toBe(a);
        const ours = units(venue.repaid['USDC'], 6);
        expect(ours).toBe(morphoRepaid(a, LIF, price36(pc)));
        const gap = ours - units(exact.repaid['USDC'], 6);
        expect(gap === 0n || gap === 1n, `morpho − exact = ${gap} units`).toBe(true);
        seen.ran++;
        if (gap === 1n) seen.oneUnit++;
        else seen.same++;
      }),
      atLeast400(params(FILE, CAPPED)),
    );
    console.log(`morpho-blue, morpho − exact debt needed (collateral exhausted): ${JSON.stringify(seen)}`);
    expect(seen.oneUnit).toBeGreaterThan(0);
    expect(seen.same).toBeGreaterThan(0);
  });
});
