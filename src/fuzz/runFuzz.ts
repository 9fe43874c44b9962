/**
 * `liqcheck fuzz` as a library function: runs the units of a seeded run (all, or one shard's)
 * over a pool of workers, shrinks and saves what failed, and summarizes the risk figures. A stop
 * flag (Ctrl-C) ends it between units with everything completed so far.
 * @see docs/params.md#fuzz
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { saveFailure } from '../fixtures/failureDb.ts';
import { Dec } from '../model/decimal.ts';
import type { RiskParams } from '../model/types.ts';
import { CHUNK } from '../runner/runCatalog.ts';
import { emptyTally, type FuzzUnitResult } from './fuzzUnit.ts';
import { addUnit, emptyAccumulated, FUZZ_FORMAT, mergeCatalogs, summarizeFigures, type FuzzReport, type PropertyReport } from './fuzzReport.ts';
import { genomeArb } from './genome.ts';
import { scenarioAt } from './openAccount.ts';
import { fuzzSetup, PARAM_PROPERTIES, prm001, prm002, PRM_001, type FuzzSetup } from './paramProperties.ts';
import { runPool, type StopFlag } from './pool.ts';
import type { ParsedScenario, Scenario } from '../model/types.ts';
import type { SurvivableRow } from './survivable.ts';
import type { SearchResult } from './targetedSearch.ts';
import type { Task } from './tasks.ts';

export interface FuzzOptions {
  readonly params: RiskParams;
  /** for the report: where the params came from, and their bytes' hash */
  readonly paramsFile: string;
  readonly paramsText: string;
  readonly seed: number;
  readonly runs: number;
  readonly shocks: readonly string[];
  readonly steps: number;
  readonly claim: string | null;
  readonly workers: number;
  readonly shard: { readonly index: number; readonly count: number };
  /** evaluations of the targeted search (0: none) */
  readonly search: number;
  /** where counterexamples are saved as fixtures; null: not saved */
  readonly failuresDir: string | null;
  readonly shrinkMs?: number;
  readonly stop?: StopFlag;
  readonly onProgress?: (done: number, total: number) => void;
}

/** The units of a run of `runs` cases: one per catalog chunk. */
export function unitCount(runs: number): number {
  return Math.ceil(runs / CHUNK);
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const t0 = performance.now();
  const setup = fuzzSetup(o.params, o.steps, o.claim === null ? null : new Dec(o.claim));
  const total = unitCount(o.runs);
  const mine = Array.from({ length: total }, (_, k) => k).filter((k) => k % o.shard.count === o.shard.index);
  const stress = { params: o.params, seed: o.seed, steps: o.steps, claim: o.claim, budget: o.search };
  const first = o.shard.index === 0;
  const tasks: Task[] = [
    ...(first && o.search > 0 ? [{ kind: 'fuzz-search' as const, input: stress }] : []),
    ...(first ? [{ kind: 'fuzz-survivable' as const, input: stress }] : []),
    ...mine.map((unit): Task => ({
      kind: 'fuzz-unit',
      input: { params: o.params, seed: o.seed, unit, runs: Math.min(CHUNK, o.runs - unit * CHUNK), shocks: o.shocks, steps: o.steps, claim: o.claim, shrinkMs: o.shrinkMs ?? 10_000 },
    })),
  ];
  const acc = emptyAccumulated(PARAM_PROPERTIES.map(emptyTally));
  let search: SearchResult | null = null;
  let survivable: SurvivableRow[] | null = null;
  let done = 0;
  const completed = await runPool(tasks, {
    workers: o.workers,
    ...(o.stop ? { stop: o.stop } : {}),
    onResult: (i, result) => {
      const kind = tasks[i]!.kind;
      if (kind === 'fuzz-search') search = result as SearchResult;
      else if (kind === 'fuzz-survivable') survivable = result as SurvivableRow[];
      else addUnit(acc, result as FuzzUnitResult);
      o.onProgress?.(++done, tasks.length);
    },
  });
  const interrupted = completed < tasks.length;
  acc.units.sort((a, b) => a - b);
  const properties = acc.properties;
  const prm002Tally = properties.find((p) => p.id === 'PRM-002')!;
  if (!setup.claimsPar002) (prm002Tally as { note?: string }).note = 'not judged: the parameters do not claim PAR-002 (f_max + σ < r_n + b in every tier)';
  // The search's violation, if the sampled units found none, is PRM-001's counterexample.
  const s = search as SearchResult | null;
  const prm1 = properties.find((p) => p.id === PRM_001.id)!;
  for (const p of properties) await counterexampleOf(setup, p, o, interrupted);
  if (s?.best?.violation && prm1.counterexample === undefined) {
    const run = prm001(setup, s.best.genome);
    if (run.path?.badDebtAt) {
      prm1.violations++;
      prm1.counterexample = save(o, PRM_001.id, { scenario: wire(setup, run.path.badDebtAt), message: `${run.message} (targeted search)`, seed: o.seed, path: 'search' });
    }
  }
  const merged = mergeCatalogs(acc.catalogs, o.seed, o.runs, (i) => acc.units[i] ?? i, total);
  const dir = o.failuresDir;
  const catalog =
    merged && dir !== null
      ? {
          ...merged,
          tallies: merged.tallies.map((t) => {
            const cx = t.counterexample;
            if (!cx) return t;
            const file = saveFailure(dir, { scenario: cx.scenario, invariants: [t.id], message: cx.message, engine: { name: 'liqcheck-reference' }, seed: cx.seed, path: cx.path });
            return { ...t, counterexample: { ...cx, file } };
          }),
        }
      : merged;
  const ok = (catalog?.ok ?? true) && properties.every((p) => p.violations === 0);
  const sharded = o.shard.count > 1;
  return {
    format: FUZZ_FORMAT,
    params: { file: o.paramsFile, sha256: createHash('sha256').update(o.paramsText).digest('hex') },
    seed: o.seed,
    runs: o.runs,
    shocks: o.shocks,
    steps: o.steps,
    claim: o.claim,
    shard: o.shard,
    units: { total, done: acc.units },
    interrupted,
    ms: performance.now() - t0,
    catalog: catalog && { ...catalog, shard: o.shard },
    properties,
    figures: summarizeFigures(acc, setup.pp.quoteScale, survivable),
    search: s,
    ok,
    ...(sharded ? { raw: { quoteScale: setup.pp.quoteScale, shocks: acc.shocks, boundary: acc.boundary } } : {}),
  };
}

