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
import type { Static } from 'typebox';
import { CERTIFICATE_CHECK } from '../certificate/checkCertificate.ts';
import { CATALOG, WELL_FORMED } from '../invariants/catalog.ts';
import type { CaseInput } from '../invariants/caseInput.ts';
import { checkCaseAsync, type AsyncEngine, type CheckOptions, type EngineFailureAnswer } from '../invariants/checkCase.ts';
import type { Answer, Invariant } from '../invariants/invariant.ts';
import type { RunParsed } from '../model/parsedEngine.ts';
import type { Scenario } from '../model/types.ts';
import type { CheckReport as CatalogReport, Counterexample as CounterexampleSchema, EngineFailure, InvariantTally as InvariantTallySchema } from '../wire/checkReport.ts';
import type { FPolicy } from '../policy/policy.ts';
import { judgedBy, promisesOf, type NotJudged } from '../policy/promises.ts';
import { resolvePolicy } from '../policy/resolvePolicy.ts';
import { assertRelationsEvery, DEFAULT_RELATIONS_EVERY, invariantsFor } from './relationBudget.ts';

export const CHUNK = 1000;

/** The seed of chunk `k` of a run seeded `seed`. */
export function chunkSeed(seed: number, k: number): number {
  return (seed + Math.imul(k, 0x9e3779b1)) | 0;
}

/** An engine as the runner sees it. */
export interface EngineUnderTest {
  readonly name: string;
  readonly version?: string;
  /** the name of the policy its handshake claims (for reports) */
  readonly policy: string;
  /**
   * That policy resolved (src/policy/resolvePolicy.ts): parsed, or null when the reference does
   * not know it. Undefined: resolved from the name. Only the invariants whose presumptions the
   * policy promises are judged (spec §10.7).
   */
  readonly declared?: FPolicy | null;
  /** features it supports; scenarios needing others are skipped and counted (undefined: all) */
  readonly features?: readonly string[];
  readonly run: AsyncEngine;
  /**
   * The engine's parsed entry point, for an in-process engine that can take parsed scenarios
   * (src/model/parsedEngine.ts; the reference's): used for every scenario known in parsed form,
   * `run` for the rest.
   */
  readonly runParsed?: RunParsed;
  /**
   * Why the adapter stopped trying the engine (it failed too often), or null while it still tries.
   * Once set, every answer is an immediate crash: the run stops, and nothing is shrunk against it.
   */
  readonly gaveUp?: () => string | null;
  /**
   * Cases judged at once (default 1). Out-of-process engines pipeline requests, so several cases
   * in flight hide the round trips; per-invariant times then overlap.
   */
  readonly concurrency?: number;
  /**
   * It listed the protocol feature `certificate`: each result's certificate is verified against
   * that result (CERT-001, spec §14), beside the catalog.
   */
  readonly certificates?: boolean;
}

/**
 * One invariant's tally. The case loop fills it in place, so the runner's type is the check-report
 * schema's static type without `readonly` (src/wire/checkReport.ts); a finished report is readonly.
 */
export type InvariantTally = Static<typeof InvariantTallySchema>;
/** A shrunk counterexample; `file` is filled in once it is saved, hence mutable like the tally. */
export type Counterexample = Static<typeof CounterexampleSchema>;
export type { CatalogReport, EngineFailure };

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
  /**
   * Labels a case for the distribution report (healthy, partial, tier-crossed, …), given the
   * engine's answer for it so that a trusted engine's answer need not be computed again.
   */
  readonly classify?: (s: Scenario, answer: Answer) => readonly string[];
  /**
   * Relation invariants are judged on the generated cases whose index (before sharding) is a
   * multiple of this; default {@link DEFAULT_RELATIONS_EVERY}, `1` judges them on every case.
   * Replayed failures always get the full catalog.
   */
  readonly relationsEvery?: number;
  /** longest time spent shrinking one counterexample */
  readonly shrinkMs?: number;
  /**
   * Stops the run: no new case starts, cases in flight finish (every adapter has a deadline),
   * nothing is shrunk, and the report is marked with the abort reason (`'SIGINT'`/`'SIGTERM'`).
   */
  readonly signal?: AbortSignal;
  /**
   * Called as soon as a counterexample is known — when an invariant is first violated (or by a
   * case earlier in generation order), unshrunk, and again once it is shrunk — so that it can be
   * saved before anything else can go wrong. May set `file`.
   */
  readonly onCounterexample?: (id: string, cx: Counterexample, stage: 'found' | 'shrunk') => void;
}

