/**
 * The lending failure database, as `check --profile <lending profile> --failures DIR` uses it: each
 * counterexample is saved the moment it is found (unshrunk, so a killed run keeps it), replaced by
 * its shrunk form once shrinking ends, and replayed before the generated cases by the next run of
 * the same profile.
 *
 * One file per scenario, `lending-failure-<hash>.json` (the start of the SHA-256 of the scenario's
 * JSON), written atomically, in the format {@link LENDING_FAILURE_FORMAT}:
 * `{ format, profile, invariants, message, scenario }`. The folder may be the perp gate's too: a
 * file that is no lending failure (a perp fixture, anything else) is left alone and counted, as is
 * a lending failure of another profile. Only a file this run created is ever removed (the found
 * form of a counterexample whose shrunk form is saved), never one that was there before.
 * @see docs/profiles/README.md#lending-profiles
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { listCaseFiles } from '../../fixtures/failureDb.ts';
import { readJsonFile } from '../../io/readJsonFile.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import type { LendingScenario } from '../../wire/lending.ts';
import { parseLendingScenario } from '../parseLendingScenario.ts';

export const LENDING_FAILURE_FORMAT = 'liqcheck-lending-failure-1';

export interface LendingFailureFile {
  readonly format: typeof LENDING_FAILURE_FORMAT;
  /** the lending profile's name: only its runs replay it */
  readonly profile: string;
  /** the ids it violated */
  readonly invariants: readonly string[];
  readonly message: string;
  readonly scenario: LendingScenario;
}

export interface LendingFailureStore {
  /** this profile's saved failures, in file-name order */
  readonly replay: readonly { readonly scenario: LendingScenario; readonly origin: string }[];
  /** lending failures of other profiles: kept for their runs */
  readonly otherProfiles: number;
  /** `.json` files that are no lending failure (perp fixtures, …): left alone */
  readonly notLending: number;
  /** lending failure files that cannot be replayed, one `path: expected …, received …` each */
  readonly problems: readonly { readonly file: string; readonly message: string }[];
  /** saves the counterexample of `id` as soon as it is found; returns its file */
  found(id: string, scenario: LendingScenario, message: string): string;
  /** saves the shrunk counterexample of `id`, removing what this run saved for it before; returns its file */
  shrunk(id: string, scenario: LendingScenario, message: string): string;
}

const MESSAGE_CHARS = 400;

/** The file a scenario is saved in: the same scenario, the same file. */
export function lendingFailureFile(dir: string, scenario: LendingScenario): string {
  const hash = createHash('sha256').update(JSON.stringify(scenario)).digest('hex').slice(0, 16);
  return join(dir, `lending-failure-${hash}.json`);
}

export function lendingFailureStore(dir: string, profile: string): LendingFailureStore {
  const replay: { scenario: LendingScenario; origin: string }[] = [];
  const problems: { file: string; message: string }[] = [];
  let otherProfiles = 0;
  let notLending = 0;
  const listed = listCaseFiles(dir);
  if (!listed.ok) problems.push({ file: dir, message: `expected ${listed.problem.expected}, received ${listed.problem.received}` });
  for (const name of listed.ok ? listed.names : []) {
    const file = join(dir, name);
    const read = readJsonFile(file);
    const doc = read.ok ? read.value : undefined;
    if (!isRecord(doc) || doc['format'] !== LENDING_FAILURE_FORMAT) {
      notLending++;
      continue;
    }
    const issue = fileIssue(doc);
    if (issue !== null) problems.push({ file, message: issue });
    else if (doc['profile'] !== profile) otherProfiles++;
    else replay.push({ scenario: doc['scenario'] as LendingScenario, origin: file });
  }

  // Files this run created (the only ones it may remove); per file, the ids saved in it (two ids
  // can share a scenario); per id, its files.
  const created = new Set<string>();
  const idsOf = new Map<string, Set<string>>();
  const held = new Map<string, Set<string>>();
  const save = (id: string, scenario: LendingScenario, message: string): string => {
    const file = lendingFailureFile(dir, scenario);
    const ids = (idsOf.get(file) ?? new Set<string>()).add(id);
    idsOf.set(file, ids);
    const body: LendingFailureFile = {
      format: LENDING_FAILURE_FORMAT,
      profile,
      invariants: [...ids].sort(),
      message: message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS)}…` : message,
      scenario,
    };
    if (!existsSync(file)) created.add(file);
    writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`);
    held.set(id, (held.get(id) ?? new Set<string>()).add(file));
    return file;
  };
  return {
    replay,
    otherProfiles,
    notLending,
    problems,
    found: save,
    shrunk: (id, scenario, message) => {
      const file = save(id, scenario, message);
      for (const earlier of held.get(id) ?? []) {
        if (earlier === file) continue;
        const others = [...(idsOf.get(earlier) ?? [])].filter((x) => x !== id);
        idsOf.set(earlier, new Set(others));
        if (created.has(earlier) && others.length === 0) rmSync(earlier, { force: true });
      }
      held.set(id, new Set([file]));
      return file;
    },
  };
}

/** Why a lending failure file cannot be replayed, or null: its fields, then its scenario (spec §11.1). */
function fileIssue(doc: Record<string, unknown>): string | null {
  if (typeof doc['profile'] !== 'string') return `$.profile: expected a lending profile name, received ${JSON.stringify(doc['profile'])}`;
  const inv = doc['invariants'];
  if (!Array.isArray(inv) || !inv.every((x) => typeof x === 'string')) return `$.invariants: expected a list of invariant ids, received ${JSON.stringify(inv)}`;
  if (typeof doc['message'] !== 'string') return `$.message: expected a string, received ${JSON.stringify(doc['message'])}`;
  const parsed = parseLendingScenario(doc['scenario']);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    return `$.scenario${first ? `.${first.path}` : ''}: expected ${first?.expected ?? 'a valid lending scenario'}, received ${first?.received ?? '?'} (spec §11.1)`;
  }
  return null;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
