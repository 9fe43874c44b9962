/**
 * The Python engine of BitMEX's XBTUSD inverse perpetual (examples/python/venues/bitmex_xbtusd.py
 * on venues/_inverse.py, issue 13 item 1) through the gate under the `bitmex-xbtusd` profile: the
 * correct engine passes the catalog and REF-001 on generated inverse scenarios; each wrong variant
 * is caught by the invariant named here and by REF-001. The engine's BUGS table says what each
 * variant gets wrong and where BitMEX states the right rule. No expected value is written here:
 * agreement with the reference on generated inverse scenarios is the evidence
 * (properties/profiles/engineSupport.ts).
 */
import type { Scenario } from '../../src/model/types.ts';
import { profileNamed } from '../../src/profiles/profiles.ts';
import { describeRefusals, describeVenueEngine, describeWorkedExamples, mixedKinds, onePerpScenario, oneLong, type WorkedExample } from './engineSupport.ts';

const PROFILE = 'bitmex-xbtusd';
const COMMAND = `python3 examples/python/profile_engine.py --profile ${PROFILE}`;

describeVenueEngine('properties/profiles/bitmex-xbtusd.engine.test.ts', {
  profile: PROFILE,
  command: COMMAND,
  bugs: [
    // the PnL converted to XBT at the entry price, q·v·(x − e)/e²: value created or destroyed at every fill (§12.2, §12.6)
    { bug: 'pnl-at-entry-price', violates: 'LIQ-007', shape: 'single' },
    // the position value rounded down: the reported maintenance is below the true one (§12.2)
    { bug: 'position-value-rounded-down', violates: 'LIQ-017' },
    // the risk limit valued at entry: a short above its entry is liquidated while healthy at mark value (§10.2)
    { bug: 'risk-limit-at-entry', violates: 'LIQ-001' },
    // the takeover price rounded to the tick in the trader's favour: one tick past bankruptcy (§12.4)
    { bug: 'bankruptcy-toward-trader', violates: 'LIQ-029', shape: 'single' },
  ],
});

const scenario = oneLong(PROFILE, 'XBTUSD', '1000', '20000', '0.01');

describeRefusals({
  profile: PROFILE,
  command: COMMAND,
  scenario,
  another: 'bybit-inverse',
  changed: [
    ['the price at mark', 'price', { kind: 'mark' }],
    ['the risk limit at entry', 'requirement', { kind: 'tiers', valuation: 'entry' }],
  ],
  refused: [{ what: 'a params set mixing linear and inverse markets', scenario: mixedKinds(PROFILE, 'XBTUSD', scenario), at: 'params.markets["LINEAR"].contract' }],
});

/**
 * Worked example, hand-computed with exact fractions (not a published vector; not taken from the
 * engine or the reference), on the profile's params (lot 100, tick 0.5, strict trigger, tiers at
 * 200 / 350 / 500 XBT valued at mark): a cross short of 2,000,000 contracts at 10,000 with 10.47 XBT,
 * mark 10,500. Position value at mark ⌈2000000/10500⌉_u = 190.47619048 XBT (first tier, 0.5 %):
 * MM = 0.9523809524; U = ⌊−2000000·(1/10000 − 1/10500)⌋_u = ⌊−9.5238095…⌋_u = −9.52380953,
 * E = 0.94619047 < MM. §12.4: K = ⌈−10.47⌉_u, D′ = 2000000 − 10.47·10000 = 1895300,
 * x_b = ⌊2000000·10000/(1895300·0.5)⌋·0.5 = ⌊21104.31…⌋·0.5 = 10552 (down for a buy);
 * R = ⌊−2000000·(1/10000 − 1/10552)⌋_u = −10.46247157, leaving 0.00752843 (at 10552.5 the
 * collateral would be −0.00145227: one tick higher is past bankruptcy).
 */
const EXAMPLES: readonly WorkedExample[] = [
  [
    'a cross short of 2,000,000 contracts is taken over at its bankruptcy price 10552',
    worked(profileNamed(PROFILE)!.params, '10500', '10.47', [{ market: 'XBTUSD', size: '-2000000', entryPrice: '10000' }]),
    {
      status: 'full',
      fills: [{ side: 'buy', size: '2000000', price: '10552', notional: '190.47619048', realizedPnl: '-10.46247157', penalty: '0' }],
      account: { collateral: '0.00752843', positions: [] },
      groups: [{ group: 'cross', status: 'full', before: { equity: '0.94619047', maintenance: '0.9523809524' } }],
    },
  ],
];

/** `positions` under the profile's policy and `params` (the profile's unless told), with a fund of 0. */
function worked(params: unknown, mark: string, collateral: string, positions: readonly object[]): Scenario {
  return onePerpScenario(PROFILE, params, mark, collateral, positions);
}

describeWorkedExamples({ profile: PROFILE, command: COMMAND, feature: ['inverse', '§12'], also: 'isolated', examples: EXAMPLES });
