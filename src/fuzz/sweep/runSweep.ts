/**
 * `liqcheck sweep` as a library function: the grid of one or two axes over a base parameter set,
 * each cell judged by {@link runCell}, cells spread over worker threads in row tasks.
 * @see docs/params.md#sweep
 */
import { createHash } from 'node:crypto';
import type { RiskParams } from '../../model/types.ts';
import { SWEEP_REPORT_FORMAT, type SweepReport } from '../../wire/sweepReport.ts';
import { runPool, type StopFlag } from '../pool.ts';
import type { Task } from '../tasks.ts';
import type { CellResult, CellValue } from './cell.ts';
import type { Axis } from './grid.ts';

export { SWEEP_REPORT_FORMAT as SWEEP_FORMAT } from '../../wire/sweepReport.ts';

export interface SweepOptions {
  readonly params: RiskParams;
  readonly paramsFile: string;
  readonly paramsText: string;
  readonly x: Axis;
  readonly y?: Axis;
  readonly scenarios: number;
  readonly seed: number;
  readonly shock: string;
  readonly steps: number;
  readonly maxBadDebt: string;
  readonly workers: number;
  readonly stop?: StopFlag;
  readonly onProgress?: (done: number, total: number) => void;
}

export type { SweepReport };

/** Cells per task: small enough to balance two workers, large enough to amortize a message. */
const CELLS_PER_TASK = 8;

export async function runSweep(o: SweepOptions): Promise<SweepReport> {
  const t0 = performance.now();
  const ys = o.y?.values ?? [null];
  const at: (readonly CellValue[])[] = [];
  for (const yv of ys) {
    for (const xv of o.x.values) at.push([{ name: o.x.name, value: xv }, ...(o.y && yv !== null ? [{ name: o.y.name, value: yv }] : [])]);
  }
  const tasks: Task[] = [];
  for (let k = 0; k < at.length; k += CELLS_PER_TASK) {
    tasks.push({
      kind: 'sweep-cells',
      input: { params: o.params, cells: at.slice(k, k + CELLS_PER_TASK), seed: o.seed, scenarios: o.scenarios, shock: o.shock, steps: o.steps, maxBadDebt: o.maxBadDebt },
    });
  }
  const cells: (CellResult | null)[] = at.map(() => null);
  let done = 0;
  const completed = await runPool(tasks, {
    workers: o.workers,
    ...(o.stop ? { stop: o.stop } : {}),
    onResult: (i, result) => {
      (result as CellResult[]).forEach((c, k) => (cells[i * CELLS_PER_TASK + k] = c));
      o.onProgress?.(++done, tasks.length);
    },
  });
  return {
    format: SWEEP_REPORT_FORMAT,
    params: { file: o.paramsFile, sha256: createHash('sha256').update(o.paramsText).digest('hex') },
    x: o.x,
    y: o.y ?? null,
    scenarios: o.scenarios,
    seed: o.seed,
    shock: o.shock,
    steps: o.steps,
    maxBadDebt: o.maxBadDebt,
    cells,
    interrupted: completed < tasks.length,
    ms: performance.now() - t0,
  };
}
