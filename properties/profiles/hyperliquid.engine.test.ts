/**
 * The Python engine of Hyperliquid's perpetuals (examples/python/venues/hyperliquid.py, issue 12
 * item 4) through the gate under the `hyperliquid` profile: the correct engine passes the catalog
 * and REF-001; each wrong variant is caught by the invariant named here and by REF-001. The
 * engine's BUGS table says what each variant gets wrong and which Hyperliquid rule or incident it
 * mirrors. No expected value is written here: agreement with the reference on generated scenarios
 * is the evidence (properties/profiles/engineSupport.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/adapters/openEngine.ts';
import type { Scenario } from '../../src/model/types.ts';
import { profileNamed } from '../../src/profiles/profiles.ts';
import { CWD, Opened } from '../adaptersSupport.ts';
import { describeVenueEngine } from './engineSupport.ts';

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

const opened = new Opened();
afterAll(() => opened.closeAll());

/**
 * The engine runs its profile's policy only: a scenario under another policy, or under none (the
 * reference policy, spec §10.1), is answered invalid-input at `policy`, never liquidated by the
 * wrong rules. The same scenario under the profile's own policy is answered, so the refusals
 * are about the policy and not the scenario.
 */
describe('hyperliquid engine: the policy it accepts', () => {
  const profile = profileNamed('hyperliquid')!;
  const base: Scenario = {
    params: profile.params,
    marks: { BTC: '100000' },
    account: { collateral: '1000', positions: [{ market: 'BTC', size: '1', entryPrice: '100000' }] },
    insuranceFund: '0',
  } as Scenario;
  const under = (policy: unknown): Scenario => ({ ...base, policy } as unknown as Scenario);
  const others: readonly [string, Scenario][] = [
    ['no policy (minimal-close)', base],
    ['the dydx-v4 profile', under(profileNamed('dydx-v4')!.wire.policy)],
    ['its own with a 1/2 backstop', under({ ...profile.wire.policy, trigger: { kind: 'backstop', numerator: '1', denominator: '2' } })],
  ];

  it('answers a scenario under its own profile policy', async () => {
    const h = opened.track(await openEngine('python3 examples/python/profile_engine.py --profile hyperliquid', { timeoutMs: 20_000, ...CWD }));
    const answer = await h.run(under(profile.wire.policy));
    expect(answer.ok, JSON.stringify(answer)).toBe(true);
  }, 30_000);

  for (const [what, s] of others) {
    it(`refuses ${what} with invalid-input at policy`, async () => {
      const h = opened.track(await openEngine('python3 examples/python/profile_engine.py --profile hyperliquid', { timeoutMs: 20_000, ...CWD }));
      const answer = await h.run(s);
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error.code).toBe('invalid-input');
      const issues = 'issues' in answer.error ? answer.error.issues : [];
      expect(issues.map((i) => i.path)).toContain('policy');
    }, 30_000);
  }
});
