/**
 * Runs the invariant catalog over generated scenarios against one engine and tallies the result
 * per invariant; violated invariants are then re-run as fast-check properties so that the
 * counterexample reported is shrunk.
 */
import fc from 'fast-check';
import { CATALOG, WELL_FORMED } from '../invariants/catalog.ts';
import { checkCase } from '../invariants/checkCase.ts';
import type { Invariant } from '../invariants/invariant.ts';
import type { Engine, Scenario } from '../model/types.ts';

export interface InvariantTally {
  readonly id: string;
  readonly title: string;
  /** cases in the invariant's domain */
  checked: number;
  /** cases outside it (relation invariants only) */
  skipped: number;
  violations: number;
  ms: number;
  /** the shrunk counterexample and its first message, when violated */
  counterexample?: { readonly scenario: Scenario; readonly message: string };
}

export interface CatalogReport {
  readonly seed: number;
  readonly runs: number;
  readonly tallies: readonly InvariantTally[];
  /** ms for the whole run */
  readonly ms: number;
  readonly ok: boolean;
  /** how many generated cases carried each label (when a classifier was given) */
  readonly labels: Readonly<Record<string, number>>;
}

export interface RunOptions {
  readonly engine: Engine;
  readonly scenarios: fc.Arbitrary<Scenario>;
  readonly runs: number;
  readonly seed: number;
  readonly invariants?: readonly Invariant[];
  /** called after each case, e.g. for a progress line */
  readonly onCase?: (done: number) => void;
  /** labels a case for the distribution report (healthy, partial, tier-crossed, …) */
  readonly classify?: (s: Scenario) => readonly string[];
}

export function runCatalog(o: RunOptions): CatalogReport {
  const invariants = o.invariants ?? CATALOG;
  const t0 = performance.now();
  const tallies = new Map<string, InvariantTally>();
  for (const e of [WELL_FORMED, ...invariants]) {
    tallies.set(e.id, { id: e.id, title: e.title, checked: 0, skipped: 0, violations: 0, ms: 0 });
  }
  const timings = new Map<string, number>();
  const labels: Record<string, number> = {};
  const samples = fc.sample(o.scenarios, { seed: o.seed, numRuns: o.runs });
  samples.forEach((scenario, i) => {
    const report = checkCase(o.engine, scenario, { invariants, timings });
    const checked = new Set(report.checked);
    const violated = new Set(report.violations.map((v) => v.invariant));
    for (const t of tallies.values()) {
      if (checked.has(t.id)) t.checked++;
      else if (t.id !== WELL_FORMED.id && checked.size > 1) t.skipped++;
      if (violated.has(t.id)) t.violations++;
    }
    for (const l of o.classify?.(scenario) ?? []) labels[l] = (labels[l] ?? 0) + 1;
    o.onCase?.(i + 1);
  });
  for (const [id, ms] of timings) tallies.get(id)!.ms = ms;
  for (const t of tallies.values()) {
    const cx = t.violations > 0 ? shrink(o, invariants, t.id) : undefined;
    if (cx !== undefined) t.counterexample = cx;
  }
  const list = [...tallies.values()];
  return { seed: o.seed, runs: o.runs, tallies: list, ms: performance.now() - t0, ok: list.every((t) => t.violations === 0), labels };
}

/** Re-runs one invariant as a property to get a shrunk counterexample. */
function shrink(o: RunOptions, invariants: readonly Invariant[], id: string): InvariantTally['counterexample'] {
  const only = id === WELL_FORMED.id ? [] : invariants.filter((i) => i.id === id);
  const failing = (s: Scenario) => checkCase(o.engine, s, { invariants: only }).violations.find((v) => v.invariant === id);
  const details = fc.check(
    fc.property(o.scenarios, (s) => failing(s) === undefined),
    { seed: o.seed, numRuns: o.runs },
  );
  const scenario = details.counterexample?.[0];
  if (scenario === undefined) return undefined;
  return { scenario, message: failing(scenario)?.message ?? '(the shrunk case no longer fails)' };
}
