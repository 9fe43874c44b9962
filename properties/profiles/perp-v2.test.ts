/**
 * The perp-v2 profile (profiles/perp-v2.json, docs/profiles/perp-v2.md) on Perpetual Protocol
 * v2's own published numbers: the expectations of `perpetual-protocol/perp-curie-contract`
 * `test/clearingHouse/ClearingHouse.takeOver.test.ts` (commit d520bd8e), each case citing its
 * describe/it path. Perp's amounts are 18-decimal wei; ours are the same decimals (quote scale 18,
 * lot and tick 10^−18).
 *
 * Mapping of a Perp account onto a scenario. Perp keeps an open notional, not an entry price; we
 * use the 18-decimal entry price just on the trader's side of `openNotional / |size|` (rounded down
 * for a long, up for a short), so that `|size| · e` misses the open notional by under one wei and
 * `⌊q · (P − e)⌋` on a full close is Perp's realized PnL exactly. Collateral is the USDC deposit;
 * funding (100 s of it in Perp's test) is not in a scenario. Perp's `liquidate(trader, baseToken)`
 * ("as much as possible") is a request of the whole position; `liquidate(…, size)` a request of
 * that size.
 *
 * Published values are Perp's; every difference asserted beside them (its size included) is
 * hand-computed, not a published vector, and so is the catalog run at the end.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/model/decimal.ts';
import type { LiquidationResult, Scenario } from '../../src/model/types.ts';
import type { Policy } from '../../src/wire/policy.ts';
import { Profile } from '../../src/wire/profile.ts';
import { catalogUnder, expectStatuses, expectValidProfile, referenceResult, shippedProfile } from './support.ts';

const PROFILE: Profile = shippedProfile('perp-v2');

const SRC = 'perpetual-protocol/perp-curie-contract test/clearingHouse/ClearingHouse.takeOver.test.ts @d520bd8e';
const WEI = '0.000000000000000001';

type Position = Scenario['account']['positions'][number];

/** Bob's positions of Perp's test (sizes from its comments "base: …", open notionals "quote: …"). */
const ETH_LONG: Position = { market: 'vETH', size: '0.989984344318166945', entryPrice: '1010.116983909206310778' }; // open notional −1000
const ETH_SHORT: Position = { market: 'vETH', size: '-1.010117308505193671', entryPrice: '989.984026191803789563' }; // open notional +1000
const ETH_SMALL_LONG: Position = { market: 'vETH', size: '0.098999843440953452', entryPrice: '1010.102607481829727312' }; // open notional −100
const BTC_SHORT: Position = { market: 'vBTC', size: '-0.010101015599550667', entryPrice: '9899.994610883324868689' }; // open notional +100

/** The profile's policy, or the same policy with another close factor (Perp's ratio of the case). */
function policyWith(closeFactor?: string): Policy {
  return closeFactor === undefined ? PROFILE.policy : { ...PROFILE.policy, closeSize: { kind: 'requested', closeFactor } };
}

function under(positions: readonly Position[], collateral: string, marks: Record<string, string>, requests: Record<string, string>, closeFactor?: string): Scenario {
  return {
    params: PROFILE.params,
    marks,
    account: { collateral, positions: [...positions] },
    insuranceFund: '1000000', // Perp's beforeEach mints 1,000,000 USDC to the insurance fund
    policy: policyWith(closeFactor),
    requests,
  } as Scenario;
}

const run = referenceResult;

const sub = (a: string, b: string): string => new Dec(a).sub(b).toFixed();
const sizeOf = (r: LiquidationResult, market: string): string | undefined => r.account.positions.find((p) => p.market === market)?.size;

describe('perp-v2 profile: the file is valid', () => {
  it('validator(Profile), parsePolicy and parseParams accept it', () => {
    expectValidProfile(PROFILE, 'perp-v2');
  });

  it('the entry prices stand for Perp\'s open notionals within one wei, on the trader\'s side (hand-computed, not a published vector)', () => {
    // |q|·e for the long is below 1000 by < 10^−18, for the short above by < 10^−18 (so ⌊q·(P − e)⌋ is Perp's PnL on a full close).
    const cost = (p: Position) => new Dec(p.size).abs().mul(p.entryPrice);
    for (const [p, open, side] of [[ETH_LONG, '1000', -1], [ETH_SHORT, '1000', 1], [ETH_SMALL_LONG, '100', -1], [BTC_SHORT, '100', 1]] as const) {
      const gap = cost(p).sub(open);
      expect(gap.s).toBe(side);
      expect(gap.abs().lt(WEI)).toBe(true);
    }
  });
});

