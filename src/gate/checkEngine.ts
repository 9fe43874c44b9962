/**
 * The gate as a library call, for a team's own vitest suite:
 *
 * ```ts
 * const report = await checkEngine(myLiquidate, { runs: 500, seed: 1 });
 * expect(report.ok, formatViolations(report)).toBe(true);
 * ```
 */
import fc from 'fast-check';
import { defaultParams } from '../arbitraries/defaultParams.ts';
import { scenario } from '../arbitraries/scenario.ts';
import { CATALOG } from '../invariants/catalog.ts';
import type { AsyncEngine } from '../invariants/checkCase.ts';
import type { Invariant } from '../invariants/invariant.ts';
import type { Engine, RiskParams, Scenario } from '../model/types.ts';
import { runCatalog, type CatalogReport } from '../runner/runCatalog.ts';
import { agreesWithReference } from './agreesWithReference.ts';
import { EXACT, type Tolerance } from './diffResults.ts';

export interface CheckEngineOptions {
  /** risk parameters of the generated scenarios (default: the built-in profile) */
  readonly params?: RiskParams;
  /** or a scenario generator of your own */
  readonly scenarios?: fc.Arbitrary<Scenario>;
  readonly runs?: number;
  readonly seed?: number;
  readonly invariants?: readonly Invariant[];
  /** the policy the engine implements; `minimal-close` (default) also compares with the reference */
  readonly policy?: string;
  readonly name?: string;
  readonly tolerance?: Tolerance;
  /** compare with the reference when the policy is minimal-close (default true) */
  readonly compareWithReference?: boolean;
}

/** Runs the catalog (and, for minimal-close engines, REF-001) against an in-process engine. */
export async function checkEngine(engine: Engine | AsyncEngine, o: CheckEngineOptions = {}): Promise<CatalogReport> {
  const policy = o.policy ?? 'minimal-close';
  const base = o.invariants ?? CATALOG;
  const invariants = policy === 'minimal-close' && (o.compareWithReference ?? true) ? [...base, agreesWithReference(o.tolerance ?? EXACT)] : base;
  return runCatalog({
    engine: { name: o.name ?? (engine.name || 'engine'), policy, run: async (s) => engine(s) },
    scenarios: o.scenarios ?? scenario({ params: fc.constant(o.params ?? defaultParams) }),
    runs: o.runs ?? 200,
    seed: o.seed ?? 20261125,
    invariants,
  });
}

/** Every violated invariant with its shrunk counterexample, for an assertion message. */
export function formatViolations(r: CatalogReport): string {
  return r.tallies
    .filter((t) => t.violations > 0)
    .map((t) => `${t.id} ${t.title}: ${t.violations} case(s)\n  ${t.counterexample?.message.replace(/\n/g, '\n  ') ?? ''}\n  scenario: ${JSON.stringify(t.counterexample?.scenario)}`)
    .join('\n\n');
}
