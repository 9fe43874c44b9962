/**
 * The Python engine of Bybit's USDT perpetuals (examples/python/venues/bybit_linear.py, issue 12
 * item 4) through the gate under the `bybit-linear` profile: the correct engine passes the catalog
 * and REF-001; each wrong variant is caught by the invariant named here and by REF-001. The
 * engine's BUGS table says what each variant gets wrong and where Bybit states the right rule.
 * No expected value is written here: agreement with the reference on generated scenarios is the
 * evidence (properties/profiles/engineSupport.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/adapters/openEngine.ts';
import type { Scenario } from '../../src/model/types.ts';
import { profileNamed } from '../../src/profiles/profiles.ts';
import { CWD, Opened } from '../adaptersSupport.ts';
import { describeVenueEngine } from './engineSupport.ts';

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

const opened = new Opened();
afterAll(() => opened.closeAll());

/**
 * The engine runs its profile's policy only: a scenario under another policy, or under none (the
 * reference policy, spec §10.1), is answered invalid-input at `policy`, never liquidated by the
 * wrong rules. The same scenario under the profile's own policy is answered, so the refusals
 * are about the policy and not the scenario.
 */
describe('bybit-linear engine: the policy it accepts', () => {
  const profile = profileNamed('bybit-linear')!;
  const base: Scenario = {
    params: profile.params,
    marks: { BTCUSDT: '20000' },
    account: { collateral: '400', positions: [{ market: 'BTCUSDT', size: '1', entryPrice: '20000' }] },
    insuranceFund: '0',
  } as Scenario;
  const under = (policy: unknown): Scenario => ({ ...base, policy } as unknown as Scenario);
  const others: readonly [string, Scenario][] = [
    ['no policy (minimal-close)', base],
    ['the binance-usdm profile', under(profileNamed('binance-usdm')!.wire.policy)],
    ['its own with the price at mark', under({ ...profile.wire.policy, price: { kind: 'mark' } })],
  ];

  it('answers a scenario under its own profile policy', async () => {
    const h = opened.track(await openEngine('python3 examples/python/profile_engine.py --profile bybit-linear', { timeoutMs: 20_000, ...CWD }));
    const answer = await h.run(under(profile.wire.policy));
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
  }, 30_000);

  for (const [what, s] of others) {
    it(`refuses ${what} with invalid-input at policy`, async () => {
      const h = opened.track(await openEngine('python3 examples/python/profile_engine.py --profile bybit-linear', { timeoutMs: 20_000, ...CWD }));
      const answer = await h.run(s);
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error.code).toBe('invalid-input');
      const issues = 'issues' in answer.error ? answer.error.issues : [];
      expect(issues.map((i) => i.path)).toContain('policy');
    }, 30_000);
  }
});