describe(`perp-v2 profile: Perp's published numbers (${SRC})`, () => {
  it('"single market: bob has ETH long" › "… margin ratio between 3.125% and 6.25% -> partial liquidation" › "davis has no position before liquidation: set liquidatePositionSize = 0"', { timeout: 30_000 }, () => {
    // Perp at mark 900: exchangedPositionSize −494992172159083472, positionNotional 445492954943175124800,
    // liquidationFee 11137323873579378120, insurance fund 5568661936789689060, bob left with
    // 494992172159083473, then liquidate reverts CH_EAV (no longer liquidatable).
    const r = run(under([ETH_LONG], '150', { vETH: '900', vBTC: '10000' }, { vETH: ETH_LONG.size }));
    expect(r.fills).toHaveLength(1);
    const f = r.fills[0]!;
    expect([f.side, f.size, f.price, f.notional, f.penalty, f.insuranceFee, f.liquidatorFee]).toEqual([
      'sell', '0.494992172159083472', '900', '445.4929549431751248', '11.13732387357937812', '5.56866193678968906', '5.56866193678968906',
    ]);
    expect(sizeOf(r, 'vETH')).toBe('0.494992172159083473');
    expect(r.status).toBe('partial');
    const after = r.groups[0]!.after;
    expect(new Dec(after.equity).gte(after.maintenance)).toBe(true);
    // Perp's realizedPnl −54507045056824874200 comes from its open-notional ratio; ours from the entry
    // price: −54.507045056824874695, 495 wei lower (hand-computed difference, by design).
    expect(sub(f.realizedPnl, '-54.5070450568248742')).toBe('-0.000000000000000495');
  });

  it('"single market: bob has ETH long" › "take over too much position size" › "margin ratio between 3.125% and 6.25% -> partial liquidation"', { timeout: 30_000 }, () => {
    // Perp: a request of 100 ETH; davis gets bobTakerPositionSizeBefore.div(2) = 494992172159083472.
    const r = run(under([ETH_LONG], '150', { vETH: '900', vBTC: '10000' }, { vETH: '100' }));
    expect(r.fills.map((f) => f.size)).toEqual(['0.494992172159083472']);
  });

  it('"single market: bob has ETH short" › "… margin ratio between 3.125% and 6.25% -> partial liquidation" › "davis has no position before liquidation"', { timeout: 30_000 }, () => {
    // Perp at mark 1090: exchangedPositionSize 505058654252596835, positionNotional 550513933135330550150,
    // liquidationFee 13762848328383263753, insurance fund 6881424164191631877, bob left with −505058654252596836.
    const r = run(under([ETH_SHORT], '150', { vETH: '1090', vBTC: '10000' }, { vETH: '1.010117308505193671' }));
    const f = r.fills[0]!;
    expect([f.side, f.size, f.notional, f.insuranceFee]).toEqual(['buy', '0.505058654252596835', '550.51393313533055015', '6.881424164191631877']);
    expect(sizeOf(r, 'vETH')).toBe('-0.505058654252596836');
    // 0.025 · 550.51393313533055015 = 13.76284832838326375375: Perp rounds down, ours up (spec §1.3),
    // +1 wei; the liquidator's ⌊pen/2⌋ is then 1 wei more, the fund's share the same (hand-computed difference).
    expect(sub(f.penalty, '13.762848328383263753')).toBe(WEI);
    expect(sub(f.liquidatorFee, sub('13.762848328383263753', '6.881424164191631877'))).toBe(WEI);
    expect(r.status).toBe('partial');
    // Perp's realizedPnl −50513933135330551150; ours −50.513933135330550645, 505 wei higher (by design).
    expect(sub(f.realizedPnl, '-50.51393313533055115')).toBe('0.000000000000000505');
  });

  it('"single market: bob has ETH short" › "take over too much position size" › "margin ratio between 3.125% and 6.25% -> partial liquidation"', { timeout: 30_000 }, () => {
    // Perp: a request of −100 ETH; davis gets bobTakerPositionSizeBefore.div(2) = −505058654252596835.
    const r = run(under([ETH_SHORT], '150', { vETH: '1090', vBTC: '10000' }, { vETH: '100' }));
    expect(r.fills.map((f) => [f.side, f.size])).toEqual([['buy', '0.505058654252596835']]);
  });

  it('"single market: davis liquidates bob\'s long position at margin ratio between 3.125% and 6.25%, and position value <= 100 USD -> fully liquidation" (Perp\'s ratio 1: closeFactor 1 for this case)', { timeout: 30_000 }, () => {
    // Perp (collateral 15, mark 900): size 98999843440953452, notional 89099859096858106800,
    // realizedPnl −10900140903141893200, liquidationFee 2227496477421452670, insurance fund 1113748238710726335.
    const r = run(under([ETH_SMALL_LONG], '15', { vETH: '900', vBTC: '10000' }, { vETH: ETH_SMALL_LONG.size }, '1'));
    const f = r.fills[0]!;
    expect([f.size, f.notional, f.realizedPnl, f.penalty, f.insuranceFee]).toEqual([
      '0.098999843440953452', '89.0998590968581068', '-10.9001409031418932', '2.22749647742145267', '1.113748238710726335',
    ]);
    expect(r.status).toBe('full');
    // Under the profile's constant closeFactor 0.5 (no ≤ 100 USD rule here) half of it stays open:
    // ⌊0.5 · 0.098999843440953452⌋ = 0.049499921720476726 closed, as much left (hand-computed difference).
    const half = run(under([ETH_SMALL_LONG], '15', { vETH: '900', vBTC: '10000' }, { vETH: ETH_SMALL_LONG.size }));
    expect([half.fills[0]!.size, sizeOf(half, 'vETH')]).toEqual(['0.049499921720476726', '0.049499921720476726']);
  });

  it('"single market: bob has ETH long" › "… margin ratio < 3.125% -> total liquidation" › "davis has no position before liquidation" (Perp\'s ratio 1: closeFactor 1)', { timeout: 30_000 }, () => {
    // Perp at mark 880: size 989984344318166945, notional 871186222999986911600, realizedPnl
    // −128813777000013088400, liquidationFee 21779655574999672790 (then bad debt, settled).
    const r = run(under([ETH_LONG], '150', { vETH: '880', vBTC: '10000' }, { vETH: ETH_LONG.size }, '1'));
    const f = r.fills[0]!;
    expect([f.size, f.notional, f.realizedPnl]).toEqual(['0.989984344318166945', '871.1862229999869116', '-128.8137770000130884']);
    // The fee differs by design: Perp charges 2.5 % in full, ours caps it at the equity left,
    // 150 − 128.8137770000130884 = 21.1862229999869116: 0.59343257501276119 less, exactly the bad debt
    // Perp's insurance fund then pays; ours leaves none (hand-computed difference).
    expect(f.penalty).toBe('21.1862229999869116');
    expect(sub('21.77965557499967279', f.penalty)).toBe('0.59343257501276119');
    expect([r.status, r.badDebt]).toEqual(['full', '0']);
    // Under the profile's closeFactor 0.5 only half is closed (hand-computed difference).
    expect(run(under([ETH_LONG], '150', { vETH: '880', vBTC: '10000' }, { vETH: ETH_LONG.size })).fills[0]!.size).toBe('0.494992172159083472');
  });

  it('"single market: bob has ETH short" › "… margin ratio < 3.125% -> total liquidation" › "davis has no position before liquidation" (closeFactor 1)', { timeout: 30_000 }, () => {
    // Perp at mark 1120: size 1010117308505193671, notional 1131331385525816911520, realizedPnl
    // −131331385525816911520, liquidationFee 28283284638145422788.
    const r = run(under([ETH_SHORT], '150', { vETH: '1120', vBTC: '10000' }, { vETH: '1.010117308505193671' }, '1'));
    const f = r.fills[0]!;
    expect([f.side, f.size, f.notional, f.realizedPnl]).toEqual(['buy', '1.010117308505193671', '1131.33138552581691152', '-131.33138552581691152']);
    // Capped at 150 − 131.33138552581691152 = 18.66861447418308848: 9.614670163962334308 below Perp's fee (by design).
    expect(sub('28.283284638145422788', f.penalty)).toBe('9.614670163962334308');
    expect([r.status, r.badDebt]).toEqual(['full', '0']);
  });

  it('"single market: bob has ETH long" › "davis liquidates bob\'s long position with bad debt" › "liquidator gets 100% liquidation penalty" (closeFactor 1)', { timeout: 30_000 }, () => {
    // Perp at mark 100: size 989984344318166945, positionNotional 98998434431816694500, liquidationFee
    // 2474960860795417362, all of it to the liquidator (accountValue < 0).
    const r = run(under([ETH_LONG], '150', { vETH: '100', vBTC: '10000' }, { vETH: ETH_LONG.size }, '1'));
    const f = r.fills[0]!;
    expect([f.size, f.notional]).toEqual(['0.989984344318166945', '98.9984344318166945']);
    // Ours charges nothing out of negative equity (spec §7.3): 2.474960860795417362 less than Perp; the bad
    // debt is the trader's deficit 751.0015655681833055 alone, paid by the fund (hand-computed difference).
    expect(f.penalty).toBe('0');
    expect([r.status, r.badDebt, r.insurancePayout, r.socializedLoss]).toEqual(['bankrupt', '751.0015655681833055', '751.0015655681833055', '0']);
  });

  it('"multiple markets: bob has ETH long and BTC short" › "… between 3.125% and 6.25% -> partial liquidation" › "… liquidating bob\'s long position on ETH market" (Perp\'s ratio 0.5555: closeFactor 0.5555)', { timeout: 30_000 }, () => {
    // Perp (marks ETH 910, BTC 9900; "liquidateRatio 0.5555"): size 549936303268741737, notional
    // 500442035974554980670, liquidationFee 12511050899363874516, insurance fund 6255525449681937258,
    // bob's ETH left 440048041049425208; the BTC short untouched.
    const r = run(under([ETH_LONG, BTC_SHORT], '150', { vETH: '910', vBTC: '9900' }, { vETH: '0.549936303268741737' }, '0.5555'));
    expect(r.fills).toHaveLength(1);
    const f = r.fills[0]!;
    expect([f.market, f.size, f.notional]).toEqual(['vETH', '0.549936303268741737', '500.44203597455498067']);
    expect([sizeOf(r, 'vETH'), sizeOf(r, 'vBTC')]).toEqual(['0.440048041049425208', BTC_SHORT.size]);
    // 0.025 · 500.44203597455498067 = 12.51105089936387451675: ours 1 wei more, and the odd wei goes to the fund (by design).
    expect(sub(f.penalty, '12.511050899363874516')).toBe(WEI);
    expect(sub(f.insuranceFee, '6.255525449681937258')).toBe(WEI);
    expect(r.status).toBe('partial');
    // Under the profile's 0.5 the cap is ⌊0.5 · 0.989984344318166945⌋ = 0.494992172159083472, 54944131109658265 wei less.
    const half = run(under([ETH_LONG, BTC_SHORT], '150', { vETH: '910', vBTC: '9900' }, { vETH: '0.549936303268741737' }));
    expect(sub('0.549936303268741737', half.fills[0]!.size)).toBe('0.054944131109658265');
  });
});

describe('perp-v2 profile: the catalog on the profile', () => {
  it('checkCase(liquidate) on 200 scenarios under the profile shows no violation, and reaches healthy, partial and full outcomes and underwater groups (hand-computed, not a published vector)', () => {
    const run = catalogUnder(PROFILE, { positions: { min: 1, max: 2 }, margin: 'cross' });
    const requested = run.cases.filter((c) => Object.keys(c.scenario.requests ?? {}).length > 0).length;
    const underwater = run.cases.filter((c) => c.result?.groups.some((g) => new Dec(g.before.equity).isNeg())).length;
    expect(run.violations).toEqual([]);
    // A close factor of 0.5 closes a position whole only when it is one lot (⌊0.5 · 1⌋ = 0 < ℓ), so
    // full outcomes are rare and bankrupt ones need a one-lot underwater account; underwater groups
    // (the equity cap's domain) are reached.
    expectStatuses(run, ['healthy', 'partial', 'full']);
    expect(requested).toBeGreaterThan(100);
    expect(underwater).toBeGreaterThan(0);
  }, 180_000);
});
