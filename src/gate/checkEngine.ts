/**
 * The gate as a library call, for a team's own vitest suite:
 *
 * ```ts
 * const report = await checkEngine(myLiquidate, { runs: 500, seed: 1 });
 * expect(report.ok, formatViolations(report)).toBe(true);
 * ```
 */
import fc from 'fast-check';
import { defaultRunScenarios } from '../arbitraries/defaultRun.ts';
import { scenario } from '../arbitraries/scenario.ts';
import { CATALOG } from '../invariants/catalog.ts';
import type { AsyncEngine } from '../invariants/checkCase.ts';
import type { Invariant } from '../invariants/invariant.ts';
import { runParsedOf, type RunParsed } from '../model/parsedEngine.ts';
import type { Engine, RiskParams, Scenario } from '../model/types.ts';
import { runCatalog, type CatalogReport } from '../runner/runCatalog.ts';
import { REFERENCE_POLICY_NAME } from '../policy/policy.ts';
import type { Policy } from '../wire/policy.ts';
import { agreesWithReference } from './agreesWithReference.ts';
import { declarationOf, scenariosFor, valued } from './declarationOf.ts';
import { EXACT, type Tolerance } from './diffResults.ts';

export interface CheckEngineOptions {
  /**
   * Pins the risk parameters of the generated scenarios. Default: the same source as
   * `liqcheck check` — a venue profile's params when `policy` names one, else the built-in profile
   * and generated parameter sets ({@link defaultRunScenarios}).
   */
  readonly params?: RiskParams;
  /** or a scenario generator of your own (wins over `params`) */
  readonly scenarios?: fc.Arbitrary<Scenario>;
  readonly runs?: number;
  readonly seed?: number;
  readonly invariants?: readonly Invariant[];
  /**
   * The policy the engine implements (spec §10): a name (a venue profile's too), or a policy object. Default
   * `minimal-close`. The engine is judged by the invariants it promises enough for (spec §10.7),
   * gets it in every generated scenario, and — when the reference can run it — is compared with
   * the reference under the same policy (REF-001). A name the reference does not know gets the
   * invariants that presume nothing.
   */
  readonly policy?: string | Policy;
  readonly name?: string;
  readonly tolerance?: Tolerance;
  /** compare with the reference when it can run the policy (default true) */
  readonly compareWithReference?: boolean;
  /** relation invariants on every k-th generated case (default as `liqcheck check`; 1: every case) */
  readonly relationsEvery?: number;
}

/**
 * Runs the catalog (and, for a policy the reference can run, REF-001) against an in-process engine.
 *
 * @throws Error when `policy` is an object the reference cannot parse (its issues, with paths)
 */
export async function checkEngine(engine: Engine | AsyncEngine, o: CheckEngineOptions = {}): Promise<CatalogReport> {
  const d = declarationOf(o.policy ?? REFERENCE_POLICY_NAME);
  if (!d.ok) throw new Error(`checkEngine: bad policy: ${d.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ')}`);
  const declaration = d.value;
  const base = o.invariants ?? CATALOG;
  // REF-001 presumes `runnable`: the runner leaves it out (and says so) for a policy the reference cannot run.
  const invariants = o.compareWithReference ?? true ? [...base, agreesWithReference(o.tolerance ?? EXACT)] : base;
  return runCatalog({
    engine: { name: o.name ?? (engine.name || 'engine'), policy: declaration.name, declared: declaration.policy, run: async (s) => engine(s), ...parsedEntry(engine) },
    // A profile's params are the run's, as in `liqcheck check --profile` (an explicit `params` wins).
    scenarios: scenariosFor(declaration, o.scenarios ?? ((params) => (params === undefined ? defaultRunScenarios() : scenario({ params: fc.constant(params), ...valued(declaration) })))(o.params ?? declaration.params)),
    runs: o.runs ?? 200,
    seed: o.seed ?? 20261125,
    invariants,
    ...(o.relationsEvery !== undefined ? { relationsEvery: o.relationsEvery } : {}),
  });
}

/** An engine function's parsed entry point, if it has one (the reference does: src/model/parsedEngine.ts). */
function parsedEntry(engine: Engine | AsyncEngine): { readonly runParsed?: RunParsed } {
  const runParsed = runParsedOf(engine);
  return runParsed === undefined ? {} : { runParsed };
}

/**
 * Everything that makes the report red, for an assertion message: each violated invariant with
 * its shrunk counterexample, then the requests the engine did not answer (it threw, crashed or
 * timed out), and an interrupted or early-stopped run.
 */
export function formatViolations(r: CatalogReport): string {
  const violated = r.tallies
    .filter((t) => t.violations > 0)
    .map((t) => `${t.id} ${t.title}: ${t.violations} case(s)\n  ${t.counterexample?.message.replace(/\n/g, '\n  ') ?? ''}\n  scenario: ${JSON.stringify(t.counterexample?.scenario)}`);
  const broke = r.engineFailures.count === 0
    ? []
    : [`the engine gave no answer on ${r.engineFailures.count} request(s) (threw, crashed, timed out or broke the protocol); the first:\n${r.engineFailures.examples.map((f) => `  ${f.code}: ${f.message.replace(/\n/g, '\n  ')}\n  scenario: ${JSON.stringify(f.scenario)}`).join('\n')}`];
  const stopped = [r.interrupted ? `interrupted by ${r.interrupted}` : '', r.stoppedEarly ? `stopped ${r.stoppedEarly}` : '', r.startError ? `not started: ${r.startError}` : ''].filter(Boolean);
  return [...violated, ...broke, ...stopped].join('\n\n');
}
