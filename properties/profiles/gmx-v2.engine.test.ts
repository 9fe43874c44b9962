/**
 * The GMX v2 example engine (examples/python/venues/gmx_v2.py, written from
 * docs/profiles/gmx-v2.md in GMX's terms: remaining collateral against sizeInUsd's minimum, whole
 * close at the index price, PnL before fees) passes under the gmx-v2 profile, and each of its wrong
 * variants is caught by the invariant named for it and by REF-001.
 */
import { describeVenueEngine } from './engineSupport.ts';

describeVenueEngine('properties/profiles/gmx-v2.engine.test.ts', {
  profile: 'gmx-v2',
  command: 'python3 examples/python/profile_engine.py --profile gmx-v2',
  bugs: [
    // fees taken before the negative PnL: an insolvent position still pays them in full
    { bug: 'fees-before-pnl', violates: 'LIQ-010', shape: 'single' },
    // GMX's own book-keeping copied: the pool absorbs a deficit that is never reported
    { bug: 'pool-absorbs-silently', violates: 'LIQ-005', shape: 'single' },
    // the check compares with sizeInUsd · minCollateralFactor, forgetting the close fee
    { bug: 'check-ignores-close-fee', violates: 'LIQ-002', shape: 'single' },
  ],
});
