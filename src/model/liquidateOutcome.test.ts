/**
 * What `liquidate` reports besides the fills (spec §8): the typed errors, and the per-group
 * diagnostics before and after. Every expected number is derived by hand in the comment above it.
 */
import { describe, expect, it } from 'vitest';
import { btcLong as fixture, ok, oneTier } from './__support__/oneTier.ts';
import { Dec } from './decimal.ts';
import { markOf, tiersOf, type Valuation } from './groupHealth.ts';
import { liquidate, liquidateParsed } from './liquidate.ts';
import { REFERENCE_RULES } from './liquidateGroup.ts';
import { parseScenario } from './parseScenario.ts';
import type { RiskParams, Scenario } from './types.ts';

const params = oneTier();

// q = 2, e = 51000, P = 50000: N = 100000, U = −2000, MM = 500, T = 500 + 0.001·100000 = 600.
const btcLong = (collateral: string, p: RiskParams = params): Scenario => fixture(p, collateral);


describe('errors are values (§8)', () => {
  it('invalid input: code "invalid-input" with the offending paths', () => {
    const s = { ...btcLong('2400'), insuranceFund: '-1' };
    expect(liquidate(s)).toEqual({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'insuranceFund', expected: 'a decimal ≥ 0', received: '"-1"' }] },
    });
  });

  it('limit-exceeded from the close-size search is passed through, and nothing is reported', () => {
    // C = 2400 → E = 400 < MM: liquidatable, so the close size is searched for.
    const parsed = parseScenario(btcLong('2400'));
    if (!parsed.ok) throw new Error('invalid');
    const refusing = { ...REFERENCE_RULES, minimalClose: () => ({ kind: 'limit-exceeded', message: 'BTC: too many candidates' }) as const };
    expect(liquidateParsed(parsed.value, refusing)).toEqual({
      ok: false,
      error: { code: 'limit-exceeded', message: 'BTC: too many candidates' },
    });
  });
});

describe('group diagnostics (§8: equity, maintenance, target, marginRatio = ⌊E/MM⌋_{10^−18})', () => {
  it('before and after a partial close', () => {
    // C = 2400 → E = 400: ratio 400/500 = 0.8. The close of Δ = 1 (worked in liquidate.test.ts) leaves
    // C′ = 1300, E′ = 1300 − 1000 = 300, MM′ = 250, T′ = 250 + 50 = 300: ratio 300/250 = 1.2.
    const r = ok(btcLong('2400'));
    expect(r.groups).toEqual([
      {
        group: 'cross',
        status: 'partial',
        before: { equity: '400', maintenance: '500', target: '600', marginRatio: '0.8' },
        after: { equity: '300', maintenance: '250', target: '300', marginRatio: '1.2' },
      },
    ]);
  });

  it('a healthy group is reported unchanged; a closed group has no requirement and a null ratio', () => {
    // C = 2600 → E = 600 ≥ MM = 500: healthy, ratio 600/500 = 1.2 before and after.
    const healthy = ok(btcLong('2600')).groups[0]!;
    expect(healthy.status).toBe('healthy');
    expect(healthy.after).toEqual(healthy.before);
    expect(healthy.before.marginRatio).toBe('1.2');
    // f = 0.006 = r + b: no partial close can help, so the position is closed in full; with C = 2400,
    // C′ = 2400 − 2000 − min(600, 400) = 0 and no position is left: E′ = MM′ = T′ = 0, ratio null.
    const full = ok(btcLong('2400', { ...params, penalty: { steps: [{ maxMarginRatio: '1', rate: '0.006' }], liquidatorShare: '0.5' } }));
    expect(full.groups[0]!.after).toEqual({ equity: '0', maintenance: '0', target: '0', marginRatio: null });
  });
});

describe('valuation lookups', () => {
  const parsed = parseScenario(btcLong('2400'));
  if (!parsed.ok) throw new Error('invalid');
  const v: Valuation = { params: parsed.value.params, marks: parsed.value.marks };

  it('find the mark and the market parameters of a held market', () => {
    expect(markOf(v, 'BTC').eq(new Dec(50000))).toBe(true);
    expect(tiersOf(v, 'BTC').lot.eq(new Dec('0.001'))).toBe(true);
  });

  it('name the market when it has no mark or no parameters (never silently undefined)', () => {
    expect(() => markOf(v, 'ETH')).toThrow('no mark for ETH');
    expect(() => tiersOf(v, 'ETH')).toThrow('no params for ETH');
  });
});
