/**
 * The gmx-v2 profile (profiles/gmx-v2.json, docs/profiles/gmx-v2.md) on GMX v2's own published
 * numbers: the expectations of `gmx-io/gmx-synthetics` (commit a5c0c883)
 * `test/guardian/testLiquidation.ts` and `test/exchange/LiquidationOrder.ts`, each case citing its
 * describe/it name.
 *
 * GMX's tests run on the hardhat fixture: minCollateralFactor(ForLiquidation) 1 %
 * (config/markets.ts hardhatBaseMarketConfig), no position or liquidation fee and no price impact
 * factor (none set there), fee receiver factors 0 and minCollateralUsd 1 USD (config/general.ts,
 * hardhat). So the cases run on the profile's policy with the fixture's parameters: a 1 % tier at
 * entry value, a penalty rate of 0, a liquidator share of 0.
 *
 * Mapping of a GMX position onto a scenario. A GMX position (sizeInTokens, sizeInUsd, collateral)
 * is an isolated position of size ±sizeInTokens with entry price sizeInUsd / sizeInTokens (15 USD
 * per SOL, 5,000 per ETH here: GMX's tests open at one price with no impact, so the quotient is
 * exact) and isolatedMargin = the collateral's USD value at the liquidation's prices (1 WNT at
 * 2,500 USD is 2500). The cross collateral is 0, so what the liquidation leaves the trader is the
 * account's collateral after (an isolated margin returns to it, spec §4.1). GMX's pool is the
 * insurance fund (50,000,000,000 here: the tests deposit 10,000,000 ETH and 50,000,000,000 USDC).
 *
 * Published values are GMX's: liquidatable or not (a revert `PositionShouldNotBeLiquidated`, or
 * the position count going to 0), and what the trader receives. Every other number asserted beside
 * them — the realized PnL, the bad debt (GMX books none: its pool just receives the collateral) and
 * the cases on the profile's own parameters — is hand-computed, not a published vector, and says so.
 *
 * Rounding. GMX computes in 30-decimal USD and pays out in collateral-token units; ours rounds the
 * realized PnL toward −∞ to the 10^−6 USDC unit (spec §7.2). On every published case here the
 * amounts are exact in both, so the difference is 0; in general it is below one 10^−6 unit per fill.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/model/decimal.ts';
import type { LiquidationResult, Scenario } from '../../src/model/types.ts';
import type { Params } from '../../src/wire/params.ts';
import { Profile } from '../../src/wire/profile.ts';
import { catalogUnder, expectStatuses, expectValidProfile, referenceResult, shippedProfile } from './support.ts';

const PROFILE: Profile = shippedProfile('gmx-v2');

const GUARDIAN = 'gmx-io/gmx-synthetics test/guardian/testLiquidation.ts @a5c0c883, describe "Guardian.Liquidation"';
const ORDER = 'gmx-io/gmx-synthetics test/exchange/LiquidationOrder.ts @a5c0c883, describe "Exchange.LiquidationOrder"';

const onePercent = { notionalFloor: '0', maintenanceRate: '0.01', maintenanceAmount: '0', initialRate: '0.01' };

/** GMX's hardhat fixture as params: minCollateralFactor 1 %, no fees, fee receiver factor 0. */
const FIXTURE: Params = {
  ...PROFILE.params,
  penalty: { steps: [{ maxMarginRatio: '1', rate: '0' }], liquidatorShare: '0' },
  markets: {
    'ETH-USD': { ...PROFILE.params.markets['ETH-USD']!, tiers: [onePercent] },
    'SOL-USD': { lotSize: '0.000000000000000001', tickSize: '0.000000000001', tiers: [onePercent] },
  },
};

const POOL = '50000000000';

/** One GMX position alone: isolated with `collateralUsd`, the account's cross collateral 0. */
function position(market: 'ETH-USD' | 'SOL-USD', size: string, entryPrice: string, collateralUsd: string, price: string, params: Params = FIXTURE): Scenario {
  return {
    params,
    marks: { [market]: price },
    account: { collateral: '0', positions: [{ market, size, entryPrice, isolatedMargin: collateralUsd }] },
    insuranceFund: POOL,
    policy: PROFILE.policy,
  } as Scenario;
}