/** The invariants judged on the engine, and those its declared policy does not promise enough for. */
export function applicable(o: Pick<RunOptions, 'engine' | 'invariants'>): { readonly judged: readonly Invariant[]; readonly notJudged: readonly NotJudged[] } {
  const declared = o.engine.declared !== undefined ? o.engine.declared : resolvedName(o.engine.policy);
  return judgedBy(o.invariants ?? CATALOG, promisesOf(declared));
}

function resolvedName(name: string): FPolicy | null {
  const r = resolvePolicy(name);
  return r.ok ? r.policy : null;
}

export async function runCatalog(options: RunOptions): Promise<CatalogReport> {
  // Every answer passes through here, derived runs included, so engine failures are never lost
  // (an engine function that throws, or an adapter that rejects, gave no answer either).
  const failures: EngineFailure[] = [];
  let failureCount = 0;
  const o = options;
  const onEngineFailure = (input: CaseInput, a: EngineFailureAnswer): void => {
    failureCount++;
    if (failures.length < 3) failures.push({ code: a.error.code, message: 'message' in a.error ? String(a.error.message) : '', scenario: input.scenario });
  };
  const checkOptions = {
    onEngineFailure,
    ...(o.engine.runParsed !== undefined ? { runParsed: o.engine.runParsed } : {}),
    ...(o.engine.certificates === true ? { certificates: true } : {}),
  };
  const { judged: invariants, notJudged } = applicable(o);
  const every = o.relationsEvery ?? DEFAULT_RELATIONS_EVERY;
  assertRelationsEvery(every);
  const relationIds = new Set(invariants.filter((i) => i.kind === 'relation').map((i) => i.id));
  const shard = o.shard ?? { index: 0, count: 1 };
  const t0 = performance.now();
  const tallies = new Map<string, InvariantTally>();
  for (const e of [WELL_FORMED, ...(o.engine.certificates === true ? [CERTIFICATE_CHECK] : []), ...invariants]) tallies.set(e.id, { id: e.id, title: e.title, checked: 0, skipped: 0, violations: 0, ms: 0 });
  const timings = new Map<string, number>();
  const labels: Record<string, number> = {};
  // The earliest case (in generation order) that violated each invariant, whatever finished first.
  const first = new Map<string, { readonly order: number; readonly cx: Counterexample }>();
  let cases = 0;
  let unsupported = 0;
  const total = Math.ceil(o.runs / shard.count);

  // `index`: the generated case's place in the run (before sharding), null for a replayed one.
  const judge = async (scenario: Scenario, address: { seed: number; path: string } | null, order: number, index: number | null) => {
    const missing = o.requiredFeatures?.(scenario).filter((f) => o.engine.features !== undefined && !o.engine.features.includes(f)) ?? [];
    if (missing.length > 0) return void unsupported++;
    const due = index === null ? invariants : invariantsFor(invariants, index, every);
    const report = await checkCaseAsync(o.engine.run, scenario, { ...checkOptions, invariants: due, timings });
    if (abandoned) return;
    cases++;
    const checked = new Set(report.checked);
    const offBudget = due !== invariants && checked.size > 1;
    for (const t of tallies.values()) {
      if (checked.has(t.id)) t.checked++;
      else if (t.id !== WELL_FORMED.id && checked.size > 1) {
        t.skipped++;
        if (offBudget && relationIds.has(t.id)) t.offBudget = (t.offBudget ?? 0) + 1;
      }
    }
    // A tally counts cases (checkReport.ts): an invariant may report several violations in one case.
    const counted = new Set<string>();
    for (const v of report.violations) {
      const t = tallies.get(v.invariant);
      if (t === undefined) continue;
      if (!counted.has(v.invariant)) t.violations++;
      counted.add(v.invariant);
      const known = first.get(v.invariant);
      if (known === undefined || order < known.order) {
        const cx: Counterexample = { scenario, message: v.message, seed: address?.seed ?? o.seed, path: address?.path ?? '' };
        first.set(v.invariant, { order, cx });
        o.onCounterexample?.(v.invariant, cx, 'found');
      }
    }
    for (const l of o.classify?.(scenario, report.outcome) ?? []) labels[l] = (labels[l] ?? 0) + 1;
    o.onCase?.(cases + unsupported, total);
  };

  const window = Math.max(1, o.engine.concurrency ?? 1);
  let abandoned = false;
  const stopped = new Promise<void>((resolve) => {
    if (o.signal?.aborted) resolve();
    o.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const inFlight = new Set<Promise<void>>();
  const submit = async (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (inFlight.size >= window) await Promise.race([...inFlight, stopped]);
  };
  // Why no further case may start: an interrupt, or an engine the adapter no longer tries.
  const halted = (): boolean => o.signal?.aborted === true || (o.engine.gaveUp?.() ?? null) !== null;
  let order = 0;
  feed: {
    for (const r of o.replay ?? []) {
      if (halted()) break feed;
      await submit(judge(r.scenario, null, order++, null));
    }
    for (let k = 0; k * CHUNK < o.runs; k++) {
      const seed = chunkSeed(o.seed, k);
      const batch = fc.sample(o.scenarios, { seed, numRuns: Math.min(CHUNK, o.runs - k * CHUNK) });
      for (let i = 0; i < batch.length; i++) {
        if ((k * CHUNK + i) % shard.count !== shard.index) continue;
        if (halted()) break feed;
        await submit(judge(batch[i]!, { seed, path: String(i) }, order++, k * CHUNK + i));
      }
    }
  }
  await Promise.race([Promise.all(inFlight), stopped]);
  // After an interrupt the cases still in flight are not waited for (a hung engine could hold
  // them for its whole deadline, several times over): what they would have found is not known.
  abandoned = o.signal?.aborted === true;
  for (const [id, ms] of timings) {
    const t = tallies.get(id);
    if (t) t.ms = ms;
  }
  for (const [id, { cx }] of first) {
    const t = tallies.get(id)!;
    t.counterexample = cx;
    // Shrinking needs an engine that still answers, and time the user did not take back.
    if (halted()) continue;
    const shrunk = await shrink(o, checkOptions, invariants, id, cx, halted);
    if (shrunk === cx) continue;
    t.counterexample = shrunk;
    o.onCounterexample?.(id, shrunk, 'shrunk');
  }
  const list = [...tallies.values()];
  const interrupted = o.signal?.aborted ? (o.signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT') : undefined;
  const gaveUp = o.engine.gaveUp?.() ?? null;
  const ran = cases + unsupported;
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
    ok: list.every((t) => t.violations === 0) && failureCount === 0 && interrupted === undefined,
    labels,
    relationsEvery: every,
    ...(notJudged.length > 0 ? { notJudged: notJudged.map((n) => ({ id: n.id, missing: [...n.missing] })) } : {}),
    engineFailures: { count: failureCount, examples: failures },
    ...(interrupted ? { interrupted } : {}),
    ...(gaveUp !== null && ran < total + (o.replay?.length ?? 0) ? { stoppedEarly: `after ${ran} case(s): the adapter stopped trying the engine (${gaveUp})` } : {}),
  };
}

/** Shrinks a generated counterexample through the engine, starting from its replay address. */
async function shrink(
  o: RunOptions,
  checkOptions: CheckOptions,
  invariants: readonly Invariant[],
  id: string,
  found: Counterexample,
  halted: () => boolean,
): Promise<Counterexample> {
  const only = invariants.filter((i) => i.id === id);
  // A candidate the engine did not answer (crash, timeout) is not a smaller counterexample: the
  // case report carries no violation for it, so the shrinker moves on.
  const failing = async (s: Scenario) => (await checkCaseAsync(o.engine.run, s, { ...checkOptions, invariants: only })).violations.find((v) => v.invariant === id);
  if (found.path === '') return found; // a replayed failure: already minimal
  const details = await fc.check(
    // Once halted, every candidate passes at once: the shrinker keeps the smallest found so far.
    fc.asyncProperty(o.scenarios, async (s) => halted() || (await failing(s)) === undefined),
    { seed: found.seed, path: found.path, numRuns: CHUNK, interruptAfterTimeLimit: o.shrinkMs ?? 30_000 },
  );
  const scenario = details.counterexample?.[0];
  if (!details.failed || scenario === undefined) return found;
  const again = halted() ? undefined : await failing(scenario);
  // Not reproduced (the engine stopped answering meanwhile): keep what was seen, not a guess.
  if (again === undefined) return found;
  return { scenario, message: again.message, seed: found.seed, path: details.counterexamplePath ?? found.path };
}

/** The report of a run whose engine could not be started: nothing ran, and it is no pass. */
export function unstartedReport(
  engine: { readonly name: string; readonly policy: string },
  run: { readonly seed: number; readonly runs: number; readonly shard: { readonly index: number; readonly count: number } },
  startError: string,
): CatalogReport {
  return {
    engine,
    ...run,
    cases: 0,
    unsupported: 0,
    replayed: 0,
    tallies: [],
    ms: 0,
    ok: false,
    labels: {},
    engineFailures: { count: 0, examples: [] },
    startError,
  };
}
