/**
 * One unit of a fuzz run: up to CHUNK generated cases from one chunk seed — the invariant catalog
 * on generated and shocked scenarios, the parameter-level properties and the risk figures on
 * stress accounts. Units are independent and their results plain JSON, so they run in any order,
 * on worker threads or on other machines (shards), and merge exactly.
 * @see docs/params.md#fuzz
 */
import fc from 'fast-check';
import type { Static } from 'typebox';
import { applyShockPath, priceShock } from '../arbitraries/shock.ts';
import { scenario } from '../arbitraries/scenario.ts';
import { REFERENCE_ENGINE } from '../gate/engineUnderTest.ts';
import { Dec } from '../model/decimal.ts';
import type { RiskParams, Scenario } from '../model/types.ts';
import { chunkSeed, runCatalog, type CatalogReport } from '../runner/runCatalog.ts';
import type { PropertyReport } from '../wire/fuzzReport.ts';
import { addPath, countStatus, emptyBoundaryTally, emptyShockTally, type BoundaryTally, type ShockTally } from './figures.ts';
import { genomeArb, type Genome } from './genome.ts';
import { openAccount } from './openAccount.ts';
import { fuzzSetup, prm001, prm002, prm002State, PRM_001, PRM_002, type FuzzSetup } from './paramProperties.ts';
import { adverseMarks, partialWitness, runPath } from './stressPath.ts';

export interface FuzzUnitInput {
  readonly params: RiskParams;
  readonly seed: number;
  /** chunk index */
  readonly unit: number;
  /** cases in this unit */
  readonly runs: number;
  readonly shocks: readonly string[];
  readonly steps: number;
  readonly claim: string | null;
  /** longest time spent shrinking one catalog counterexample */
  readonly shrinkMs: number;
}

/** Where a generated case can be replayed from with fast-check: its stream seed and index. */
export interface Address {
  readonly seed: number;
  readonly path: string;
}

/**
 * A property's tally in one unit: the fuzz report's entry (src/wire/fuzzReport.ts) before the
 * counterexample is shrunk (`first` is the unshrunk violation and its replay address). Filled in
 * place, hence the schema's mutable static type.
 */
export type PropertyTally = Omit<Static<typeof PropertyReport>, 'counterexample' | 'note'>;

export interface FuzzUnitResult {
  readonly unit: number;
  readonly catalog: CatalogReport;
  readonly properties: PropertyTally[];
  readonly shocks: ShockTally[];
  readonly boundary: BoundaryTally;
}

/** The seed of the stress-account stream of a unit (distinct from the catalog's chunk seed). */
export function genomeSeed(seed: number, unit: number): number {
  return chunkSeed(seed ^ 0x5eed1e55, unit);
}

/** Catalog scenarios under `params`: boundary scenarios, and as many again after a price shock. */
export function fuzzScenarios(params: RiskParams): fc.Arbitrary<Scenario> {
  const base = scenario({ params: fc.constant(params) });
  const shocked = base.chain((s) =>
    fc.tuple(fc.constantFrom(...s.account.positions.map((p) => p.market)), priceShock()).map(([m, sh]) => applyShockPath(s, m, sh).at(-1)!),
  );
  return fc.oneof(base, shocked);
}

export function emptyTally(p: { id: string; title: string }): PropertyTally {
  return { id: p.id, title: p.title, checked: 0, skipped: 0, violations: 0 };
}

export async function runFuzzUnit(input: FuzzUnitInput): Promise<FuzzUnitResult> {
  const setup = fuzzSetup(input.params, input.steps, input.claim === null ? null : new Dec(input.claim));
  const catalog = await runCatalog({
    engine: REFERENCE_ENGINE,
    scenarios: fuzzScenarios(input.params),
    runs: input.runs,
    seed: chunkSeed(input.seed, input.unit),
    shrinkMs: input.shrinkMs,
  });
  const gSeed = genomeSeed(input.seed, input.unit);
  const genomes = fc.sample(genomeArb(setup.pp.markets.size, input.steps), { seed: gSeed, numRuns: input.runs });
  const t1 = emptyTally(PRM_001);
  const t2 = emptyTally(PRM_002);
  const shocks = input.shocks.map(emptyShockTally);
  const boundary = emptyBoundaryTally();
  genomes.forEach((g, i) => {
    const address = { seed: gSeed, path: String(i) };
    judgePrm001(setup, g, t1, t2, address);
    judgeBoundary(setup, g, t2, boundary, address);
    for (const t of shocks) stressFigure(setup, g, t);
  });
  return { unit: input.unit, catalog, properties: [t1, t2], shocks, boundary };
}

function violated(t: PropertyTally, message: string, address: Address): void {
  t.violations++;
  if (t.first === undefined) t.first = { message, ...address };
}

function judgePrm001(setup: FuzzSetup, g: Genome, t1: PropertyTally, t2: PropertyTally, address: Address): void {
  const run = prm001(setup, g);
  if (run.path === undefined) return void t1.skipped++;
  t1.checked++;
  if (run.message !== undefined) violated(t1, run.message, address);
  // The path's liquidations are PRM-002 cases too; a violation there replays through PRM-002's own stream only, so record without address.
  for (const e of run.path.events) {
    const m = prm002State(setup, e.before, e.status);
    if (m !== undefined) violated(t2, m, { seed: 0, path: '' });
  }
}

function judgeBoundary(setup: FuzzSetup, g: Genome, t2: PropertyTally, b: BoundaryTally, address: Address): void {
  const r = prm002(setup, g);
  b.accounts++;
  countStatus(b, r.status as 'healthy');
  if (r.status !== 'healthy') {
    const pos = r.before.positions[0]!;
    const equity = r.before.collateral.add(pos.size.mul(r.before.marks.get(pos.market)!.sub(pos.entry)));
    if (equity.gt(0)) {
      b.aboveBankruptcy++;
      if (r.status === 'partial') b.restored++;
    }
    if (r.status !== 'partial' && !partialWitness(r.before) && partialWitness(r.before, true)) b.dustForced++;
  }
  if (!setup.claimsPar002 || r.status === 'healthy') return void t2.skipped++;
  t2.checked++;
  if (r.message !== undefined) violated(t2, r.message, address);
}

function stressFigure(setup: FuzzSetup, g: Genome, t: ShockTally): void {
  const a = openAccount(setup.pp, g);
  addPath(t, runPath(setup.pp, a, adverseMarks(setup.pp, a, new Dec(t.shock), g.split)), a.notional);
}
