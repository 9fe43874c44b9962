/**
 * Reading a market's `contract` and the domain of an inverse market (spec §12.1): what parses,
 * into what, and every refusal with its path and reason.
 */
import { describe, expect, it } from 'vitest';
import { checkParamsFile } from '../params/checkParamsFile.ts';
import { inverseParams } from './__support__/inverseScenarios.ts';
import { fixedParams } from './fixedCore.ts';
import { liquidateOnDec } from './liquidate.ts';
import { toCanonical } from './fixed.ts';
import { parseParams, parseScenario } from './parseScenario.ts';
import type { Scenario } from './types.ts';

const tiers = [{ notionalFloor: '0', maintenanceRate: '0.005', maintenanceAmount: '0', initialRate: '0.01' }];
const inverseMarket = { contract: { kind: 'inverse', value: '1' }, lotSize: '1', tickSize: '0.5', tiers } as const;
const params = (markets: Scenario['params']['markets']): Scenario['params'] => inverseParams(markets);
const FULL = { closeSize: { kind: 'full' } } as const;
const scenario = (policy: Scenario['policy'] | undefined, markets: Scenario['params']['markets'] = { BTCUSD: inverseMarket }): Scenario => ({
  params: params(markets),
  marks: Object.fromEntries(Object.keys(markets).map((id) => [id, '8000'])),
  account: { collateral: '1', positions: [{ market: Object.keys(markets)[0]!, size: '100', entryPrice: '8000' }] },
  insuranceFund: '0',
  ...(policy === undefined ? {} : { policy }),
});
const issuesOf = (s: unknown) => {
  const p = parseScenario(s);
  if (p.ok) throw new Error('expected invalid input');
  return p.issues;
};

describe('a market contract (§12.1)', () => {
  it('leaves a linear market as it was: no contract in the parsed form, LINEAR on the integer core', () => {
    const linear = { lotSize: '0.01', tickSize: '0.5', tiers };
    for (const m of [linear, { ...linear, contract: { kind: 'linear' } as const }]) {
      const p = parseParams(params({ 'BTC-PERP': m }));
      expect(p.ok).toBe(true);
      if (!p.ok) continue;
      expect('contract' in p.value.markets.get('BTC-PERP')!).toBe(false);
      expect(fixedParams(p.value).markets.get('BTC-PERP')!.contract.kind).toBe('linear');
    }
  });

  it('carries an inverse contract value into the parsed and the integer params', () => {
    const p = parseParams(params({ BTCUSD: { ...inverseMarket, contract: { kind: 'inverse', value: '100.0' } } }));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const c = fixedParams(p.value).markets.get('BTCUSD')!.contract;
    expect(c.kind).toBe('inverse');
    expect(c.kind === 'inverse' && toCanonical(c.value)).toBe('100');
  });

  it.each<[string, unknown, string]>([
    ['a zero value', { kind: 'inverse', value: '0' }, 'params.markets["BTCUSD"].contract.value'],
    ['a negative value', { kind: 'inverse', value: '-1' }, 'params.markets["BTCUSD"].contract.value'],
    ['no value', { kind: 'inverse' }, 'params.markets["BTCUSD"].contract.value'],
    ['a value that is a number', { kind: 'inverse', value: 1 }, 'params.markets["BTCUSD"].contract.value'],
    ['an unknown kind', { kind: 'quanto', value: '1' }, 'params.markets["BTCUSD"].contract.kind'],
    ['a value on a linear contract', { kind: 'linear', value: '1' }, 'params.markets["BTCUSD"].contract.value'],
    ['a string', 'inverse', 'params.markets["BTCUSD"].contract'],
  ])('refuses %s at its path', (_name, contract, path) => {
    const p = parseParams(params({ BTCUSD: { ...inverseMarket, contract } as never }));
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.issues.map((i) => i.path)).toEqual([path]);
  });

  it('refuses markets of two kinds in one params set, at each market of the other kind', () => {
    const linear = { lotSize: '1', tickSize: '0.5', tiers };
    const p = parseParams(params({ BTCUSD: inverseMarket, ETHUSD: linear, XRPUSD: { ...linear, contract: { kind: 'linear' } } }));
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.issues.map((i) => i.path)).toEqual(['params.markets["ETHUSD"].contract', 'params.markets["XRPUSD"].contract']);
    expect(p.issues[0]!.expected).toMatch(/kind "inverse", as market "BTCUSD"'s.*one collateral \(spec §12\.1\)/);
    expect(p.issues[0]!.received).toBe('no contract (linear)');
  });
});

