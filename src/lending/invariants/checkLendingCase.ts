/**
 * Runs the lending catalog on one scenario against an engine (spec §11): the lending counterpart
 * of src/invariants/checkCase.ts, simpler — wire scenarios only; synchronous engines, and through
 * {@link checkLendingCaseAsync} asynchronous ones (the gate's adapters).
 *
 * An engine that throws gives no answer: that is an engine failure, reported as such and never
 * counted as a violation of an invariant. An engine that answers a valid scenario with an error,
 * or with a result that cannot be read, violates LND-000 and nothing else is judged.
 * @see docs/spec.md#11-lending-health-factor
 */
import type { Violation } from '../../invariants/invariant.ts';
import type { LendingScenario } from '../../wire/lending.ts';
import { LENDING_CATALOG, LENDING_WELL_FORMED } from './catalog.ts';
import type { LendingAnswer, LendingCase, LendingEngine, LendingInvariant } from './invariant.ts';
import { viewOf } from './lendingView.ts';

export interface LendingCaseReport {
  /** what the engine answered for the scenario itself */
  readonly outcome: LendingAnswer;
  readonly violations: readonly Violation[];
  /** ids judged on this case (their domain may still have been empty for it) */
  readonly checked: readonly string[];
  /** set when the engine threw, on the scenario or on one derived from it */
  readonly engineFailure?: string;
}

export interface LendingCheckOptions {
  /** default: {@link LENDING_CATALOG} */
  readonly invariants?: readonly LendingInvariant[];
}

function run(engine: LendingEngine, sc: LendingScenario): LendingAnswer {
  try {
    return engine(sc);
  } catch (e) {
    return { ok: false, error: { code: 'engine-threw', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** What an engine that may answer later is: a module, a subprocess, an HTTP service (src/lending/gate/). */
export type AsyncLendingEngine = (scenario: LendingScenario) => Promise<LendingAnswer>;

/** Judges `engine` on the valid `scenario`; throws only when the scenario itself is invalid. */
export function checkLendingCase(engine: LendingEngine, scenario: LendingScenario, options: LendingCheckOptions = {}): LendingCaseReport {
  const steps = judge(scenario, options);
  let next = steps.next();
  while (!next.done) next = steps.next(run(engine, next.value));
  return next.value;
}

/** {@link checkLendingCase} for an engine that answers asynchronously; the same judgement, step for step. */
export async function checkLendingCaseAsync(engine: AsyncLendingEngine, scenario: LendingScenario, options: LendingCheckOptions = {}): Promise<LendingCaseReport> {
  const steps = judge(scenario, options);
  let next = steps.next();
  while (!next.done) next = steps.next(await runAsync(engine, next.value));
  return next.value;
}

async function runAsync(engine: AsyncLendingEngine, sc: LendingScenario): Promise<LendingAnswer> {
  try {
    return await engine(sc);
  } catch (e) {
    return { ok: false, error: { code: 'engine-threw', message: e instanceof Error ? e.message : String(e) } };
  }
}

/**
 * The judgement itself, written once for both drivers: it yields each scenario the engine must
 * answer (the case's own, then the relations' derived ones) and is resumed with the answer.
 */
function* judge(scenario: LendingScenario, options: LendingCheckOptions): Generator<LendingScenario, LendingCaseReport, LendingAnswer> {
  const outcome = yield scenario;
  if (!outcome.ok) {
    if (outcome.error.code === 'engine-threw') return { outcome, violations: [], checked: [], engineFailure: outcome.error.message };
    const e = outcome.error as { code: string; issues?: readonly { path: string; expected: string }[] };
    const first = e.issues?.[0];
    const message = `the engine answered a valid scenario with ${e.code}${first ? ` (${first.path}: ${first.expected})` : ''}`;
    return { outcome, violations: [{ invariant: LENDING_WELL_FORMED.id, message }], checked: [LENDING_WELL_FORMED.id] };
  }
  const view = viewOf(scenario, outcome.result);
  if (!view.ok) return { outcome, violations: [{ invariant: LENDING_WELL_FORMED.id, message: view.message }], checked: [LENDING_WELL_FORMED.id] };
  const c: LendingCase = { scenario, result: outcome.result, view: view.value };
  const kind = view.value.input.rules.kind;
  const violations: Violation[] = [];
  const checked: string[] = [LENDING_WELL_FORMED.id];
  for (const inv of options.invariants ?? LENDING_CATALOG) {
    if (!inv.presumes.includes(kind)) continue;
    checked.push(inv.id);
    if (inv.kind === 'output') {
      for (const message of inv.check(c)) violations.push({ invariant: inv.id, message });
      continue;
    }
    const runs: LendingAnswer[] = [];
    for (const d of inv.derive(c)) {
      const answer = yield d;
      if (!answer.ok && answer.error.code === 'engine-threw') return { outcome, violations, checked, engineFailure: answer.error.message };
      runs.push(answer);
    }
    if (runs.length > 0) for (const message of inv.compare(c, runs)) violations.push({ invariant: inv.id, message });
  }
  return { outcome, violations, checked };
}
