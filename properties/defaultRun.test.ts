/**
 * The default run reaches every part of an engine (issue 8 §4).
 *
 * The engines of the zoo that declare `needs` have bugs that sit only where a run under the
 * built-in profile never goes (price impact, the inclusive trigger, other quote scales, lots and
 * shares, three positions or more, exact ties, negative ratios that do not terminate). Each must
 * pass 1,000 scenarios of the fixed profile — the old default — and every engine of the zoo must
 * be caught within the 1,000 scenarios that `liqcheck check` (no flags) generates, on three seeds
 * out of three. The scenario sequence is the runner's own: its first chunk is `fc.sample` of the
 * source at the run seed (src/runner/runCatalog.ts), and so is the relation budget: relation
 * invariants are judged only on the cases the default `--relations-every` picks
 * (src/runner/relationBudget.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';
import { defaultRunScenarios } from '../src/arbitraries/defaultRun.ts';
import { scenario } from '../src/arbitraries/scenario.ts';
import { checkEngine } from '../src/gate/checkEngine.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';
import { CATALOG } from '../src/invariants/catalog.ts';
import { DEFAULT_RELATIONS_EVERY, invariantsFor } from '../src/runner/relationBudget.ts';
import { chunkSeed } from '../src/runner/runCatalog.ts';
import { ZOO } from '../src/zoo/index.ts';
import { impactSignFlipped } from '../src/zoo/impactSignFlipped.ts';

/** `liqcheck check`'s default run count, and the seeds every engine must be caught on. */
const RUNS = 1000;
const SEEDS = [1, 2, 3] as const;

/** The cases a run of `RUNS` at `seed` judges, in order. */
const casesOf = (source: fc.Arbitrary<Scenario>, seed: number): readonly Scenario[] => fc.sample(source, { seed: chunkSeed(seed, 0), numRuns: RUNS });

const fixedProfile = scenario({ params: fc.constant(defaultParams) });
/** The cases of the default run per seed, shared by the blocks below. */
const defaultCases = new Map(SEEDS.map((s) => [s, casesOf(defaultRunScenarios(), s)]));
const needy = ZOO.filter((z) => z.needs !== undefined);

describe('the old default (the built-in profile alone) misses these bugs', () => {
  const runs = new Map(SEEDS.map((s) => [s, casesOf(fixedProfile, s)]));
  for (const z of needy) {
    it(`${z.name} (needs ${z.needs}) passes ${RUNS} fixed-profile scenarios on seeds ${SEEDS.join(', ')}`, () => {
      for (const seed of SEEDS) {
        const caught = runs.get(seed)!.findIndex((sc) => checkCase(z.engine, sc).violations.length > 0);
        expect(caught, `${z.name} was caught by the fixed profile at case ${caught} of seed ${seed}: it does not need what it says`).toBe(-1);
      }
    }, 30_000);
  }
});

describe(`the default run catches every zoo engine within ${RUNS} scenarios, on seeds ${SEEDS.join(', ')}`, () => {
  const runs = defaultCases;
  /** per seed, the most scenarios any engine needed */
  const worst = new Map<number, { name: string; n: number }>();
  for (const z of ZOO) {
    it(z.name, () => {
      for (const seed of SEEDS) {
        const cases = runs.get(seed)!;
        const i = cases.findIndex((sc, k) => checkCase(z.engine, sc, { invariants: invariantsFor(CATALOG, k, DEFAULT_RELATIONS_EVERY) }).violations.length > 0);
        expect(i, `${z.name} (${z.bug}) passed all ${RUNS} default-run scenarios of seed ${seed}`).toBeGreaterThanOrEqual(0);
        // A detection is the engine's bug, never a weakness of the check.
        expect(checkCase(liquidate, cases[i]!).violations, `the reference fails case ${i} of seed ${seed}`).toEqual([]);
        const n = i + 1;
        if ((worst.get(seed)?.n ?? 0) < n) worst.set(seed, { name: z.name, n });
      }
    });
  }
  it('reports the worst engine per seed', () => {
    expect([...worst.keys()].sort()).toEqual([...SEEDS]);
    console.log(`[defaultRun] most scenarios needed: ${SEEDS.map((s) => `seed ${s}: ${worst.get(s)!.n} (${worst.get(s)!.name})`).join(', ')}`);
  });
});

describe(`under the default relation budget (every ${DEFAULT_RELATIONS_EVERY}th case) each relation still catches its zoo engines within ${RUNS} scenarios`, () => {
  const runs = defaultCases;
  const relations = CATALOG.filter((i) => i.kind === 'relation');
  for (const z of ZOO) {
    for (const inv of relations.filter((i) => z.violates.includes(i.id))) {
      it(`${z.name} violates ${inv.id}`, () => {
        for (const seed of SEEDS) {
          const cases = runs.get(seed)!;
          // Output invariants may catch the engine first; this is about the relation's own reach.
          const i = cases.findIndex((sc, k) => invariantsFor([inv], k, DEFAULT_RELATIONS_EVERY).length > 0 && checkCase(z.engine, sc, { invariants: [inv] }).violations.length > 0);
          expect(i, `${z.name} showed no ${inv.id} violation on the budgeted cases of ${RUNS} default-run scenarios of seed ${seed}`).toBeGreaterThanOrEqual(0);
          expect(checkCase(liquidate, cases[i]!, { invariants: [inv] }).violations, `the reference fails ${inv.id} on case ${i} of seed ${seed}`).toEqual([]);
        }
      });
    }
  }
});

describe('checkEngine uses the same default as liqcheck check', () => {
  it('catches a bug the built-in profile cannot show when no params are given, and params still pin', async () => {
    const pinned = await checkEngine(impactSignFlipped, { params: defaultParams, runs: 100, seed: 1 });
    expect(pinned.ok).toBe(true);
    const byDefault = await checkEngine(impactSignFlipped, { runs: 100, seed: 1 });
    expect(byDefault.tallies.find((t) => t.id === 'LIQ-024')?.violations).toBeGreaterThan(0);
  });
});
