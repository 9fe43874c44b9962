/**
 * The failure database as `check` uses it: saved counterexamples are replayed before new cases,
 * and each new counterexample is saved as a fixture file (format of docs/fixtures.md) the moment it
 * is found — unshrunk, so that nothing is lost if the run is killed — and replaced by its shrunk
 * form once shrinking ends.
 */
import { rmSync } from 'node:fs';
import { loadFailures, writeFailure, type FailureRecord } from '../fixtures/failureDb.ts';
import type { Scenario } from '../model/types.ts';

export interface FailureStore {
  load(): { scenario: Scenario; origin: string }[];
  readonly problems: readonly { file: string; message: string }[];
  /** Saves a counterexample as soon as it is found; returns its file. */
  found(id: string, f: FailureRecord): string;
  /**
   * Saves the shrunk counterexample of `id` and removes the files this run saved for it before
   * (never a file that was there when the run started); returns its file.
   */
  shrunk(id: string, f: FailureRecord): string;
}

export function failureStore(dir: string): FailureStore {
  const loaded = loadFailures(dir);
  // Files this run created (the only ones it may remove), and the files each invariant's
  // counterexample is saved in (two invariants can share one scenario, hence one file).
  const created = new Set<string>();
  const held = new Map<string, Set<string>>();
  const save = (id: string, f: FailureRecord): string => {
    const w = writeFailure(dir, f);
    if (w.created) created.add(w.file);
    held.set(id, (held.get(id) ?? new Set<string>()).add(w.file));
    return w.file;
  };
  const heldByAnother = (file: string, id: string): boolean => [...held].some(([other, files]) => other !== id && files.has(file));
  return {
    load: () => loaded.ok.map((f) => ({ scenario: f.scenario, origin: f.file })),
    problems: loaded.problems,
    found: save,
    shrunk: (id, f) => {
      const file = save(id, f);
      for (const earlier of held.get(id) ?? []) {
        if (earlier !== file && created.has(earlier) && !heldByAnother(earlier, id)) rmSync(earlier, { force: true });
      }
      held.set(id, new Set([file]));
      return file;
    },
  };
}