/** A parsed stress state as a wire scenario, for a fixture. */
function wire(setup: FuzzSetup, sc: ParsedScenario): Scenario {
  const pos = sc.positions[0]!;
  return scenarioAt(setup.params, setup.pp, { market: pos.market, entry: pos.entry }, pos.size, sc.collateral, sc.marks.get(pos.market)!);
}

function save(o: FuzzOptions, id: string, cx: NonNullable<PropertyReport['counterexample']>): NonNullable<PropertyReport['counterexample']> {
  if (o.failuresDir === null) return cx;
  return { ...cx, file: saveFailure(o.failuresDir, { scenario: cx.scenario, invariants: [id], message: cx.message, engine: { name: 'liqcheck-reference' }, seed: cx.seed, path: cx.path }) };
}

/**
 * Shrinks a property's first violation from its replay address (unless the run was interrupted:
 * then it is saved as found) and saves the state whose liquidation broke it.
 */
async function counterexampleOf(setup: FuzzSetup, p: PropertyReport, o: FuzzOptions, interrupted: boolean): Promise<void> {
  const first = p.first;
  if (first === undefined || p.counterexample !== undefined) return;
  const evaluate = (g: Parameters<typeof prm001>[1]): { message: string; state: ParsedScenario } | undefined => {
    if (p.id === PRM_001.id) {
      const r = prm001(setup, g);
      return r.message !== undefined && r.path?.badDebtAt ? { message: r.message, state: r.path.badDebtAt } : undefined;
    }
    const r = prm002(setup, g);
    return r.message !== undefined ? { message: r.message, state: r.before } : undefined;
  };
  const arb = genomeArb(setup.pp.markets.size, setup.steps);
  let genome = first.path === '' ? undefined : fc.sample(arb, { seed: first.seed, numRuns: Number(first.path) + 1 })[Number(first.path)];
  let path = first.path;
  if (genome !== undefined && !interrupted) {
    const details = fc.check(fc.property(arb, (g) => evaluate(g) === undefined), { seed: first.seed, path: first.path, numRuns: CHUNK, interruptAfterTimeLimit: o.shrinkMs ?? 10_000 });
    if (details.failed && details.counterexample) {
      genome = details.counterexample[0];
      path = details.counterexamplePath ?? first.path;
    }
  }
  const found = genome === undefined ? undefined : evaluate(genome);
  if (found === undefined) return; // a path-event violation without an address: reported by message only
  p.counterexample = save(o, p.id, { scenario: wire(setup, found.state), message: found.message, seed: first.seed, path });
}
