import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../model/parseScenario.ts';
import { formatDistribution, labelDistribution } from './classify.ts';
import { defaultParams } from './defaultParams.ts';
import { defaultRunScenarios, RUN_MARKET_IDS } from './defaultRun.ts';
import { scenario } from './scenario.ts';

/** What the built-in profile lacks and the default run must reach, with the least share each. */
const PARAMETER_FEATURES: Readonly<Record<string, number>> = {
  'price-impact': 0.1,
  'inclusive-trigger': 0.1,
  'quote-scale≠6': 0.1,
  'lot≠10^k': 0.1,
  'liquidator-share≠0.5': 0.1,
  'no-dust': 0.1,
  'markets≥4': 0.1,
  'positions≥3': 0.1,
  'notional-tie': 0.05,
  'negative-ratio-inexact': 0.05,
};

describe('defaultRunScenarios', () => {
  const total = 1000;
  const samples = fc.sample(defaultRunScenarios(), { numRuns: total, seed: 42 });

  it('reaches every parameter feature, large accounts, ties and inexact negative ratios, and stays valid', () => {
    const d = labelDistribution(samples);
    console.log(`label distribution of defaultRunScenarios(), ${total} samples, seed 42:\n${formatDistribution(d, total)}`);
    for (const [label, least] of Object.entries(PARAMETER_FEATURES)) expect((d.get(label) ?? 0) / total, label).toBeGreaterThanOrEqual(least);
    for (const label of ['healthy', 'partial', 'full', 'bankrupt', 'at-trigger-boundary', 'tier-crossed', 'dust-close']) expect(d.get(label) ?? 0, label).toBeGreaterThan(0);
    expect([...d.keys()].filter((l) => l === 'invalid' || l.startsWith('error:'))).toEqual([]);
    expect(Math.max(...samples.map((s) => s.account.positions.length))).toBe(RUN_MARKET_IDS.length);
  });

  it('keeps a share of the cases on the built-in profile', () => {
    const builtIn = samples.filter((s) => s.params === defaultParams).length / total;
    expect(builtIn).toBeGreaterThan(0.15);
    expect(builtIn).toBeLessThan(0.35);
  });

  it('ties are exact: two positions of the cross group share one notional at mark', () => {
    const tied = fc.sample(scenario({ params: fc.constant(defaultParams), positions: { min: 2, max: 2 }, margin: 'cross', ties: true }), { numRuns: 300, seed: 7 });
    const equal = tied.filter((s) => {
      const p = parseScenario(s);
      if (!p.ok) return false;
      const [a, b] = p.value.positions.map((q) => q.size.abs().mul(p.value.marks.get(q.market)!));
      return a!.eq(b!);
    });
    // Half the draws ask for a tie; a few markets have no mark on the common notional.
    expect(equal.length / tied.length).toBeGreaterThan(0.3);
  });
});

describe('the built-in profile alone (the old default)', () => {
  it('reaches none of those features: the reason the default run varies the parameters', () => {
    const d = labelDistribution(fc.sample(scenario({ params: fc.constant(defaultParams) }), { numRuns: 500, seed: 42 }));
    const reached = Object.keys(PARAMETER_FEATURES).filter((l) => l !== 'notional-tie' && (d.get(l) ?? 0) > 0);
    expect(reached).toEqual([]);
  });
});

describe('scenario(): the new knobs leave existing draws unchanged', () => {
  it('draws the same scenarios with ties and inexactRatios off as with them absent', () => {
    const plain = fc.sample(scenario(), { numRuns: 50, seed: 3 });
    const off = fc.sample(scenario({ ties: false, inexactRatios: false }), { numRuns: 50, seed: 3 });
    expect(off).toEqual(plain);
  });
});
