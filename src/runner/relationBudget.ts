/**
 * The budget of the metamorphic invariants: which generated cases they are judged on.
 *
 * A `relation` invariant derives further scenarios and re-runs the engine on them (the catalog's
 * seven relations cost about 4.4 engine runs per case on top of the case's own), while an
 * `output` invariant reads the answer the case already has. So relations are judged on every
 * `every`-th generated case and output invariants on all of them. The choice is by generation
 * index — the case's place in the run before sharding — so shards, replays from a seed and the
 * tests that mirror the runner (properties/defaultRun.test.ts) all judge the same cases. Saved
 * failures replayed before a run are not generated cases: they always get the full catalog.
 *
 * @see README.md#the-invariant-catalog for the measurement behind {@link DEFAULT_RELATIONS_EVERY}
 */
import type { Invariant } from '../invariants/invariant.ts';

/**
 * Relations are judged on every 8th generated case by default (`check --relations-every K`
 * overrides it, `1` judges them on every case). Chosen by `npx tsx bench/relationBudget.ts`
 * (figures in the README's catalog section): at 8 the reference costs 1.5 engine runs per case
 * instead of 5.3, and every zoo engine that violates a relation is still caught by that relation
 * within 257 default-run scenarios on seeds 1–3 (10 without the budget), about a quarter of the
 * default 1,000; at 50 some need more than 1,000.
 */
export const DEFAULT_RELATIONS_EVERY = 8;

/** Whether the relation invariants are judged on the generated case at `index` (0-based). */
export function relationsDue(index: number, every: number): boolean {
  return index % every === 0;
}

/** The invariants to judge on the generated case at `index`: relations only when they are due. */
export function invariantsFor(all: readonly Invariant[], index: number, every: number): readonly Invariant[] {
  return relationsDue(index, every) ? all : all.filter((i) => i.kind !== 'relation');
}

/** `every` checked: a whole number ≥ 1. */
export function assertRelationsEvery(every: number): void {
  if (!Number.isSafeInteger(every) || every < 1) throw new Error(`relationsEvery: expected a whole number ≥ 1, received ${String(every)}`);
}
