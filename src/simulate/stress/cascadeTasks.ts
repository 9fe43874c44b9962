/**
 * The work of a cascade sweep as plain data — a grid cell, or the threshold search of one row —
 * so it runs the same here or on a worker thread (src/fuzz/pool.ts, as the task kind `cascade` of src/fuzz/tasks.ts).
 * @internal
 */
import { Dec } from '../../model/decimal.ts';
import type { CellValue } from '../../wire/sweepReport.ts';
import { runCascadeCell, type CascadeCellInput } from './cascadeCell.ts';
import { searchThreshold, type ThresholdSearch } from './thresholdSearch.ts';

export interface ThresholdInput extends Omit<CascadeCellInput, 'at' | 'judge'> {
  /** the value of the other axis this row is at (empty for a one-axis sweep) */
  readonly at: readonly CellValue[];
  /** the ends of the shock axis */
  readonly from: string;
  readonly to: string;
  readonly resolution: string;
}

export type CascadeTask = { readonly kind: 'cell'; readonly input: CascadeCellInput } | { readonly kind: 'threshold'; readonly input: ThresholdInput };

export async function runCascadeTask(task: CascadeTask): Promise<unknown> {
  if (task.kind === 'cell') return runCascadeCell(task.input);
  return runThresholdTask(task.input);
}

export function runThresholdTask(t: ThresholdInput): Promise<ThresholdSearch> {
  const criterion = { maxBadDebt: new Dec(t.maxBadDebt), cascadeRounds: t.cascadeRounds };
  return searchThreshold(t.from, t.to, new Dec(t.resolution), criterion, (shock) =>
    // The search's runs are not judged: the grid cells are, and a search run differs from one only in the shock.
    runCascadeCell({ ...t, at: [...t.at, { name: 'shock', value: shock }], judge: false }),
  );
}
