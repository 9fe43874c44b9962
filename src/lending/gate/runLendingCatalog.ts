/**
 * Runs the lending catalog (spec §11) on generated lending scenarios against an engine: the lending
 * counterpart of src/runner/runCatalog.ts, without shards or relation budgets.
 *
 * Cases are drawn as the perp runner draws them — chunks of {@link CHUNK} from per-chunk seeds
 * ({@link chunkSeed}) — so every case has a replay address `(chunk seed, index)`. Up to
 * `concurrency` cases are judged at once (an out-of-process engine pipelines its requests), and
 * nothing in the report depends on the order the answers arrive in: tallies are counts, and the
 * counterexample of an invariant, like the engine-failure examples, is the earliest case in
 * generation order, whichever answered first. Saved failures (`replay`) are judged first. Each
 * violated invariant's earliest case is then shrunk through the engine from its address.
 *
 * A signal stops the run: no new case starts, the cases in flight are not waited for, nothing is
 * shrunk, and the report says which signal (`interrupted`).
 * @see docs/spec.md#11-lending-health-factor
 * @see docs/profiles/README.md#lending-profiles
 */
import fc from 'fast-check';
import { CHUNK, chunkSeed } from '../../runner/runCatalog.ts';
import type { LendingScenario } from '../../wire/lending.ts';
import { lendingScenarioLabels } from '../arbitraries/lendingScenarioLabels.ts';
import { LENDING_WELL_FORMED } from '../invariants/catalog.ts';
import { checkLendingCaseAsync, type AsyncLendingEngine, type LendingCaseReport } from '../invariants/checkLendingCase.ts';
import type { LendingInvariant, LendingRuleKind } from '../invariants/invariant.ts';

export interface LendingRunOptions {
  readonly engine: AsyncLendingEngine;
  readonly scenarios: fc.Arbitrary<LendingScenario>;
  readonly runs: number;
  readonly seed: number;
  /** the catalog entries to judge (LND-000 always is) */
  readonly invariants: readonly LendingInvariant[];
  /** the market's rule kind: the entries that do not presume it are listed as not judged */
  readonly kind: LendingRuleKind;
  /** cases judged at once (default 1): the engine's requests in flight */
  readonly concurrency?: number;
  /** scenarios judged before the generated ones (saved failures), with the file they came from */
  readonly replay?: readonly { readonly scenario: LendingScenario; readonly origin: string }[];
  /** see the file comment; its `reason` is `'SIGINT'` or `'SIGTERM'` */
  readonly signal?: AbortSignal;
  /** why the adapter stopped trying the engine, or null while it still tries */
  readonly gaveUp?: () => string | null;
  /** called after each case, e.g. for a progress line */
  readonly onCase?: (done: number, total: number) => void;
  /**
   * Called as soon as a counterexample is known — when an invariant is first violated (or by a
   * case earlier in generation order), unshrunk, and again once it is shrunk — so that it can be
   * saved before anything else can go wrong. Returns the file it was saved in, if any.
   */
  readonly onCounterexample?: (id: string, cx: LendingCounterexample, stage: 'found' | 'shrunk') => string | undefined;
  /** longest time spent shrinking one counterexample (default 30 s) */
  readonly shrinkMs?: number;
}

export interface LendingCounterexample {
  readonly scenario: LendingScenario;
  readonly message: string;
  /** whether fast-check shrank it (false: the case as found, or a replayed failure) */
  readonly shrunk: boolean;
  /** its replay address: the chunk's seed and the case's index in it; absent for a replayed failure */
  readonly seed?: number;
  readonly path?: string;
  /** where it was saved (`--failures DIR`) */
  readonly file?: string;
}

export interface LendingTally {
  readonly id: string;
  readonly title: string;
  /** cases it was judged on */
  readonly checked: number;
  /** cases it was violated on */
  readonly violations: number;
  readonly counterexample?: LendingCounterexample;
}