describe('`liqcheck params check` of a params file with inverse markets', () => {
  it('checks it as any other: no error for a valid set, the contract issue at its path otherwise', () => {
    const findings = checkParamsFile(params({ BTCUSD: inverseMarket, ETHUSD: { ...inverseMarket, contract: { kind: 'inverse', value: '10' } } }));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const mixed = checkParamsFile(params({ BTCUSD: inverseMarket, ETHUSD: { lotSize: '1', tickSize: '0.5', tiers } }));
    expect(mixed).toEqual([expect.objectContaining({ id: 'SPEC', severity: 'error', where: 'params.markets["ETHUSD"].contract' })]);
  });
});

describe('the domain of an inverse market (§12.1)', () => {
  it('runs under a policy with a full close', () => {
    expect(parseScenario(scenario(FULL)).ok).toBe(true);
    for (const closeSize of [{ kind: 'step-down' }, { kind: 'fixed-portion', portion: '0.2', minimumNotional: '0' }] as const) {
      expect(parseScenario(scenario({ closeSize })).ok).toBe(true);
    }
  });

  it('refuses the reference policy (no policy): it is minimal-close', () => {
    const issues = issuesOf(scenario(undefined));
    expect(issues).toEqual([expect.objectContaining({ path: 'policy', expected: expect.stringMatching(/only under a policy.*minimal-close \(spec §12\.1\)/) })]);
  });

  it.each<[string, NonNullable<Scenario['policy']>, string, RegExp]>([
    ['an explicit minimal close', { closeSize: { kind: 'minimal' } }, 'policy.closeSize', /slack exactly linear.*staircase/],
    ['a policy that leaves the close size at its default (minimal)', { price: { kind: 'bankruptcy' } }, 'policy.closeSize', /"minimal"/],
    ['a size-scaled requirement', { ...FULL, requirement: { kind: 'size-scaled', baseRate: '0.01', sizeRate: '0.0001', minimum: '0' } }, 'policy.requirement', /"size-scaled".*not yet written for coin values/],
    ['a book price', { ...FULL, price: { kind: 'book', remainder: 'left' } }, 'policy.price', /"book".*dust rule/],
    ['a backstop trigger', { ...FULL, trigger: { kind: 'backstop', numerator: '1', denominator: '2' } }, 'policy.trigger', /"backstop".*takeover/],
  ])('refuses %s at its part', (_name, policy, path, why) => {
    const issues = issuesOf(scenario(policy));
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0]!.expected).toMatch(why);
    expect(issues[0]!.expected).toMatch(/inverse market.*\(spec §12\.1\)/);
  });

  it('lists every refused part at once, after the policy itself is valid (§10.1)', () => {
    const sizeScaled = { kind: 'size-scaled', baseRate: '0.01', sizeRate: '0.0001', minimum: '0' } as const;
    const backstop = { kind: 'backstop', numerator: '1', denominator: '2' } as const;
    const issues = issuesOf(scenario({ requirement: sizeScaled, closeSize: { kind: 'full' }, price: { kind: 'book', remainder: 'left' }, trigger: backstop }));
    expect(issues.map((i) => i.path)).toEqual(['policy.requirement', 'policy.price', 'policy.trigger']);
    // A policy invalid on its own (size-scaled with a minimal close, §10.2) says that first, once.
    expect(issuesOf(scenario({ requirement: sizeScaled })).map((i) => i.path)).toEqual(['policy.closeSize']);
  });

  it('is refused by the decimal.js form of the reference, which is linear only', () => {
    const p = parseScenario(scenario(FULL));
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const out = liquidateOnDec(p.value);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error.code).toBe('invalid-input');
  });

  it('asks nothing more of a linear scenario', () => {
    const linear = { 'BTC-PERP': { lotSize: '1', tickSize: '0.5', tiers } };
    expect(parseScenario(scenario(undefined, linear)).ok).toBe(true);
    expect(parseScenario(scenario({ closeSize: { kind: 'minimal' } }, linear)).ok).toBe(true);
  });
});