/** 30,000 SOL opened at 15 USD (sizeDeltaUsd 450,000 at "90x leverage" on 1 WNT at 5,000 USD). */
const solLong = (collateralUsd: string, price: string) => position('SOL-USD', '30000', '15', collateralUsd, price);
const solShort = (collateralUsd: string, price: string) => position('SOL-USD', '-30000', '15', collateralUsd, price);

const run = referenceResult;

/** A collateral amount in its token at the token's price, in USD (the isolated margin). */
const usd = (amount: string, price: string): string => new Dec(amount).mul(price).toFixed();

/** What the trader is left with after the liquidation (GMX sends it to the account). */
const received = (r: LiquidationResult): string => r.account.collateral;

function expectLiquidatedWhole(r: LiquidationResult, size: string): void {
  expect(r.fills).toHaveLength(1);
  expect(r.fills[0]!.size).toBe(size);
  expect(r.account.positions).toEqual([]);
}

function expectHealthy(r: LiquidationResult): void {
  expect(r.status).toBe('healthy');
  expect(r.fills).toEqual([]);
}

describe('gmx-v2 profile: the file is valid', () => {
  it('validator(Profile), parsePolicy and parseParams accept it, and the fixture params too', () => {
    expectValidProfile(PROFILE, 'gmx-v2');
    expectValidProfile({ ...PROFILE, params: FIXTURE }, 'gmx-v2');
  });
});

