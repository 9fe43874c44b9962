/**
 * Runs the lending catalog (spec §11) on generated lending scenarios against an engine: the lending
 * counterpart of src/runner/runCatalog.ts, smaller — one engine call at a time, no shards, no saved
 * failures.
 *
 * Two passes, both fast-check `asyncProperty` runs on the same seed: the first judges every case
 * and tallies, per invariant, the cases judged and the cases violated (never stopping at the first
 * violation, so the table counts them all); then, for each violated invariant, a second run starts
 * at the first violating case (`path`) and lets fast-check shrink it to a small counterexample.
 * @see docs/spec.md#11-lending-health-factor
 */
import fc from 'fast-check';
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
}

export interface LendingCounterexample {
  readonly scenario: LendingScenario;
  readonly message: string;
  /** whether fast-check shrank it (false: the first violating case, as found) */
  readonly shrunk: boolean;
}

export interface LendingTally {
  readonly id: string;
  readonly title: string;
  /** generated cases it was judged on */
  readonly checked: number;
  /** cases it was violated on */
  readonly violations: number;
  readonly counterexample?: LendingCounterexample;
}

export interface LendingRunReport {
  readonly seed: number;
  readonly runs: number;
  /** cases judged (an engine failure's case included) */
  readonly cases: number;
  readonly tallies: readonly LendingTally[];
  /** ids selected but not judged under this rule kind, with the kinds they presume */
  readonly notJudged: readonly { readonly id: string; readonly presumes: readonly string[] }[];
  readonly engineFailures: { readonly count: number; readonly examples: readonly { readonly message: string; readonly scenario: LendingScenario }[] };
  /** how many cases carried each label (src/lending/arbitraries/lendingScenarioLabels.ts) */
  readonly labels: Readonly<Record<string, number>>;
  readonly ok: boolean;
}

const EXAMPLES = 3;

export async function runLendingCatalog(o: LendingRunOptions): Promise<LendingRunReport> {
  const judged = o.invariants.filter((i) => i.presumes.includes(o.kind));
  const entries = [{ id: LENDING_WELL_FORMED.id, title: LENDING_WELL_FORMED.title }, ...judged.map((i) => ({ id: i.id, title: i.title }))];
  const checked = new Map(entries.map((e) => [e.id, 0]));
  const violated = new Map(entries.map((e) => [e.id, 0]));
  const firstAt = new Map<string, { index: number; scenario: LendingScenario; message: string }>();
  const labels = new Map<string, number>();
  const failures: { message: string; scenario: LendingScenario }[] = [];
  let failureCount = 0;
  let cases = 0;

  await fc.check(
    fc.asyncProperty(o.scenarios, async (scenario) => {
      const index = cases++;
      const r = await checkLendingCaseAsync(o.engine, scenario, { invariants: judged });
      for (const l of lendingScenarioLabels(scenario)) labels.set(l, (labels.get(l) ?? 0) + 1);
      if (r.engineFailure !== undefined) {
        failureCount++;
        if (failures.length < EXAMPLES) failures.push({ message: r.engineFailure, scenario });
      }
      for (const id of r.checked) checked.set(id, (checked.get(id) ?? 0) + 1);
      for (const id of new Set(r.violations.map((v) => v.invariant))) {
        violated.set(id, (violated.get(id) ?? 0) + 1);
        if (!firstAt.has(id)) firstAt.set(id, { index, scenario, message: messagesOf(r, id) });
      }
      return true;
    }),
    { seed: o.seed, numRuns: o.runs },
  );

  const tallies: LendingTally[] = [];
  for (const e of entries) {
    const first = firstAt.get(e.id);
    const counterexample = first === undefined ? undefined : await shrink(o, judged, e.id, first);
    tallies.push({ id: e.id, title: e.title, checked: checked.get(e.id) ?? 0, violations: violated.get(e.id) ?? 0, ...(counterexample ? { counterexample } : {}) });
  }
  const notJudged = o.invariants.filter((i) => !i.presumes.includes(o.kind)).map((i) => ({ id: i.id, presumes: i.presumes }));
  return {
    seed: o.seed,
    runs: o.runs,
    cases,
    tallies,
    notJudged,
    engineFailures: { count: failureCount, examples: failures },
    labels: Object.fromEntries([...labels].sort(([a], [b]) => a.localeCompare(b))),
    ok: failureCount === 0 && tallies.every((t) => t.violations === 0),
  };
}

function messagesOf(r: LendingCaseReport, id: string): string {
  return r.violations.filter((v) => v.invariant === id).map((v) => v.message).join('\n');
}

/**
 * The first violating case of `id`, shrunk: the same seed replayed from that case's index, the
 * property failing exactly when `id` is violated. An engine failure during shrinking counts as
 * "not this violation", so a shrunk case is always one the engine answered. When the violation
 * does not recur (an engine that is not deterministic), the case is kept as found.
 */
async function shrink(o: LendingRunOptions, judged: readonly LendingInvariant[], id: string, first: { index: number; scenario: LendingScenario; message: string }): Promise<LendingCounterexample> {
  const only = judged.filter((i) => i.id === id);
  let last: { scenario: LendingScenario; message: string } | undefined;
  const details = await fc.check(
    fc.asyncProperty(o.scenarios, async (scenario) => {
      const r = await checkLendingCaseAsync(o.engine, scenario, { invariants: only });
      if (r.engineFailure !== undefined || !r.violations.some((v) => v.invariant === id)) return true;
      last = { scenario, message: messagesOf(r, id) };
      return false;
    }),
    { seed: o.seed, numRuns: o.runs, path: String(first.index) },
  );
  if (details.failed && last !== undefined) return { ...last, shrunk: true };
  return { scenario: first.scenario, message: first.message, shrunk: false };
}
