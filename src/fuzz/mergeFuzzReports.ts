/**
 * Merges the reports of the shards of one fuzz run (`--shard i/n`) into the report of the whole
 * run, from the raw accumulators each shard keeps, so percentiles are those of the whole run.
 * @see docs/params.md#long-runs
 */
import { mergeReports } from '../gate/mergeReports.ts';
import { emptyBoundaryTally, mergeBoundary, mergeShockTallies, type ShockTally } from './figures.ts';
import { addProperties, summarizeFigures, type Accumulated, type FuzzReport, type PropertyReport } from './fuzzReport.ts';

/** @throws Error when the reports are not distinct shards of one run, or lack their raw figures. */
export function mergeFuzzReports(reports: readonly FuzzReport[]): FuzzReport {
  const [head] = reports;
  if (head === undefined) throw new Error('no report to merge');
  const key = (r: FuzzReport) => JSON.stringify([r.params.sha256, r.seed, r.runs, r.shocks, r.steps, r.claim, r.shard.count]);
  for (const r of reports) {
    if (key(r) !== key(head)) throw new Error(`reports are not shards of one run: params ${r.params.sha256.slice(0, 12)}/${head.params.sha256.slice(0, 12)}, seed ${r.seed}/${head.seed}, runs ${r.runs}/${head.runs}, shards of ${r.shard.count}/${head.shard.count}`);
    if (r.raw === undefined) throw new Error(`shard ${r.shard.index + 1}/${r.shard.count} has no raw figures (was it run with --shard?)`);
  }
  const indexes = reports.map((r) => r.shard.index).sort((a, b) => a - b);
  const twice = indexes.find((x, i) => indexes[i + 1] === x);
  if (twice !== undefined) throw new Error(`shard ${twice + 1}/${head.shard.count} is given twice`);
  const shocks: ShockTally[] = [];
  const boundary = emptyBoundaryTally();
  const properties: PropertyReport[] = [];
  for (const r of reports) {
    mergeShockTallies(shocks, r.raw!.shocks);
    mergeBoundary(boundary, r.raw!.boundary);
    addProperties(properties, r.properties);
  }
  const acc: Accumulated = { units: reports.flatMap((r) => r.units.done).sort((a, b) => a - b), catalogs: [], properties, shocks, boundary };
  const catalogs = reports.flatMap((r) => (r.catalog ? [r.catalog] : []));
  const catalog = catalogs.length > 0 ? mergeReports(catalogs) : null;
  const first = reports.find((r) => r.shard.index === 0);
  const complete = indexes.length === head.shard.count && !reports.some((r) => r.interrupted);
  const { raw: _raw, ...rest } = head;
  return {
    ...rest,
    shard: { index: 0, count: complete ? 1 : head.shard.count },
    units: { total: head.units.total, done: acc.units },
    interrupted: reports.some((r) => r.interrupted),
    ms: Math.max(...reports.map((r) => r.ms)),
    catalog,
    properties,
    figures: summarizeFigures(acc, head.raw!.quoteScale, first?.figures.survivable ?? null),
    search: first?.search ?? null,
    ok: (catalog?.ok ?? true) && properties.every((p) => p.violations === 0),
    ...(complete ? {} : { raw: { quoteScale: head.raw!.quoteScale, shocks, boundary } }),
  };
}
