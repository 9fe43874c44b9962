/**
 * Runs the invariant catalog over generated scenarios against one engine — the reference, a zoo
 * engine, or an external engine behind an adapter — and tallies the result per invariant.
 *
 * Cases are generated in chunks of {@link CHUNK} from per-chunk seeds, so memory stays flat however
 * many cases run, every case has an address `(chunk seed, index)` that fast-check can replay, and
 * `--shard i/n` partitions cases deterministically. Violated invariants are re-run as async
 * fast-check properties from that address so the counterexample reported is shrunk *through the
 * engine*.
 */
import fc from 'fast-check';
import { CATALOG, WELL_FORMED } from '../invariants/catalog.ts';
import { checkCaseAsync, type AsyncEngine } from '../invariants/checkCase.ts';
import type { Invariant } from '../invariants/invariant.ts';
import type { Scenario } from '../model/types.ts';

export const CHUNK = 1000;

/** The seed of chunk `k` of a run seeded `seed`. */
export function chunkSeed(seed: number, k: number): number {
  return (seed + Math.imul(k, 0x9e3779b1)) | 0;
}

/** An engine as the runner sees it. */
export interface EngineUnderTest {
  readonly name: string;
  readonly version?: string;
  /** the policy its handshake claims; invariants for another policy are not judged */
  readonly policy: string;
  /** features it supports; scenarios needing others are skipped and counted (undefined: all) */
  readonly features?: readonly string[];
  readonly run: AsyncEngine;
  /**
   * Cases judged at once (default 1). Out-of-process engines pipeline requests, so several cases
   * in flight hide the round trips; per-invariant times then overlap.
   */
  readonly concurrency?: number;
}

export interface InvariantTally {
  readonly id: string;
  readonly title: string;
  /** cases in the invariant's domain */
  checked: number;
  /** cases outside it */
  skipped: number;
  violations: number;
  ms: number;
  /** the shrunk counterexample, its first message and where it can be replayed from */
  counterexample?: Counterexample;
}

export interface Counterexample {
  readonly scenario: Scenario;
  readonly message: string;
  readonly seed: number;
  readonly path: string;
  /** the fixture file it was saved as, when a failures directory was given */
  file?: string;
}

/** An answer that is no answer: the engine crashed, hung or broke the protocol. */
export interface EngineFailure {
  readonly code: string;
  readonly message: string;
  readonly scenario: Scenario;
}

const ENGINE_FAILURES = new Set(['engine-threw', 'crash', 'timeout', 'protocol-error']);

export interface CatalogReport {
  readonly engine: { readonly name: string; readonly version?: string; readonly policy: string };
  readonly seed: number;
  readonly runs: number;
  readonly shard: { readonly index: number; readonly count: number };
  /** cases this shard judged */
  readonly cases: number;
  /** cases skipped because the engine lacks a feature they need */
  readonly unsupported: number;
  /** saved failures replayed before the generated cases */
  readonly replayed: number;
  readonly tallies: readonly InvariantTally[];
  readonly ms: number;
  readonly ok: boolean;
  readonly labels: Readonly<Record<string, number>>;
  /** how often the engine crashed, hung or broke the protocol, with the first few inputs that did it */
  readonly engineFailures: { readonly count: number; readonly examples: readonly EngineFailure[] };
}

export interface RunOptions {
  readonly engine: EngineUnderTest;
  readonly scenarios: fc.Arbitrary<Scenario>;
  readonly runs: number;
  readonly seed: number;
  readonly invariants?: readonly Invariant[];
  readonly shard?: { readonly index: number; readonly count: number };
  /** scenarios to judge before the generated ones (saved failures), with their origin */
  readonly replay?: readonly { readonly scenario: Scenario; readonly origin: string }[];
  readonly requiredFeatures?: (s: Scenario) => readonly string[];
  /** called after each case, e.g. for a progress line */
  readonly onCase?: (done: number, total: number) => void;
  /** labels a case for the distribution report (healthy, partial, tier-crossed, …) */
  readonly classify?: (s: Scenario) => readonly string[];
  /** longest time spent shrinking one counterexample */
  readonly shrinkMs?: number;
}

function applicable(o: RunOptions): readonly Invariant[] {
  return (o.invariants ?? CATALOG).filter((i) => i.policy === 'any' || i.policy === o.engine.policy);
}

