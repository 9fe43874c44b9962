/**
 * The measurement behind the relation budget (src/runner/relationBudget.ts), not a test.
 *
 * For each budget `every` (relations judged on every `every`-th generated case), on the default
 * run's case sequence of seeds 1–3 (the runner's own chunks): the detection cost — scenarios
 * until the first case on which an engine violates an invariant while the reference does not —
 * of the worst zoo engine, counting any invariant, and counting only the relation invariant each
 * zoo engine claims to violate (so the relations keep catching what only they are there for,
 * even where an output invariant catches the engine first); and the engine runs per case the
 * reference costs under that budget.
 *
 * Run: `npx tsx bench/relationBudget.ts [every,every,…] [max scenarios]` (default 1,2,3,4,5,6,8,10
 * and 3000). Takes a few minutes: every engine is judged case by case until it is caught.
 */
import fc from 'fast-check';
import { defaultRunScenarios } from '../src/arbitraries/defaultRun.ts';
import { CATALOG } from '../src/invariants/catalog.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Engine, Scenario } from '../src/model/types.ts';
import { CHUNK, chunkSeed } from '../src/runner/runCatalog.ts';
import { invariantsFor, relationsDue } from '../src/runner/relationBudget.ts';
import { ZOO } from '../src/zoo/index.ts';

const BUDGETS = (process.argv[2] ?? '1,2,3,4,5,6,8,10').split(',').map(Number);
const MAX = Number(process.argv[3] ?? 3000);
const SEEDS = [1, 2, 3];

/** The generated cases of a run of `MAX` at `seed`, in order (src/runner/runCatalog.ts). */
function casesOf(seed: number): readonly Scenario[] {
  const out: Scenario[] = [];
  for (let k = 0; k * CHUNK < MAX; k++) out.push(...fc.sample(defaultRunScenarios(), { seed: chunkSeed(seed, k), numRuns: Math.min(CHUNK, MAX - k * CHUNK) }));
  return out;
}

const runs = new Map(SEEDS.map((s) => [s, casesOf(s)]));
/** Whether the reference is clean on a case under the full catalog (computed once per case). */
const clean = new Map<Scenario, boolean>();
const referenceClean = (sc: Scenario): boolean => {
  let c = clean.get(sc);
  if (c === undefined) clean.set(sc, (c = checkCase(liquidate, sc).violations.length === 0));
  return c;
};

/** Indices (up to MAX) of the cases on which `engine` violates one of `ids` and the reference does not. */
function hits(engine: Engine, cases: readonly Scenario[], ids: readonly string[], firstOnly: boolean): number[] {
  const invariants = CATALOG.filter((i) => ids.includes(i.id));
  const found: number[] = [];
  for (let i = 0; i < cases.length; i++) {
    const vs = checkCase(engine, cases[i]!, { invariants }).violations;
    if (vs.length > 0 && referenceClean(cases[i]!)) {
      found.push(i);
      if (firstOnly) break;
    }
  }
  return found;
}

/** Scenarios until the first hit the budget judges (relation hits only on due cases), or null. */
function detection(outputHit: number | null, relationHits: readonly number[], every: number): number | null {
  const r = relationHits.find((i) => relationsDue(i, every));
  const first = Math.min(outputHit ?? Infinity, r ?? Infinity);
  return first === Infinity ? null : first + 1;
}

/**
 * Engine runs per case the reference costs under the budget, and cases per second of the reference
 * under the catalog (median of 3 passes, scenarios drawn beforehand), over the first 1,000 cases
 * of seed 1.
 */
function costPerCase(every: number): string {
  let calls = 0;
  const counted: Engine = (s) => (calls++, liquidate(s));
  const cases = runs.get(1)!.slice(0, 1000);
  const rates: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    calls = 0;
    const t0 = performance.now();
    cases.forEach((sc, i) => checkCase(counted, sc, { invariants: invariantsFor(CATALOG, i, every) }));
    rates.push((1000 * cases.length) / (performance.now() - t0));
  }
  const rate = rates.sort((a, b) => a - b)[1]!;
  return `${(calls / cases.length).toFixed(2)} engine runs/case, ${Math.round(rate).toLocaleString('en-US')} cases/s`;
}

const OUTPUT_IDS = CATALOG.filter((i) => i.kind === 'output').map((i) => i.id);
const RELATION_IDS = CATALOG.filter((i) => i.kind === 'relation').map((i) => i.id);

console.log(`relation budget — default run, seeds ${SEEDS.join(', ')}, up to ${MAX} scenarios\n`);
/** Per engine and seed: the first output-invariant hit and every relation hit before it (or all). */
const anyHits = new Map<string, { out: number | null; rel: number[] }>();
/** Per engine, claimed relation id and seed: every hit of that id alone. */
const ownHits = new Map<string, number[]>();
for (const z of ZOO) {
  for (const seed of SEEDS) {
    const cases = runs.get(seed)!;
    const out = hits(z.engine, cases, OUTPUT_IDS, true)[0] ?? null;
    const rel = hits(z.engine, out === null ? cases : cases.slice(0, out), RELATION_IDS, false);
    anyHits.set(`${z.name}@${seed}`, { out, rel });
    for (const id of z.violates.filter((v) => RELATION_IDS.includes(v))) ownHits.set(`${z.name}/${id}@${seed}`, hits(z.engine, cases, [id], false));
  }
}
for (const every of BUDGETS) {
  let worst = { key: '', n: 0 };
  const missed: string[] = [];
  for (const [key, h] of anyHits) {
    const n = detection(h.out, h.rel, every);
    if (n === null) missed.push(key);
    else if (n > worst.n) worst = { key, n };
  }
  let worstOwn = { key: '', n: 0 };
  const ownMissed: string[] = [];
  const ownPast1000: string[] = [];
  for (const [key, h] of ownHits) {
    const n = detection(null, h, every);
    if (n === null) ownMissed.push(key);
    else {
      if (n > worstOwn.n) worstOwn = { key, n };
      if (n > 1000) ownPast1000.push(`${key} (${n})`);
    }
  }
  console.log(
    `every ${String(every).padStart(3)}: ${costPerCase(every)}; caught by any invariant: worst ${worst.n} (${worst.key})${missed.length ? `, NOT caught: ${missed.join(', ')}` : ''}; ` +
      `caught by its own relation: worst ${worstOwn.n} (${worstOwn.key})${ownPast1000.length ? `, past 1000: ${ownPast1000.join(', ')}` : ''}${ownMissed.length ? `, NOT in ${MAX}: ${ownMissed.join(', ')}` : ''}`,
  );
}
