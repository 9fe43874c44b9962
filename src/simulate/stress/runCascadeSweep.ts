/**
 * `liqcheck sweep --cascade` as a library function (spec S11, S13): the grid's cells and the
 * threshold search of every row as one list of tasks — cells first (row-major), then rows — of
 * which a shard runs those whose index ≡ i − 1 (mod n); results are placed by index, so the
 * report is the same with any number of workers, and the merge of all shards is the unsharded
 * report but for `ms`.
 * @see docs/simulation.md#s11-stress-search
 */
import { Dec } from '../../model/decimal.ts';
import type { StopFlag } from '../../fuzz/pool.ts';
import { CASCADE_SWEEP_FORMAT, type CascadeCell, type CascadeSweepReport, type ThresholdRow } from '../../wire/cascadeSweepReport.ts';
import type { Axis, CellValue } from '../../wire/sweepReport.ts';
import type { ConfigJson } from './cascadeAxes.ts';
import { baseDigest, type CascadeBase } from './cascadeBase.ts';
import { runPool } from '../../fuzz/pool.ts';
import type { CascadeTask } from './cascadeTasks.ts';
import { contradictions, type ThresholdSearch } from './thresholdSearch.ts';

export interface Shard {
  /** 1-based */
  readonly index: number;
  readonly count: number;
}

export interface CascadeSweepOptions {
  readonly base: CascadeBase;
  readonly config: ConfigJson;
  readonly x: Axis;
  readonly y?: Axis;
  readonly maxBadDebt: string;
  readonly cascadeRounds: number | null;
  /** the threshold search's resolution in |shock| (used when shock is an axis) */
  readonly resolution: string;
  readonly judge: boolean;
  readonly workers: number;
  readonly shard?: Shard;
  readonly stop?: StopFlag;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Which axis is the shock, and whether a search can run along it (one sign, no 0). */
export function shockAxisOf(x: Axis, y: Axis | null): 'x' | 'y' | null {
  const searchable = (a: Axis) => a.name === 'shock' && new Set(a.values.map((v) => new Dec(v).isNegative())).size === 1;
  return searchable(x) ? 'x' : y !== null && searchable(y) ? 'y' : null;
}

/** The rows of the threshold search: the other axis' value of each (one empty row for a one-axis sweep). */
function searchRows(x: Axis, y: Axis | null): { readonly at: readonly CellValue[]; readonly shock: Axis }[] {
  const along = shockAxisOf(x, y);
  if (along === null) return [];
  if (along === 'x') return y === null ? [{ at: [], shock: x }] : y.values.map((v) => ({ at: [{ name: y.name, value: v }], shock: x }));
  return x.values.map((v) => ({ at: [{ name: x.name, value: v }], shock: y! }));
}

export async function runCascadeSweep(o: CascadeSweepOptions): Promise<CascadeSweepReport> {
  const t0 = performance.now();
  const shard = o.shard ?? { index: 1, count: 1 };
  const y = o.y ?? null;
  const ys = y?.values ?? [null];
  const at: (readonly CellValue[])[] = [];
  for (const yv of ys) for (const xv of o.x.values) at.push([{ name: o.x.name, value: xv }, ...(y !== null && yv !== null ? [{ name: y.name, value: yv }] : [])]);
  const rows = searchRows(o.x, y);
  const common = { base: o.base, config: o.config, maxBadDebt: o.maxBadDebt, cascadeRounds: o.cascadeRounds };
  const all: CascadeTask[] = [
    ...at.map((cell): CascadeTask => ({ kind: 'cell', input: { ...common, at: cell, judge: o.judge } })),
    ...rows.map((r): CascadeTask => ({ kind: 'threshold', input: { ...common, at: r.at, from: r.shock.values[0]!, to: r.shock.values[r.shock.values.length - 1]!, resolution: o.resolution } })),
  ];
  const owned = all.map((_, k) => k).filter((k) => k % shard.count === shard.index - 1);
  // Searches (several runs each) go first, so no thread is left with one at the end while the
  // others idle; the order of execution never shows in the report (results go by index).
  const mine = [...owned.filter((k) => k >= at.length), ...owned.filter((k) => k < at.length)];
  const cells: (CascadeCell | null)[] = at.map(() => null);
  const searches: (ThresholdSearch | null)[] = rows.map(() => null);
  let done = 0;
  // One simulation per task: the fuzz pool's worker threads, results by index (S13, SYS-008).
  const completed = await runPool(
    mine.map((k) => ({ kind: 'cascade' as const, input: all[k]! })),
    {
      workers: o.workers,
      onResult: (i, result) => {
        const k = mine[i]!;
        if (k < at.length) cells[k] = result as CascadeCell;
        else searches[k - at.length] = result as ThresholdSearch;
        o.onProgress?.(++done, mine.length);
      },
      ...(o.stop !== undefined ? { stop: o.stop } : {}),
    },
  );
  return finalizeCascadeReport({
    format: CASCADE_SWEEP_FORMAT,
    source: { profile: o.base.profile, params: o.base.paramsFile, sha256: baseDigest(o.base, o.config) },
    // The base passed resolveSimulation's check (the CLI's preflight): a SimulationConfig.
    config: o.config as CascadeSweepReport['config'],
    x: o.x,
    y,
    criterion: { maxBadDebt: o.maxBadDebt, cascadeRounds: o.cascadeRounds },
    resolution: rows.length > 0 ? o.resolution : null,
    cells,
    thresholds: searches.map((r, t) => (r === null ? null : { at: rows[t]!.at, ...r, monotone: true, contradictions: [] })),
    shard,
    interrupted: completed < mine.length,
    ms: performance.now() - t0,
  });
}

/**
 * The report with every threshold row's monotonicity check recomputed from the runs the report
 * holds: the row's grid cells and its search's evaluations. A shard holds only part of a row's
 * cells, so the check is redone after a merge.
 */
export function finalizeCascadeReport(r: CascadeSweepReport): CascadeSweepReport {
  const along = shockAxisOf(r.x, r.y);
  const nx = r.x.values.length;
  const rowCells = (t: number): readonly (CascadeCell | null)[] => {
    if (along === 'x') return r.cells.slice(t * nx, (t + 1) * nx);
    return r.cells.filter((_, k) => k % nx === t);
  };
  const thresholds = r.thresholds.map((row, t): ThresholdRow | null => {
    if (row === null) return null;
    const gridRuns = rowCells(t)
      .filter((c): c is CascadeCell => c !== null && c.refused === undefined)
      .map((c) => ({ shock: c.at.find((a) => a.name === 'shock')!.value, stressed: c.stressed }));
    const found = contradictions([...gridRuns, ...row.evaluations]);
    return { at: row.at, status: row.status, threshold: row.threshold, lastUnstressed: row.lastUnstressed, evaluations: row.evaluations, monotone: found.length === 0, contradictions: found };
  });
  return { ...r, thresholds };
}
