/**
 * The failure database as `check` uses it: saved counterexamples are replayed before new cases,
 * and new counterexamples are saved as fixture files (format of docs/fixtures.md) before exit.
 */
import { loadFailures, saveFailure, type FailureRecord } from '../fixtures/failureDb.ts';
import type { Scenario } from '../model/types.ts';

export interface FailureStore {
  load(): { scenario: Scenario; origin: string }[];
  readonly problems: readonly { file: string; message: string }[];
  save(f: FailureRecord): string;
}

export function failureStore(dir: string): FailureStore {
  const loaded = loadFailures(dir);
  return {
    load: () => loaded.ok.map((f) => ({ scenario: f.scenario, origin: f.file })),
    problems: loaded.problems,
    save: (f) => saveFailure(dir, f),
  };
}
