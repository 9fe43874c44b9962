/**
 * The Python engine of Bybit's USDT perpetuals (examples/python/venues/bybit_linear.py, issue 12
 * item 4) through the gate under the `bybit-linear` profile: the correct engine passes the catalog
 * and REF-001; each wrong variant is caught by the invariant named here and by REF-001. The
 * engine's BUGS table says what each variant gets wrong and where Bybit states the right rule.
 * No expected value is written here: agreement with the reference on generated scenarios is the
 * evidence (properties/profiles/engineSupport.ts).
 */
import { describeRefusals, describeVenueEngine, oneLong } from './engineSupport.ts';

describeVenueEngine('properties/profiles/bybit-linear.engine.test.ts', {
  profile: 'bybit-linear',
  command: 'python3 examples/python/profile_engine.py --profile bybit-linear',
  bugs: [
    // the takeover price rounded in the trader's favour: one tick past bankruptcy (spec §10.4)
    { bug: 'bankruptcy-toward-trader', violates: 'LIQ-029', shape: 'single' },
    // the takeover at the liquidation price: the trader keeps the maintenance margin
    { bug: 'takeover-at-liquidation-price', violates: 'LIQ-029', shape: 'single' },
    // the risk limit valued at mark: groups healthy at entry value are liquidated (spec §10.2)
    { bug: 'risk-limit-at-mark', violates: 'LIQ-001' },
  ],
});

describeRefusals({
  profile: 'bybit-linear',
  command: 'python3 examples/python/profile_engine.py --profile bybit-linear',
  scenario: oneLong('bybit-linear', 'BTCUSDT', '1', '20000', '400'),
  another: 'binance-usdm',
  changed: [['the price at mark', 'price', { kind: 'mark' }]],
});
