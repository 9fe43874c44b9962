/**
 * The Python engine of Hyperliquid's perpetuals (examples/python/venues/hyperliquid.py, issue 12
 * item 4) through the gate under the `hyperliquid` profile: the correct engine passes the catalog
 * and REF-001; each wrong variant is caught by the invariant named here and by REF-001. The
 * engine's BUGS table says what each variant gets wrong and which Hyperliquid rule or incident it
 * mirrors. No expected value is written here: agreement with the reference on generated scenarios
 * is the evidence (properties/profiles/engineSupport.ts).
 */
import { describeRefusals, describeVenueEngine, oneLong } from './engineSupport.ts';

describeVenueEngine('properties/profiles/hyperliquid.engine.test.ts', {
  profile: 'hyperliquid',
  command: 'python3 examples/python/profile_engine.py --profile hyperliquid',
  bugs: [
    // the backstop leaves the trader the margin it should take (spec §10.8)
    { bug: 'backstop-keeps-equity', violates: 'LIQ-027' },
    // the vault takes over above 2/3 of maintenance (the March 2025 ETH and JELLY takeovers)
    { bug: 'backstop-at-maintenance', violates: 'LIQ-027' },
    // 20 % chunks also at or below 100k of notional (spec §10.3)
    { bug: 'chunks-below-threshold', violates: 'LIQ-019', shape: 'single' },
  ],
});

describeRefusals({
  profile: 'hyperliquid',
  command: 'python3 examples/python/profile_engine.py --profile hyperliquid',
  scenario: oneLong('hyperliquid', 'BTC', '1', '100000', '1000'),
  another: 'dydx-v4',
  changed: [['a 1/2 backstop', 'trigger', { kind: 'backstop', numerator: '1', denominator: '2' }]],
});
