/**
 * The report of a fuzz run (JSON, format `liqcheck-fuzz/1`): the catalog tallies, the
 * parameter-level properties with their counterexamples, and the risk figures. A shard's report
 * also keeps the raw accumulators, so `liqcheck fuzz merge` combines shards exactly (percentiles
 * included).
 * @see docs/params.md#the-fuzz-report
 */
import type { Static } from 'typebox';
import { mergeReports } from '../gate/mergeReports.ts';
import type { CatalogReport } from '../runner/runCatalog.ts';
import type { FuzzReport, PropertyReport as PropertyReportSchema } from '../wire/fuzzReport.ts';
import { emptyBoundaryTally, mergeBoundary, mergeShockTallies, ratio, summarizeShock, type BoundaryTally, type ShockTally } from './figures.ts';
import type { FuzzUnitResult, PropertyTally } from './fuzzUnit.ts';
import type { SurvivableRow } from './survivable.ts';

export { FUZZ_REPORT_FORMAT as FUZZ_FORMAT } from '../wire/fuzzReport.ts';

/** A parameter-level property's tally; shards and units add into it in place, hence mutable. */
export type PropertyReport = Static<typeof PropertyReportSchema>;
export type { FuzzReport };

/** What the units of one run (or the shards of one run) add up to, before summarizing. */
export interface Accumulated {
  readonly units: number[];
  catalogs: CatalogReport[];
  readonly properties: PropertyReport[];
  readonly shocks: ShockTally[];
  readonly boundary: BoundaryTally;
}

export function emptyAccumulated(properties: readonly PropertyTally[]): Accumulated {
  return { units: [], catalogs: [], properties: properties.map((p) => ({ ...p })), shocks: [], boundary: emptyBoundaryTally() };
}

export function addProperties(into: PropertyReport[], from: readonly PropertyReport[]): void {
  for (const p of from) {
    const m = into.find((x) => x.id === p.id);
    if (m === undefined) {
      into.push({ ...p });
      continue;
    }
    m.checked += p.checked;
    m.skipped += p.skipped;
    m.violations += p.violations;
    if (m.first === undefined && p.first !== undefined) m.first = p.first;
    if (m.counterexample === undefined && p.counterexample !== undefined) m.counterexample = p.counterexample;
  }
}

export function addUnit(acc: Accumulated, r: FuzzUnitResult): void {
  acc.units.push(r.unit);
  acc.catalogs.push(r.catalog);
  addProperties(acc.properties, r.properties);
  mergeShockTallies(acc.shocks, r.shocks);
  mergeBoundary(acc.boundary, r.boundary);
}

/**
 * The catalog reports of units (or shards) as one report. Each unit ran its own chunk seed, so
 * they are relabelled as the parts of one run and merged with the gate's own merge.
 */
export function mergeCatalogs(parts: readonly CatalogReport[], seed: number, runs: number, label: (i: number) => number, count: number): CatalogReport | null {
  if (parts.length === 0) return null;
  return mergeReports(parts.map((c, i) => ({ ...c, seed, runs, shard: { index: label(i), count } })));
}

export function summarizeFigures(acc: Accumulated, quoteScale: number, survivable: readonly SurvivableRow[] | null): FuzzReport['figures'] {
  const b = acc.boundary;
  return { shocks: acc.shocks.map((t) => summarizeShock(t, quoteScale)), boundary: { ...b, restorableShare: ratio(b.restored, b.aboveBankruptcy) }, survivable };
}
