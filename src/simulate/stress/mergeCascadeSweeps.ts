/**
 * The shard reports of one cascade sweep (`--shard i/n`, spec S13) joined into the report of the
 * whole run: every task from the shard that owns it (index ≡ i − 1 mod n), the monotonicity checks
 * redone on the complete rows, `shard` 1/1. Equal to the unsharded report but for `ms` (here the
 * sum of the shards' times: the compute the run cost).
 * @see docs/distributed.md
 */
import type { CascadeSweepReport } from '../../wire/cascadeSweepReport.ts';
import { finalizeCascadeReport } from './runCascadeSweep.ts';

/** Shards that cannot be one run: which, and why. */
export class CascadeMergeError extends Error {
  override readonly name = 'CascadeMergeError';
}

/** The fields every shard of one run has alike. */
const header = (r: CascadeSweepReport) => JSON.stringify([r.format, r.source, r.config, r.x, r.y, r.criterion, r.resolution, r.cells.length, r.thresholds.length, r.shard.count]);

export function mergeCascadeSweeps(reports: readonly { readonly file: string; readonly report: CascadeSweepReport }[]): CascadeSweepReport {
  if (reports.length === 0) throw new CascadeMergeError('no reports to merge');
  const first = reports[0]!;
  const n = first.report.shard.count;
  const byIndex = new Map<number, CascadeSweepReport>();
  for (const { file, report } of reports) {
    if (header(report) !== header(first.report)) throw new CascadeMergeError(`${file}: not a shard of the same sweep as ${first.file} (the source, configuration, grid, criterion, resolution or shard count differ)`);
    const seen = byIndex.get(report.shard.index);
    if (seen !== undefined) throw new CascadeMergeError(`${file}: shard ${report.shard.index}/${n} given twice`);
    byIndex.set(report.shard.index, report);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new CascadeMergeError(`shards missing: ${missing.map((i) => `${i}/${n}`).join(', ')} (given ${[...byIndex.keys()].sort((a, b) => a - b).map((i) => `${i}/${n}`).join(', ')})`);
  const owner = (k: number) => byIndex.get((k % n) + 1)!;
  const cellCount = first.report.cells.length;
  const merged: CascadeSweepReport = {
    ...first.report,
    cells: first.report.cells.map((_, k) => owner(k).cells[k] ?? null),
    thresholds: first.report.thresholds.map((_, t) => owner(cellCount + t).thresholds[t] ?? null),
    shard: { index: 1, count: 1 },
    interrupted: reports.some((r) => r.report.interrupted),
    ms: reports.reduce((a, r) => a + r.report.ms, 0),
  };
  return finalizeCascadeReport(merged);
}
