import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { CATALOG } from '../invariants/catalog.ts';
import type { Answer } from '../invariants/invariant.ts';
import { liquidate } from '../model/liquidate.ts';
import { REFERENCE_POLICY } from '../policy/policy.ts';
import { judgedBy, promisesOf } from '../policy/promises.ts';
import type { Scenario } from '../model/types.ts';
import { invariantsFor, relationsDue } from './relationBudget.ts';
import { runCatalog, type CatalogReport, type EngineUnderTest } from './runCatalog.ts';

const reference: EngineUnderTest = { name: 'reference', policy: 'minimal-close', run: async (s) => liquidate(s) };
const scenarios = scenario();
/** What the runner judges on the reference: the invariants its policy promises enough for (spec §10.7). */
const JUDGED = judgedBy(CATALOG, promisesOf(REFERENCE_POLICY)).judged;
const RELATIONS = JUDGED.filter((i) => i.kind === 'relation').map((i) => i.id);
const OUTPUTS = JUDGED.filter((i) => i.kind === 'output').map((i) => i.id);
const tally = (r: CatalogReport, id: string) => r.tallies.find((t) => t.id === id)!;

/** LIQ-012 (determinism) is in the domain of every case: it shows the budget alone. */
const ALWAYS = 'LIQ-012';

describe('relationsDue / invariantsFor', () => {
  it('judges relations on the multiples of every, output invariants on all cases', () => {
    expect([0, 1, 2, 3, 4, 5, 8].map((i) => relationsDue(i, 4))).toEqual([true, false, false, false, true, false, true]);
    expect([0, 1, 7].every((i) => relationsDue(i, 1))).toBe(true);
    expect(invariantsFor(JUDGED, 8, 4)).toBe(JUDGED);
    expect(invariantsFor(JUDGED, 9, 4).map((i) => i.id)).toEqual(OUTPUTS);
  });
});

describe('runCatalog under a relation budget', () => {
  it('judges relations on every k-th generated case, output invariants on all, and says so', async () => {
    const r = await runCatalog({ engine: reference, scenarios, runs: 40, seed: 3, relationsEvery: 4 });
    expect(r.relationsEvery).toBe(4);
    expect(r.cases).toBe(40);
    // Cases 0, 4, …, 36: ten of forty; the other thirty are counted as skipped and off budget.
    expect(tally(r, ALWAYS)).toMatchObject({ checked: 10, skipped: 30, offBudget: 30 });
    for (const id of RELATIONS) {
      const t = tally(r, id);
      expect(t.checked + t.skipped, id).toBe(40);
      expect(t.offBudget, id).toBe(30);
      expect(t.checked, id).toBeLessThanOrEqual(10);
    }
    for (const id of OUTPUTS) expect(tally(r, id).checked + tally(r, id).skipped, id).toBe(40);
    expect(tally(r, 'LIQ-001').offBudget).toBeUndefined();
  });

  it('judges relations on every case with relationsEvery 1, and runs the engine fewer times under a budget', async () => {
    let calls = 0;
    const counting: EngineUnderTest = { ...reference, run: async (s) => (calls++, liquidate(s)) };
    const all = await runCatalog({ engine: counting, scenarios, runs: 40, seed: 3, relationsEvery: 1 });
    const fullCalls = calls;
    calls = 0;
    await runCatalog({ engine: counting, scenarios, runs: 40, seed: 3, relationsEvery: 4 });
    expect(tally(all, ALWAYS)).toMatchObject({ checked: 40, skipped: 0 });
    expect(tally(all, ALWAYS).offBudget).toBeUndefined();
    // LIQ-012 and LIQ-013 are in the domain of every case and each re-runs the engine at least
    // once: the thirty cases off budget save at least sixty runs.
    expect(tally(all, 'LIQ-013')).toMatchObject({ checked: 40, skipped: 0 });
    expect(fullCalls - calls).toBeGreaterThanOrEqual(30 * 2);
  });

  it('chooses the cases by generation index, so shards together judge what one run judges', async () => {
    const judged = async (shard: { index: number; count: number }) => {
      const r = await runCatalog({ engine: reference, scenarios, runs: 30, seed: 11, relationsEvery: 3, shard });
      return tally(r, ALWAYS).checked;
    };
    const whole = await judged({ index: 0, count: 1 });
    const parts = (await Promise.all([0, 1].map((index) => judged({ index, count: 2 })))).reduce((a, b) => a + b, 0);
    expect(whole).toBe(10);
    expect(parts).toBe(whole);
  });

  it('gives saved failures being replayed the full catalog', async () => {
    const saved = fc.sample(scenarios, { seed: 99, numRuns: 3 }).map((s, i) => ({ scenario: s, origin: `saved-${i}` }));
    const r = await runCatalog({ engine: reference, scenarios, runs: 1, seed: 1, relationsEvery: 1000, replay: saved });
    // Three replayed cases, all judged, and the one generated case (index 0, always due).
    expect(tally(r, ALWAYS)).toMatchObject({ checked: 4, skipped: 0 });
  });

  it('refuses a budget that is not a whole number ≥ 1', async () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      await expect(runCatalog({ engine: reference, scenarios, runs: 1, seed: 1, relationsEvery: bad })).rejects.toThrow(/relationsEvery: expected a whole number ≥ 1/);
    }
  });
});

describe('runCatalog hands classify the answer the case already has', () => {
  it('passes the engine answer for the scenario itself, once per case', async () => {
    const seen: [Scenario, Answer][] = [];
    await runCatalog({ engine: reference, scenarios, runs: 12, seed: 2, classify: (s, a) => (seen.push([s, a]), []) });
    expect(seen).toHaveLength(12);
    for (const [s, a] of seen) expect(a).toEqual(liquidate(s));
  });
});
