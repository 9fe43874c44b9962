import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDistribution } from '../../arbitraries/classify.ts';
import { Dec } from '../../model/decimal.ts';
import type { LendingParams, LendingScenario } from '../../wire/lending.ts';
import { liquidateLending } from '../liquidateLending.ts';
import { parseLendingScenario } from '../parseLendingScenario.ts';
import { LENDING_RULE_KINDS, lendingParams } from './lendingParams.ts';
import { lendingScenario } from './lendingScenario.ts';
import { lendingLabelDistribution, lendingScenarioLabels } from './lendingScenarioLabels.ts';

const issuesOf = (s: LendingScenario): string => {
  const r = parseLendingScenario(s);
  return r.ok ? '' : JSON.stringify(r.issues);
};

/** The least share of 2,000 draws (seed 42) each region must reach. */
const REGIONS: Readonly<Record<string, number>> = {
  'aave-v3.0': 0.15,
  'aave-v3.3': 0.15,
  morpho: 0.15,
  absorb: 0.15,
  'hf=1': 0.06,
  'hf∈[0.99,1)': 0.08,
  'hf∈(1,1.01]': 0.05,
  'hf≈fullBelowHealth': 0.04,
  'hf=fullBelowHealth': 0.01,
  'hf≈LB·LT': 0.06,
  'hf=LB·LT': 0.015,
  'hf<LB·LT': 0.08,
  'bad-debt': 0.08,
  'request<cap': 0.1,
  'request=cap': 0.1,
  'request>cap': 0.05,
  'request=max': 0.08,
  'request=one-unit': 0.01,
  'leftover≈minLeftoverBase': 0.01,
  'lt-floor': 0.1,
  'debt-also-collateral': 0.1,
  'price-one': 0.1,
  'price-step': 0.02,
  'reserve-just-below-fullBelowBase': 0.01,
  'reserve-just-above-fullBelowBase': 0.01,
  'reserve-just-below-minLeftoverBase': 0.01,
  'reserve-just-above-minLeftoverBase': 0.01,
  'single-pair': 0.3,
  'multi-collateral': 0.1,
  'multi-debt': 0.02,
  // the reference's outcomes
  healthy: 0.1,
  liquidated: 0.3,
  reverted: 0.01,
  deficit: 0.05,
  'collateral-exhausted': 0.05,
};