describe("gmx-v2 profile: GMX's own liquidation tests (hardhat fixture: minCollateralFactor 1 %, no fees)", () => {
  it(`${ORDER} › "executeLiquidation": 40 ETH long opened at 5,000 on 10 WETH, kept at 4,200, liquidated at 4,000`, () => {
    // Published: at 4,200 the liquidation reverts PositionShouldNotBeLiquidated; at 4,000 the position count is 0.
    // Hand-computed: at 4,200 the collateral is 42,000 USD and the PnL −32,000, 10,000 ≥ 1 % of 200,000;
    // at 4,000 it is 40,000 − 40,000 = 0 ("remaining ≤ 0"), left with nothing and no bad debt.
    expectHealthy(run(position('ETH-USD', '40', '5000', '42000', '4200')));
    const r = run(position('ETH-USD', '40', '5000', '40000', '4000'));
    expectLiquidatedWhole(r, '40');
    expect([r.status, r.fills[0]!.realizedPnl, received(r), r.badDebt]).toEqual(['full', '-40000', '0', '0']);
  });

  it(`${GUARDIAN} › "Cannot liquidate a user who has sufficient collateral": 40 ETH long at 5,000 on 50,000 USDC`, () => {
    // Published: reverts PositionShouldNotBeLiquidated at 5,000 (the position count stays 1).
    expectHealthy(run(position('ETH-USD', '40', '5000', '50000', '5000')));
  });

  it(`${GUARDIAN} › "User can get liquidated if they invalidate the minCollateralUsdForLeverage" (the first): WNT 5,000 kept, WNT 2,500 liquidated, 1 WNT back`, () => {
    // Published: at WNT 5,000 / SOL 15 the liquidation reverts; at WNT 2,500 it closes the position and
    // "Our user receives their 1 WNT back" = 2,500 USD. (Hand-computed: 5,000 ≥ 4,500 = 1 % of 450,000 > 2,500.)
    expectHealthy(run(solLong('5000', '15')));
    const r = run(solLong('2500', '15'));
    expectLiquidatedWhole(r, '30000');
    expect([r.status, r.fills[0]!.realizedPnl, r.fills[0]!.penalty, received(r)]).toEqual(['full', '0', '0', '2500']);
  });

  it(`${GUARDIAN} › "User can get liquidated if they invalidate the minCollateralUsdForLeverage" (the second): SOL 14.99 at WNT 2,500, 0.88 WNT back`, () => {
    // Published: "PnL = 449,700 - 450,000 = -300", "Our user receives their .88 WNT back" = 0.88 · 2,500 = 2,200 USD.
    const r = run(solLong('2500', '14.99'));
    expectLiquidatedWhole(r, '30000');
    expect([r.status, r.fills[0]!.realizedPnl, received(r)]).toEqual(['full', '-300', '2200']);
  });

  it(`${GUARDIAN} › "Liquidate short position because collateral depreciates": WNT 4,501 kept, WNT 4,499 liquidated, 1 WNT back`, () => {
    // Published: reverts at WNT 4,501; at 4,499 "Trader receives their collateral back, 1 ETH" = 4,499 USD.
    expectHealthy(run(solShort('4501', '15')));
    const r = run(solShort('4499', '15'));
    expectLiquidatedWhole(r, '30000');
    expect([r.status, r.fills[0]!.side, received(r)]).toEqual(['full', 'buy', '4499']);
    // Hand-computed, not a published vector: exactly at the minimum (4,500 = 1 % of 450,000) GMX's
    // `remaining < minCollateralUsdForLeverage` is false, and so is our strict trigger.
    expectHealthy(run(solShort('4500', '15')));
  });

  it(`${GUARDIAN} › "Liquidate short position because index token price increases": SOL 15 and 15.016 kept, 15.017 liquidated, 0.898 WNT back`, () => {
    // Published: reverts at SOL 15 and at 15.016 (from "…increases a lot"); at 15.017 "PnL = 450,000 - 450,510
    // = -510", "Our user receives their 1 - .102 = .898 WNT back" = 0.898 · 5,000 = 4,490 USD.
    expectHealthy(run(solShort('5000', '15')));
    expectHealthy(run(solShort('5000', '15.016'))); // hand-computed: 5,000 − 480 = 4,520 ≥ 4,500
    const r = run(solShort('5000', '15.017'));
    expectLiquidatedWhole(r, '30000');
    expect([r.status, r.fills[0]!.realizedPnl, received(r)]).toEqual(['full', '-510', '4490']);
  });

  it(`${GUARDIAN} › "Liquidate short position because index token price increases a lot": SOL 150, nothing back`, () => {
    // Published: "Trader's receives no collateral back". Hand-computed: PnL −30,000 · 135 = −4,050,000 on 5,000
    // of collateral; GMX's pool just keeps the collateral, ours books the 4,045,000 deficit as bad debt paid by
    // the fund standing for the pool (by design, docs/profiles/gmx-v2.md).
    const r = run(solShort('5000', '150'));
    expectLiquidatedWhole(r, '30000');
    expect([r.status, received(r), r.fills[0]!.realizedPnl, r.badDebt, r.insurancePayout, r.socializedLoss]).toEqual(['bankrupt', '0', '-4050000', '4045000', '4045000', '0']);
  });

  it(`${GUARDIAN} › "Liquidate someone with more losses than collateral": SOL long to 1 USD, the pool gets all the collateral`, () => {
    // Published: "Pool gets all the collateral & user gets nothing" (the pool's WNT grows by the 1 WNT).
    // Hand-computed: PnL 30,000 · (1 − 15) = −420,000 on 5,000; deficit 415,000.
    const r = run(solLong('5000', '1'));
    expectLiquidatedWhole(r, '30000');
    expect([r.status, received(r), r.badDebt]).toEqual(['bankrupt', '0', '415000']);
    // What the pool (the fund) ends with: + 420,000 of the trader's loss is not in a scenario (the liquidator
    // takes the position at the mark), so the fund's net is − the deficit (hand-computed).
    expect(new Dec(r.insuranceFund).sub(POOL).toFixed()).toBe('-415000');
  });

  it(`${GUARDIAN} › "Liquidate someone in profit & they receive their native tokens" and "… their pnl is swapped to collateral tokens as output": 4,000 + 300 < 4,500`, () => {
    // Published: "$4000 collateral + $300 = $4300", "$450,000 Position => >100x leverage => liquidated"; the user
    // receives 1 + 0.075 WNT at 4,000 = 4,300 USD, or (USDC at 0.80) 5,000 + 375 USDC = 4,300 USD.
    for (const collateralUsd of [usd('1', '4000') /* 1 WNT at 4,000 */, usd('5000', '0.8') /* 5,000 USDC at 0.80 */]) {
      const r = run(solLong(collateralUsd, '15.01'));
      expectLiquidatedWhole(r, '30000');
      expect([r.status, r.fills[0]!.realizedPnl, received(r)]).toEqual(['full', '300', '4300']);
    }
  });

  it(`${GUARDIAN} › "liquidate from the minCollateralUsd": GMX liquidates 0.75 USD of collateral below its 1 USD floor; ours does not (by design)`, () => {
    // Published: a 1 USD SOL long on 1.5 USDC is liquidated when USDC falls to 0.50 (0.75 USD < minCollateralUsd 1).
    // GMX's sizeInTokens is 1/15 SOL rounded down; here 0.066666666666666666 (sizeInUsd 0.99999999999999999).
    // Ours has no constant floor (a tier starts at MM(0) = 0, spec §3): the requirement is
    // 1 % · 0.99999999999999999 < 0.01, far below 0.75, so the position stays open (hand-computed difference:
    // GMX's floor is 1 − 0.0099999999999999999 above our requirement here).
    const r = run(position('SOL-USD', '0.066666666666666666', '15', '0.75', '15'));
    expectHealthy(r);
    expect(r.groups.find((g) => g.group === 'SOL-USD')!.before.maintenance).toBe('0.0099999999999999999');
  });
});

