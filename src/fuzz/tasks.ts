/**
 * The work a fuzz, sweep, cascade sweep or fixture generation run hands out, as plain data: each task names a kind and carries a JSON
 * payload, so it runs the same in-process or on a worker thread.
 * @internal
 */
import { buildPicks, drawCandidateBatches, type CandidateBatchesInput, type PickToBuild } from '../fixtures/generate.ts';
import { Dec } from '../model/decimal.ts';
import type { RiskParams } from '../model/types.ts';
import { runFuzzUnit, type FuzzUnitInput } from './fuzzUnit.ts';
import { fuzzSetup } from './paramProperties.ts';
import { runSweepCells, type SweepCellsInput } from './sweep/cell.ts';
import { survivableMoves } from './survivable.ts';
import { targetedSearch } from './targetedSearch.ts';
import { runCascadeTask, type CascadeTask } from '../simulate/stress/cascadeTasks.ts';

export interface StressInput {
  readonly params: RiskParams;
  readonly seed: number;
  readonly steps: number;
  readonly claim: string | null;
  readonly budget: number;
}

export type Task =
  | { readonly kind: 'fuzz-unit'; readonly input: FuzzUnitInput }
  | { readonly kind: 'fuzz-search'; readonly input: StressInput }
  | { readonly kind: 'fuzz-survivable'; readonly input: StressInput }
  | { readonly kind: 'sweep-cells'; readonly input: SweepCellsInput }
  | { readonly kind: 'fixture-candidates'; readonly input: CandidateBatchesInput }
  | { readonly kind: 'fixture-build'; readonly input: readonly PickToBuild[] }
  | { readonly kind: 'cascade'; readonly input: CascadeTask };

function setupOf(i: StressInput) {
  return fuzzSetup(i.params, i.steps, i.claim === null ? null : new Dec(i.claim));
}

/** Runs one task here, in this thread. */
export async function runTask(task: Task): Promise<unknown> {
  switch (task.kind) {
    case 'fuzz-unit':
      return runFuzzUnit(task.input);
    case 'fuzz-search':
      return targetedSearch(setupOf(task.input), task.input.seed, task.input.budget);
    case 'fuzz-survivable':
      return survivableMoves(setupOf(task.input));
    case 'sweep-cells':
      return runSweepCells(task.input);
    case 'fixture-candidates':
      return drawCandidateBatches(task.input);
    case 'fixture-build':
      return buildPicks(task.input);
    case 'cascade':
      return runCascadeTask(task.input);
  }
}
