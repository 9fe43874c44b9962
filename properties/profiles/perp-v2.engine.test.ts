/**
 * The perp-v2 venue engine (examples/python/venues/perp_v2.py, Perp v2 Curie's liquidate as
 * docs/profiles/perp-v2.md states it) through the gate: it passes the catalog and REF-001 under
 * the profile, and each wrong variant is caught by the invariant named for it.
 *
 * The direct cases below feed the engine Perp's own test inputs and expect Perp's published
 * outputs (cited beside them), and check that the engine refuses a scenario under any other policy
 * rather than answering it by Perp's rule.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine, type EngineHandle } from '../../src/adapters/openEngine.ts';
import type { Scenario } from '../../src/model/types.ts';
import { CWD, Opened } from '../adaptersSupport.ts';
import { describeRefusals, describeVenueEngine, under } from './engineSupport.ts';
import { shippedProfile } from './support.ts';

const FILE = 'properties/profiles/perp-v2.engine.test.ts';
const COMMAND = 'python3 examples/python/profile_engine.py --profile perp-v2';
const PROFILE = shippedProfile('perp-v2');

describeVenueEngine(FILE, {
  profile: 'perp-v2',
  command: COMMAND,
  bugs: [
    // getLiquidatablePositionSize's cap not applied: more than closeFactor · |q| closed
    { bug: 'ignores-close-factor', violates: 'LIQ-022' },
    // 2.5 % of the whole position's notional, not of the part liquidated
    { bug: 'penalty-on-position', violates: 'LIQ-006' },
    // Perp's own uncapped penalty, which the profile caps by the equity left
    { bug: 'penalty-into-bad-debt', violates: 'LIQ-010' },
  ],
});

// perpetual-protocol/perp-curie-contract test/clearingHouse/ClearingHouse.takeOver.test.ts
// (commit d520bd8e), "single market: bob has ETH long" › "… margin ratio between 3.125% and
// 6.25% -> partial liquidation": bob's long of 0.989984344318166945 ETH for an open notional of
// −1000 (entry price 1010.116983909206310778, the 18-decimal price on the trader's side of
// 1000 / size, as in properties/profiles/perp-v2.test.ts), 150 USDC, mark 900, the insurance
// fund's 1,000,000.
const bobLong = (requested: string): Scenario =>
  ({
    params: PROFILE.params,
    marks: { vETH: '900', vBTC: '10000' },
    account: { collateral: '150', positions: [{ market: 'vETH', size: '0.989984344318166945', entryPrice: '1010.116983909206310778' }] },
    insuranceFund: '1000000',
    policy: PROFILE.policy,
    requests: { vETH: requested },
  }) as Scenario;

describe('perp-v2 engine on its own, outside the gate', () => {
  const opened = new Opened();
  afterAll(() => opened.closeAll());
  const open = async (): Promise<EngineHandle> => opened.track(await openEngine(COMMAND, { timeoutMs: 20_000, ...CWD }));

  it('"davis has no position before liquidation: set liquidatePositionSize = 0": Perp\'s size, notional, fee split and remainder', { timeout: 30_000 }, async () => {
    // Perp: exchangedPositionSize −494992172159083472, positionNotional 445492954943175124800,
    // liquidationFee 11137323873579378120, insurance fund 5568661936789689060, bob left with 494992172159083473.
    const h = await open();
    const a = await h.run(bobLong('0.989984344318166945'));
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    const f = a.result.fills;
    expect(f.map((x) => [x.side, x.size, x.price, x.notional, x.penalty, x.insuranceFee, x.liquidatorFee])).toEqual([
      ['sell', '0.494992172159083472', '900', '445.4929549431751248', '11.13732387357937812', '5.56866193678968906', '5.56866193678968906'],
    ]);
    expect(a.result.account.positions.map((p) => p.size)).toEqual(['0.494992172159083473']);
  });

  it('"take over too much position size": a request of 100 ETH is cut to bobTakerPositionSizeBefore.div(2)', { timeout: 30_000 }, async () => {
    // Perp: davis gets 494992172159083472.
    const h = await open();
    const a = await h.run(bobLong('100'));
    if (!a.ok) throw new Error(JSON.stringify(a.error));
    expect(a.result.fills.map((x) => x.size)).toEqual(['0.494992172159083472']);
  });
});

// Never answered by Perp's rule under another policy or a request it cannot serve; the same rules
// written with the default spelled differently are accepted ("0.50" is 0.5).
describeRefusals({
  profile: 'perp-v2',
  command: COMMAND,
  scenario: bobLong('100'),
  alike: [{ ...PROFILE.policy, closeSize: { kind: 'requested', closeFactor: '0.50' } }],
  another: 'drift-v2',
  changed: [
    ['a close factor of 1', 'closeSize', { kind: 'requested', closeFactor: '1' }],
    ['a maximum size', 'closeSize', { kind: 'requested', closeFactor: '0.5', maximumSize: '1' }],
  ],
  refused: [
    { what: 'a request off the lot grid', scenario: bobLong('0.0000000000000000005'), at: 'requests' },
    { what: 'a request for a market not held', scenario: under(bobLong('1'), PROFILE.policy, { requests: { vBTC: '1' } }), at: 'requests' },
  ],
});
