/**
 * The drift-v2 venue engine (examples/python/venues/drift_v2.py, Drift's liquidate_perp as
 * docs/profiles/drift-v2.md states it) through the gate: it passes the catalog and REF-001 under
 * the profile, and each wrong variant of liquidate_perp is caught by the invariant named for it.
 *
 * The direct cases below feed the engine Drift's own controller-test inputs and expect Drift's
 * published outputs (cited beside them), and check that the engine refuses a scenario under any
 * other policy rather than answering it by Drift's rule.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine, type EngineHandle } from '../../src/adapters/openEngine.ts';
import type { Scenario } from '../../src/model/types.ts';
import { CWD, Opened } from '../adaptersSupport.ts';
import { describeRefusals, describeVenueEngine, under } from './engineSupport.ts';
import { shippedProfile } from './support.ts';

const FILE = 'properties/profiles/drift-v2.engine.test.ts';
const COMMAND = 'python3 examples/python/profile_engine.py --profile drift-v2';
const PROFILE = shippedProfile('drift-v2');

describeVenueEngine(FILE, {
  profile: 'drift-v2',
  command: COMMAND,
  bugs: [
    // too small a base to cover: the user stays below the buffered requirement
    { bug: 'to-cover-ignores-if-fee', violates: 'LIQ-003', shape: 'single' },
    { bug: 'base-floor', violates: 'LIQ-003', shape: 'single' },
    // the IF fee out of negative equity
    { bug: 'if-fee-uncapped', violates: 'LIQ-010' },
    // more than the shortage needs
    { bug: 'initial-ratio', violates: 'LIQ-004', shape: 'single' },
  ],
});

// drift-labs/protocol-v2 programs/drift/src/controller/liquidation/tests.rs
// liquidate_perp::successful_liquidation_to_cover_margin_shortage: a long of 2 SOL at entry 100,
// oracle 100, deposit $5, the test market (the profile's params) with the $50 rule off (Drift's
// rule does not take this $200 position whole; the profile's dustNotional would). Drift: the
// liquidator takes 1.8 base at quote −178.2 (99 each), total_liquidation_fee 1.8 (to the IF),
// the user keeps 0.2 base with quote −23.6, so collateral 5 + 20 − 23.6 = 1.4.
const shortageCase: Scenario = {
  params: { ...PROFILE.params, dustNotional: '0' },
  marks: { 'SOL-PERP': '100' },
  account: { collateral: '5', positions: [{ market: 'SOL-PERP', size: '2', entryPrice: '100' }] },
  insuranceFund: '0',
  policy: PROFILE.policy,
};

describe('drift-v2 engine on its own, outside the gate', () => {
  const opened = new Opened();
  afterAll(() => opened.closeAll());
  const open = async (): Promise<EngineHandle> => opened.track(await openEngine(COMMAND, { timeoutMs: 20_000, ...CWD }));

  it('liquidate_perp::successful_liquidation_to_cover_margin_shortage: Drift\'s published transfer, fee and remainder', { timeout: 30_000 }, async () => {
    const h = await open();
    const a = await h.run(shortageCase);
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    expect(a.result.fills.map((f) => [f.side, f.size, f.price, f.insuranceFee, f.liquidatorFee])).toEqual([['sell', '1.8', '99', '1.8', '0']]);
    expect(a.result.account.positions.map((p) => p.size)).toEqual(['0.2']);
    expect(a.result.account.collateral).toBe('1.4');
  });
});

// Never answered by Drift's rule under another policy; the same rules under another name (spec
// §10.1: a name is a label only) are accepted.
describeRefusals({
  profile: 'drift-v2',
  command: COMMAND,
  scenario: shortageCase,
  // another name (a label only), and no policy: the profile's parts are the reference policy's (spec §10.1)
  alike: [{ ...PROFILE.policy, name: 'my-drift' }, undefined],
  another: 'perp-v2',
  changed: [
    ['a full close', 'closeSize', { kind: 'full' }],
    ['the bankruptcy cap', 'penalty', { kind: 'steps', cap: 'bankruptcy' }],
  ],
  refused: [{ what: 'its own with requests', scenario: under(shortageCase, PROFILE.policy, { requests: { 'SOL-PERP': '1' } }), at: 'requests' }],
});