export async function runCatalog(options: RunOptions): Promise<CatalogReport> {
  // Every answer passes through here, derived runs included, so engine failures are never lost.
  const failures: EngineFailure[] = [];
  let failureCount = 0;
  const o: RunOptions = {
    ...options,
    engine: {
      ...options.engine,
      run: async (s) => {
        const a = await options.engine.run(s);
        if (!a.ok && ENGINE_FAILURES.has(a.error.code)) {
          failureCount++;
          if (failures.length < 3) failures.push({ code: a.error.code, message: 'message' in a.error ? String(a.error.message) : '', scenario: s });
        }
        return a;
      },
    },
  };
  const invariants = applicable(o);
  const shard = o.shard ?? { index: 0, count: 1 };
  const t0 = performance.now();
  const tallies = new Map<string, InvariantTally>();
  for (const e of [WELL_FORMED, ...invariants]) tallies.set(e.id, { id: e.id, title: e.title, checked: 0, skipped: 0, violations: 0, ms: 0 });
  const timings = new Map<string, number>();
  const labels: Record<string, number> = {};
  // The earliest case (in generation order) that violated each invariant, whatever finished first.
  const first = new Map<string, { order: number; scenario: Scenario; message: string; seed: number; path: string }>();
  let cases = 0;
  let unsupported = 0;
  const total = Math.ceil(o.runs / shard.count);

  const judge = async (scenario: Scenario, address: { seed: number; path: string } | null, order: number) => {
    const missing = o.requiredFeatures?.(scenario).filter((f) => o.engine.features !== undefined && !o.engine.features.includes(f)) ?? [];
    if (missing.length > 0) return void unsupported++;
    const report = await checkCaseAsync(o.engine.run, scenario, { invariants, timings });
    cases++;
    const checked = new Set(report.checked);
    for (const t of tallies.values()) {
      if (checked.has(t.id)) t.checked++;
      else if (t.id !== WELL_FORMED.id && checked.size > 1) t.skipped++;
    }
    for (const v of report.violations) {
      const t = tallies.get(v.invariant);
      if (t === undefined) continue;
      t.violations++;
      const known = first.get(v.invariant);
      if (known === undefined || order < known.order) {
        first.set(v.invariant, { order, scenario, message: v.message, seed: address?.seed ?? o.seed, path: address?.path ?? '' });
      }
    }
    for (const l of o.classify?.(scenario) ?? []) labels[l] = (labels[l] ?? 0) + 1;
    o.onCase?.(cases + unsupported, total);
  };

  const window = Math.max(1, o.engine.concurrency ?? 1);
  const inFlight = new Set<Promise<void>>();
  const submit = async (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (inFlight.size >= window) await Promise.race(inFlight);
  };
  let order = 0;
  for (const r of o.replay ?? []) await submit(judge(r.scenario, null, order++));
  for (let k = 0; k * CHUNK < o.runs; k++) {
    const seed = chunkSeed(o.seed, k);
    const batch = fc.sample(o.scenarios, { seed, numRuns: Math.min(CHUNK, o.runs - k * CHUNK) });
    for (let i = 0; i < batch.length; i++) {
      if ((k * CHUNK + i) % shard.count !== shard.index) continue;
      await submit(judge(batch[i]!, { seed, path: String(i) }, order++));
    }
  }
  await Promise.all(inFlight);
  for (const [id, ms] of timings) {
    const t = tallies.get(id);
    if (t) t.ms = ms;
  }
  for (const [id, { order: _, ...f }] of first) {
    tallies.get(id)!.counterexample = await shrink(o, invariants, id, f);
  }
  const list = [...tallies.values()];
  return {
    engine: { name: o.engine.name, ...(o.engine.version ? { version: o.engine.version } : {}), policy: o.engine.policy },
    seed: o.seed,
    runs: o.runs,
    shard,
    cases,
    unsupported,
    replayed: o.replay?.length ?? 0,
    tallies: list,
    ms: performance.now() - t0,
    ok: list.every((t) => t.violations === 0) && failureCount === 0,
    labels,
    engineFailures: { count: failureCount, examples: failures },
  };
}

/** Shrinks a generated counterexample through the engine, starting from its replay address. */
async function shrink(
  o: RunOptions,
  invariants: readonly Invariant[],
  id: string,
  found: { scenario: Scenario; message: string; seed: number; path: string },
): Promise<Counterexample> {
  const only = invariants.filter((i) => i.id === id);
  const failing = async (s: Scenario) => (await checkCaseAsync(o.engine.run, s, { invariants: only })).violations.find((v) => v.invariant === id);
  if (found.path === '') return { ...found }; // a replayed failure: already minimal
  const details = await fc.check(
    fc.asyncProperty(o.scenarios, async (s) => (await failing(s)) === undefined),
    { seed: found.seed, path: found.path, numRuns: CHUNK, interruptAfterTimeLimit: o.shrinkMs ?? 30_000 },
  );
  const scenario = details.counterexample?.[0];
  if (!details.failed || scenario === undefined) return { ...found };
  const message = (await failing(scenario))?.message ?? found.message;
  return { scenario, message, seed: found.seed, path: details.counterexamplePath ?? found.path };
}
