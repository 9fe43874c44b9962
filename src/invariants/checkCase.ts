import { parseResult } from '../model/parseResult.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { Engine, Outcome, Scenario } from '../model/types.ts';
import { CATALOG, WELL_FORMED } from './catalog.ts';
import type { Case, DerivedRun, Invariant, Violation } from './invariant.ts';

export interface CaseReport {
  /** what the engine answered for the scenario itself */
  readonly outcome: Outcome | { readonly ok: false; readonly error: { readonly code: 'engine-threw'; readonly message: string } };
  readonly violations: readonly Violation[];
  /** ids of the invariants that were judged (in domain) for this case */
  readonly checked: readonly string[];
}

export interface CheckOptions {
  readonly invariants?: readonly Invariant[];
  /** when given, milliseconds spent per invariant id are added to it */
  readonly timings?: Map<string, number>;
}

function run(engine: Engine, scenario: Scenario): Outcome | { ok: false; error: { code: 'engine-threw'; message: string } } {
  try {
    return engine(scenario);
  } catch (e) {
    return { ok: false, error: { code: 'engine-threw', message: e instanceof Error ? e.message : String(e) } };
  }
}

function describeError(o: { ok: false; error: { code: string } & Record<string, unknown> }): string {
  const e = o.error;
  if (e.code === 'invalid-input' && Array.isArray(e['issues'])) {
    const first = (e['issues'] as { path: string; expected: string }[])[0];
    return `invalid-input${first ? ` (${first.path}: ${first.expected})` : ''}`;
  }
  return typeof e['message'] === 'string' ? `${e.code}: ${e['message']}` : e.code;
}

/**
 * Runs the catalog on one valid scenario against an engine.
 *
 * @throws Error when the scenario itself is invalid: that is the caller's mistake, not the engine's.
 */
export function checkCase(engine: Engine, scenario: Scenario, options: CheckOptions = {}): CaseReport {
  const input = parseScenario(scenario);
  if (!input.ok) {
    throw new Error(`checkCase needs a valid scenario: ${input.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ')}`);
  }
  const outcome = run(engine, scenario);
  if (!outcome.ok) {
    return { outcome, checked: [WELL_FORMED.id], violations: [{ invariant: WELL_FORMED.id, message: `the engine answered a valid scenario with ${describeError(outcome as never)}` }] };
  }
  const output = parseResult(outcome.result);
  if (!output.ok) {
    const what = output.issues.slice(0, 3).map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ');
    return { outcome, checked: [WELL_FORMED.id], violations: [{ invariant: WELL_FORMED.id, message: `malformed result: ${what}` }] };
  }
  const c: Case = { scenario, input: input.value, result: outcome.result, output: output.value };
  const violations: Violation[] = [];
  const checked: string[] = [WELL_FORMED.id];
  const { timings } = options;
  for (const inv of options.invariants ?? CATALOG) {
    const t0 = timings ? performance.now() : 0;
    try {
      if (inv.kind === 'output') {
        checked.push(inv.id);
        for (const message of inv.check(c)) violations.push({ invariant: inv.id, message });
        continue;
      }
      const derived = inv.derive(c);
      if (derived.length === 0) continue;
      checked.push(inv.id);
      const runs: DerivedRun[] = derived.map((d) => ({ scenario: d, outcome: run(engine, d) as Outcome }));
      for (const message of inv.compare(c, runs)) violations.push({ invariant: inv.id, message });
    } catch (e) {
      // An answer so broken that the check cannot evaluate it is still the engine's violation.
      violations.push({ invariant: inv.id, message: `could not evaluate the result: ${e instanceof Error ? e.message : String(e)}` });
    }
    if (timings) timings.set(inv.id, (timings.get(inv.id) ?? 0) + performance.now() - t0);
  }
  return { outcome, violations, checked };
}
