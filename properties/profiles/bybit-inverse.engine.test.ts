/**
 * The Python engine of Bybit's inverse perpetuals (examples/python/venues/bybit_inverse.py on
 * venues/_inverse.py, issue 13 item 1) through the gate under the `bybit-inverse` profile: the
 * correct engine passes the catalog and REF-001 on generated inverse scenarios; each wrong variant
 * is caught by the invariant named here and by REF-001. The engine's BUGS table says what each
 * variant gets wrong and where Bybit states the right rule. No expected value is written here:
 * agreement with the reference on generated inverse scenarios is the evidence
 * (properties/profiles/engineSupport.ts).
 */
import type { Scenario } from '../../src/model/types.ts';
import { profileNamed } from '../../src/profiles/profiles.ts';
import { describeRefusals, describeVenueEngine, describeWorkedExamples, mixedKinds, onePerpScenario, oneLong, type WorkedExample } from './engineSupport.ts';

const PROFILE = 'bybit-inverse';
const COMMAND = `python3 examples/python/profile_engine.py --profile ${PROFILE}`;

describeVenueEngine('properties/profiles/bybit-inverse.engine.test.ts', {
  profile: PROFILE,
  command: COMMAND,
  bugs: [
    // a long sold at the linear bankruptcy price e·(1 − 1/lev), below the inverse e·lev/(lev + 1) (spec §12.4)
    { bug: 'linear-bankruptcy-long', violates: 'LIQ-029', shape: 'single' },
    // the takeover price rounded to the tick in the trader's favour: one tick past bankruptcy (§12.4)
    { bug: 'bankruptcy-toward-trader', violates: 'LIQ-029', shape: 'single' },
    // the realized PnL rounded up to the satoshi: value created by a fill off the grid (§12.3, §12.6)
    { bug: 'pnl-rounded-up', violates: 'LIQ-007', shape: 'single' },
    // the risk limit valued at mark: a long below its entry is liquidated while healthy at entry value (§10.2)
    { bug: 'risk-limit-at-mark', violates: 'LIQ-001' },
  ],
});

const scenario = oneLong(PROFILE, 'BTCUSD', '1000', '20000', '0.01');

describeRefusals({
  profile: PROFILE,
  command: COMMAND,
  scenario,
  another: 'bitmex-xbtusd',
  changed: [
    ['the price at mark', 'price', { kind: 'mark' }],
    ['the risk limit at mark', 'requirement', { kind: 'tiers', valuation: 'mark' }],
  ],
  refused: [{ what: 'a params set mixing linear and inverse markets', scenario: mixedKinds(PROFILE, 'BTCUSD', scenario), at: 'params.markets["LINEAR"].contract' }],
});

/**
 * Worked examples, hand-computed with exact fractions (not taken from the engine or the reference).
 * 1. Bybit's isolated example, "Trader A buys long at 8,000 USD while using 50x leverage"
 *    (https://help.bybit.com/hc/en-us/articles/360037757474-How-to-calculate-Bankruptcy-Price-;
 *    published: BP = Entry × Leverage / (Leverage + 1) = 7843.137…, "rounded up to the nearest
 *    0.5" for a long): 8,000 contracts (1 BTC at entry), margin 8000/(8000·50) = 0.02 BTC, mark 7880:
 *    U = ⌊8000·(1/8000 − 1/7880)⌋_u = −0.01522843, E = 0.00477157 ≤ MM = 1 · 0.005 (inclusive).
 *    §12.4: K = ⌈−0.02⌉_u, D = 8000 + 0.02·8000 = 8160, x_b = ⌈8000·8000/(8160·0.5)⌉·0.5 =
 *    ⌈15686.27…⌉·0.5 = 7843.5; R = ⌊8000·(1/8000 − 1/7843.5)⌋_u = −0.01995283 (at 7843 it would be
 *    −0.02001786, below the margin); the margin left, 0.00004717, returns to the cross collateral.
 * 2. A short that cannot go bankrupt (hand-computed, not a published vector): 100 contracts short at
 *    10,000 with margin 0.01 BTC = 100/10000, its largest possible loss; a 50 % rate so that the
 *    entry value 0.01 requires 0.005; mark 25,000: U = −100·15000/(10000·25000) = −0.006 exactly,
 *    E = 0.004 ≤ 0.005. K = −0.01, D′ = 100 − 0.01·10000 = 0: every price reaches K, so the fill
 *    is at the mark (§12.4's fallback), R = −0.006, the trader keeps 0.004.
 */
const HALF = structuredClone(profileNamed(PROFILE)!.params) as unknown as { markets: Record<string, { tiers: Record<string, string>[] }> };
HALF.markets['BTCUSD']!.tiers = [{ notionalFloor: '0', maintenanceRate: '0.5', maintenanceAmount: '0', initialRate: '0.6' }];
const EXAMPLES: readonly WorkedExample[] = [
  [
    "Bybit's isolated long at 8,000 USD, 50x, is taken over at its bankruptcy price 7843.5",
    worked(profileNamed(PROFILE)!.params, '7880', '0', [{ market: 'BTCUSD', size: '8000', entryPrice: '8000', isolatedMargin: '0.02' }]),
    { status: 'full', fills: [{ side: 'sell', size: '8000', price: '7843.5', realizedPnl: '-0.01995283', penalty: '0' }], account: { collateral: '0.00004717', positions: [] }, badDebt: '0' },
  ],
  [
    'a short whose loss can never exceed its margin (D′ = 0) is taken over at the mark',
    worked(HALF, '25000', '0', [{ market: 'BTCUSD', size: '-100', entryPrice: '10000', isolatedMargin: '0.01' }]),
    { status: 'full', fills: [{ side: 'buy', size: '100', price: '25000', realizedPnl: '-0.006' }], account: { collateral: '0.004', positions: [] }, badDebt: '0' },
  ],
];

/** `positions` under the profile's policy and `params` (the profile's unless told), with a fund of 0. */
function worked(params: unknown, mark: string, collateral: string, positions: readonly object[]): Scenario {
  return onePerpScenario(PROFILE, params, mark, collateral, positions);
}

describeWorkedExamples({ profile: PROFILE, command: COMMAND, feature: ['inverse', '§12'], also: 'isolated', examples: EXAMPLES });