export interface LendingRunReport {
  readonly seed: number;
  readonly runs: number;
  /** cases run (an engine failure's case included), replayed ones included */
  readonly cases: number;
  /** cases the engine answered, so that the catalog judged them; 0 is never a pass */
  readonly judged: number;
  /** saved failures replayed first */
  readonly replayed: number;
  /** cases judged at once */
  readonly concurrency: number;
  readonly tallies: readonly LendingTally[];
  /** ids selected but not judged under this rule kind, with the kinds they presume */
  readonly notJudged: readonly { readonly id: string; readonly presumes: readonly string[] }[];
  readonly engineFailures: { readonly count: number; readonly examples: readonly { readonly message: string; readonly scenario: LendingScenario }[] };
  /** how many cases carried each label (src/lending/arbitraries/lendingScenarioLabels.ts) */
  readonly labels: Readonly<Record<string, number>>;
  /** the signal that stopped the run */
  readonly interrupted?: 'SIGINT' | 'SIGTERM';
  /** the adapter stopped trying the engine before the run ended */
  readonly stoppedEarly?: string;
  readonly ok: boolean;
}

const EXAMPLES = 3;

interface Found {
  readonly order: number;
  readonly cx: LendingCounterexample;
}

export async function runLendingCatalog(o: LendingRunOptions): Promise<LendingRunReport> {
  const judgedIds = o.invariants.filter((i) => i.presumes.includes(o.kind));
  const entries = [{ id: LENDING_WELL_FORMED.id, title: LENDING_WELL_FORMED.title }, ...judgedIds.map((i) => ({ id: i.id, title: i.title }))];
  const checked = new Map(entries.map((e) => [e.id, 0]));
  const violated = new Map(entries.map((e) => [e.id, 0]));
  const first = new Map<string, Found>();
  const labels = new Map<string, number>();
  const failures: { order: number; message: string; scenario: LendingScenario }[] = [];
  let failureCount = 0;
  let cases = 0;
  let judged = 0;
  const replay = o.replay ?? [];
  const total = replay.length + o.runs;
  let abandoned = false;

  const judge = async (scenario: LendingScenario, address: { seed: number; path: string } | null, order: number): Promise<void> => {
    const r = await checkLendingCaseAsync(o.engine, scenario, { invariants: judgedIds });
    // After an interrupt, a case still in flight is not counted: the summary is of what finished.
    if (abandoned) return;
    cases++;
    for (const l of lendingScenarioLabels(scenario)) labels.set(l, (labels.get(l) ?? 0) + 1);
    if (r.engineFailure !== undefined) {
      failureCount++;
      failures.push({ order, message: r.engineFailure, scenario });
      failures.sort((a, b) => a.order - b.order).splice(EXAMPLES);
    } else judged++;
    for (const id of r.checked) checked.set(id, (checked.get(id) ?? 0) + 1);
    for (const id of new Set(r.violations.map((v) => v.invariant))) {
      violated.set(id, (violated.get(id) ?? 0) + 1);
      const known = first.get(id);
      if (known === undefined || order < known.order) {
        const cx: LendingCounterexample = { scenario, message: messagesOf(r, id), shrunk: false, ...(address ?? {}) };
        const file = o.onCounterexample?.(id, cx, 'found');
        first.set(id, { order, cx: file === undefined ? cx : { ...cx, file } });
      }
    }
    o.onCase?.(cases, total);
  };

  const window = Math.max(1, o.concurrency ?? 1);
  const stopped = new Promise<void>((resolve) => {
    if (o.signal?.aborted) resolve();
    o.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const inFlight = new Set<Promise<void>>();
  const submit = async (p: Promise<void>): Promise<void> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (inFlight.size >= window) await Promise.race([...inFlight, stopped]);
  };
  const halted = (): boolean => o.signal?.aborted === true || (o.gaveUp?.() ?? null) !== null;
  let order = 0;
  feed: {
    for (const r of replay) {
      if (halted()) break feed;
      await submit(judge(r.scenario, null, order++));
    }
    for (let k = 0; k * CHUNK < o.runs; k++) {
      const seed = chunkSeed(o.seed, k);
      const batch = fc.sample(o.scenarios, { seed, numRuns: Math.min(CHUNK, o.runs - k * CHUNK) });
      for (let i = 0; i < batch.length; i++) {
        if (halted()) break feed;
        await submit(judge(batch[i]!, { seed, path: String(i) }, order++));
      }
    }
  }
  await Promise.race([Promise.all(inFlight), stopped]);
  // A hung engine could hold the cases in flight for its whole deadline: after an interrupt they
  // are not waited for, and what they would have found is not known.
  abandoned = o.signal?.aborted === true;

  const tallies: LendingTally[] = [];
  for (const e of entries) {
    const found = first.get(e.id);
    let counterexample = found?.cx;
    if (counterexample !== undefined && !halted()) {
      const shrunk = await shrink(o, judgedIds, e.id, counterexample, halted);
      if (shrunk !== counterexample) {
        const file = o.onCounterexample?.(e.id, shrunk, 'shrunk');
        counterexample = file === undefined ? shrunk : { ...shrunk, file };
      }
    }
    tallies.push({ id: e.id, title: e.title, checked: checked.get(e.id) ?? 0, violations: violated.get(e.id) ?? 0, ...(counterexample ? { counterexample } : {}) });
  }
  const notJudged = o.invariants.filter((i) => !i.presumes.includes(o.kind)).map((i) => ({ id: i.id, presumes: i.presumes }));
  const interrupted = o.signal?.aborted ? (o.signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT') : undefined;
  const gaveUp = o.gaveUp?.() ?? null;
  return {
    seed: o.seed,
    runs: o.runs,
    cases,
    judged,
    replayed: replay.length,
    concurrency: window,
    tallies,
    notJudged,
    engineFailures: { count: failureCount, examples: failures.map(({ message, scenario }) => ({ message, scenario })) },
    labels: Object.fromEntries([...labels].sort(([a], [b]) => a.localeCompare(b))),
    ...(interrupted ? { interrupted } : {}),
    ...(gaveUp !== null && cases < total ? { stoppedEarly: `after ${cases} case(s): the adapter stopped trying the engine (${gaveUp})` } : {}),
    ok: failureCount === 0 && judged > 0 && interrupted === undefined && tallies.every((t) => t.violations === 0),
  };
}

function messagesOf(r: LendingCaseReport, id: string): string {
  return r.violations.filter((v) => v.invariant === id).map((v) => v.message).join('\n');
}

/**
 * The earliest violating case of `id`, shrunk: its chunk replayed from the case's index, the
 * property failing exactly when `id` is violated. An engine failure during shrinking counts as
 * "not this violation", so a shrunk case is always one the engine answered. When the violation
 * does not recur (an engine that is not deterministic), the case is kept as found; a replayed
 * failure has no address and is kept as saved.
 */
async function shrink(o: LendingRunOptions, judged: readonly LendingInvariant[], id: string, found: LendingCounterexample, halted: () => boolean): Promise<LendingCounterexample> {
  if (found.seed === undefined || found.path === undefined) return found;
  const only = judged.filter((i) => i.id === id);
  const failing = async (s: LendingScenario): Promise<string | undefined> => {
    const r = await checkLendingCaseAsync(o.engine, s, { invariants: only });
    return r.engineFailure === undefined && r.violations.some((v) => v.invariant === id) ? messagesOf(r, id) : undefined;
  };
  const details = await fc.check(
    // Once halted, every candidate passes at once: the shrinker keeps the smallest found so far.
    fc.asyncProperty(o.scenarios, async (s) => halted() || (await failing(s)) === undefined),
    { seed: found.seed, path: found.path, numRuns: CHUNK, interruptAfterTimeLimit: o.shrinkMs ?? 30_000 },
  );
  const scenario = details.counterexample?.[0];
  if (!details.failed || scenario === undefined || halted()) return found;
  const message = await failing(scenario);
  if (message === undefined) return found;
  return { scenario, message, shrunk: true, seed: found.seed, path: details.counterexamplePath ?? found.path };
}