describe('lendingScenario', () => {
  it('is always valid: the reference parses it and liquidates it without error', () => {
    fc.assert(
      fc.property(lendingScenario(), (s) => {
        expect(issuesOf(s)).toBe('');
        const o = liquidateLending(s);
        expect(o.ok ? 'ok' : JSON.stringify(o.error)).toBe('ok');
      }),
      { numRuns: 400, seed: 1 },
    );
  });

  it('is valid for every rule form alone and in the `any` region', () => {
    for (const rules of LENDING_RULE_KINDS) {
      for (const region of ['boundary', 'any'] as const) {
        for (const s of fc.sample(lendingScenario({ rules: [rules], region }), { numRuns: 80, seed: 3 })) expect(issuesOf(s), `${rules} ${region}`).toBe('');
      }
    }
  });

  it('has a request exactly under close-factor rules, and reserves only under absorb', () => {
    for (const s of fc.sample(lendingScenario(), { numRuns: 300, seed: 4 })) {
      expect(s.request !== undefined, JSON.stringify(s.params.rules)).toBe(s.params.rules.kind === 'close-factor');
      if (s.params.rules.kind === 'close-factor') expect(s.reserves).toBeUndefined();
    }
  });

  it('draws whole token units and prices on the base grid', () => {
    for (const s of fc.sample(lendingScenario(), { numRuns: 300, seed: 5 })) {
      for (const side of [s.account.supplies, s.account.borrows]) {
        for (const [id, x] of Object.entries(side)) expect(new Dec(x).mod(s.params.assets[id]!.unit).isZero(), `${id} ${x}`).toBe(true);
      }
      for (const [id, p] of Object.entries(s.prices)) expect(new Dec(p).mod(new Dec(10).pow(-s.params.baseScale)).isZero() && new Dec(p).gt(0), `${id} ${p}`).toBe(true);
    }
  });

  it('is reproducible: one seed, one sequence; another seed, another', () => {
    const a = fc.sample(lendingScenario(), { numRuns: 50, seed: 2026 });
    const b = fc.sample(lendingScenario(), { numRuns: 50, seed: 2026 });
    const c = fc.sample(lendingScenario(), { numRuns: 50, seed: 2027 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('works on a fixed parameter set (the Morpho profile shape: base scale 6, an 18-digit LIF)', () => {
    const morpho: LendingParams = {
      baseScale: 6,
      assets: {
        USDC: { unit: '0.000001', liquidationThreshold: '0', liquidationBonus: '1', protocolFee: '0', collateral: false },
        WETH: { unit: '0.000000000000000001', liquidationThreshold: '0.86', liquidationBonus: '1.043841336116910229', protocolFee: '0', collateral: true },
      },
      rules: { kind: 'close-factor', closeFactor: '1', fullBelowHealth: '0', closeFactorOf: 'reserve', fullBelowBase: '0', minLeftoverBase: '0', deficit: true },
    };
    const xs = fc.sample(lendingScenario({ params: fc.constant(morpho) }), { numRuns: 150, seed: 6 });
    for (const s of xs) {
      expect(issuesOf(s)).toBe('');
      expect(s.params).toBe(morpho);
      expect(Object.keys(s.account.supplies)).toEqual(['WETH']);
      expect(Object.keys(s.account.borrows)).toEqual(['USDC']);
    }
    const labels = new Set(xs.flatMap((s) => lendingScenarioLabels(s)));
    for (const l of ['hf=1', 'hf∈[0.99,1)', 'hf≈LB·LT', 'deficit', 'liquidated', 'healthy']) expect(labels.has(l), l).toBe(true);
  });

  it('is valid on the shipped lending profiles (assets it has no typical price for included: GHO, COMP, UNI, LINK)', () => {
    for (const file of ['aave-v3.json', 'compound-v3.json', 'morpho-blue.json']) {
      const profile = JSON.parse(readFileSync(new URL(`../../../profiles/lending/${file}`, import.meta.url), 'utf8')) as { params: LendingParams };
      const xs = fc.sample(lendingScenario({ params: fc.constant(profile.params) }), { numRuns: 120, seed: 8 });
      for (const s of xs) expect(issuesOf(s), file).toBe('');
      const labels = new Set(xs.flatMap((s) => lendingScenarioLabels(s)));
      for (const l of ['hf=1', 'hf∈[0.99,1)', 'liquidated', 'healthy']) expect(labels.has(l), `${file}: ${l}`).toBe(true);
    }
  });

  it('rejects an unknown region', () => {
    expect(() => lendingScenario({ region: 'edge' as never })).toThrow(/region/);
  });
});

describe('lendingScenario distribution', () => {
  const total = 2000;
  const samples = fc.sample(lendingScenario(), { numRuns: total, seed: 42 });

  it('reaches every region, edge and reference outcome with its stated share', () => {
    const d = lendingLabelDistribution(samples);
    console.log(`label distribution of lendingScenario(), ${total} samples, seed 42:\n${formatDistribution(d, total)}`);
    expect(d.get('invalid') ?? 0).toBe(0);
    const short = Object.entries(REGIONS)
      .filter(([label, least]) => (d.get(label) ?? 0) / total < least)
      .map(([label, least]) => `${label}: ${d.get(label) ?? 0}/${total} < ${least}`);
    expect(short).toEqual([]);
  });

  it('reaches, under each rule form, the outcomes that form can have', () => {
    const byKind = new Map<string, Set<string>>();
    for (const s of samples) {
      const labels = lendingScenarioLabels(s);
      const kind = labels[0]!;
      byKind.set(kind, new Set([...(byKind.get(kind) ?? []), ...labels]));
    }
    const expected: Readonly<Record<string, readonly string[]>> = {
      'aave-v3.0': ['healthy', 'liquidated', 'collateral-exhausted', 'request<cap', 'request=cap', 'request>cap'],
      'aave-v3.3': ['healthy', 'liquidated', 'reverted', 'deficit', 'leftover≈minLeftoverBase', 'reserve-just-below-fullBelowBase'],
      morpho: ['healthy', 'liquidated', 'deficit', 'hf=LB·LT'],
      absorb: ['healthy', 'liquidated', 'deficit', 'hf=1'],
    };
    for (const [kind, labels] of Object.entries(expected)) {
      expect(labels.filter((l) => !byKind.get(kind)?.has(l)), kind).toEqual([]);
    }
  });

  it('puts accounts exactly on HF = 1 and on the I4 boundary, and one step either side of 1', () => {
    const labels = samples.map((s) => lendingScenarioLabels(s));
    const at = labels.filter((l) => l.includes('hf=1')).length;
    const i4 = labels.filter((l) => l.includes('hf=LB·LT')).length;
    const sides = samples.map(sideOfOne);
    const below = sides.filter((x) => x === 'below').length;
    const above = sides.filter((x) => x === 'above').length;
    console.log(`exact placements in ${total} scenarios: HF = 1 in ${at}, HF = LB·LT in ${i4}, one step below HF = 1 in ${below}, one step above in ${above}`);
    expect(at).toBeGreaterThan(100);
    expect(i4).toBeGreaterThan(30);
    expect(below).toBeGreaterThan(40);
    expect(above).toBeGreaterThan(20);
  });
});

/**
 * The side of `HF = 1` an account is on when it is off it by no more than the nearest step the
 * units allow, `0 < |W − D| ≤ b +` the value of the most valuable token unit (exact values, no
 * rounding; `b` the base unit); `null` otherwise.
 */
function sideOfOne(s: LendingScenario): 'below' | 'above' | null {
  const value = (id: string, x: string): Dec => new Dec(x).mul(s.prices[id]!);
  const W = Object.entries(s.account.supplies)
    .filter(([id]) => s.params.assets[id]!.collateral)
    .reduce((a, [id, x]) => a.add(value(id, x).mul(s.params.assets[id]!.liquidationThreshold)), new Dec(0));
  const D = Object.entries(s.account.borrows).reduce((a, [id, x]) => a.add(value(id, x)), new Dec(0));
  const step = Dec.max(...Object.keys(s.prices).map((id) => value(id, s.params.assets[id]!.unit))).add(new Dec(10).pow(-s.params.baseScale));
  if (W.eq(D) || W.sub(D).abs().gt(step)) return null;
  return W.lt(D) ? 'below' : 'above';
}