describe("gmx-v2 profile: the profile's own parameters (hand-computed, not published vectors)", () => {
  // 1 ETH long opened at 3,000 (sizeInUsd 3,000), at 2,900 (PnL −100). The requirement is
  // 0.56 % · 3,000 = 16.8: minCollateralFactor 0.5 % = 15 plus the 0.06 % close fee = 1.8, GMX's
  // `collateral + PnL − 1.8 < 15`.
  const eth = (collateral: string) => position('ETH-USD', '1', '3000', collateral, '2900', PROFILE.params);

  it('remaining collateral exactly at minCollateralFactor plus the close fee is kept; one USDC unit less is liquidated', () => {
    expectHealthy(run(eth('116.8')));
    const r = run(eth('116.799999'));
    expectLiquidatedWhole(r, '1');
    const f = r.fills[0]!;
    // Fees ⌈0.26 % · 2,900⌉ = 7.54 (ours, on the size at the index price); GMX charges 0.26 % of sizeInUsd
    // = 7.80: 0.26 less here, 0.0026 · |q| · |P − e| = 0.0026 · 100 (by design).
    expect([f.penaltyRate, f.penalty, f.liquidatorFee, f.insuranceFee]).toEqual(['0.0026', '7.54', '2.7898', '4.7502']);
    expect(new Dec('7.8').sub(f.penalty).toFixed()).toBe('0.26');
    // The trader keeps 116.799999 − 100 − 7.54.
    expect([r.status, received(r)]).toEqual(['full', '9.259999']);
  });

  it('the requirement is read on sizeInUsd, not on the size at the index price', () => {
    // At the index price the size is worth 2,900 (0.56 % = 16.24); at entry 3,000 (16.8). Collateral 116.5
    // leaves 16.5: above 16.24, below 16.8, so GMX (and ours) liquidates.
    const r = run(eth('116.5'));
    expect(r.groups.find((g) => g.group === 'ETH-USD')!.before.maintenance).toBe('16.8');
    expect(r.status).toBe('full');
  });

  it('the fees are paid only out of what the PnL leaves (GMX pays PnL, then fees, each as far as collateral remains)', () => {
    // Collateral 103: after the −100 PnL 3 is left, less than the 7.54 of fees; all 3 is charged, nothing is
    // left to the trader and there is no bad debt.
    const r = run(eth('103'));
    expect([r.fills[0]!.penalty, received(r), r.badDebt, r.status]).toEqual(['3', '0', '0', 'full']);
  });
});

describe('gmx-v2 profile: the catalog on the profile', () => {
  it('checkCase(liquidate) on 200 scenarios under the profile shows no violation, and reaches healthy, full and bankrupt outcomes with isolated groups (hand-computed, not a published vector)', () => {
    const run = catalogUnder(PROFILE, { positions: { min: 1, max: 2 }, margin: 'mixed' });
    expect(run.violations).toEqual([]);
    expectStatuses(run, ['healthy', 'full', 'bankrupt']);
    // a full close leaves nothing open
    expect(run.statuses.get('partial') ?? 0).toBe(0);
    expect(run.cases.filter((c) => c.scenario.account.positions.some((p) => p.isolatedMargin !== undefined)).length).toBeGreaterThan(50);
  }, 180_000);
});
