/**
 * Reads a folder of named JSON documents — the perp profiles (profiles/) and the lending profiles
 * (profiles/lending/) alike: every `*.json`, in name order, each through the caller's reader, a
 * document's `name` bound to its file name so that a name given on the command line or in a
 * handshake finds exactly one file.
 * @see docs/profiles/README.md
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue } from '../model/types.ts';

/** A folder's documents, by name, or the problems of the files that are not documents of the kind. */
export interface NamedJsonFolder<T> {
  readonly profiles: ReadonlyMap<string, T>;
  /** per refused file; a shipped folder has none (a test loops over it) */
  readonly problems: readonly { readonly file: string; readonly issues: readonly Issue[] }[];
}

/** One file's reading: the document, or why it is not one. */
export type NamedJsonRead<T> = { readonly ok: true; readonly profile: T } | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Reads every `*.json` of `dir` (a missing folder has none), in name order, with `read`; a file
 * whose document's name (`nameOf`) is not its file name is a problem at `name`.
 */
export function readNamedJsonFolder<T>(dir: string, read: (file: string) => NamedJsonRead<T>, nameOf: (doc: T) => unknown): NamedJsonFolder<T> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return { profiles: new Map(), problems: [] };
  }
  const profiles = new Map<string, T>();
  const problems: { file: string; issues: readonly Issue[] }[] = [];
  for (const f of names) {
    const file = join(dir, f);
    const r = read(file);
    if (!r.ok) {
      problems.push({ file, issues: r.issues });
      continue;
    }
    const stem = f.slice(0, -'.json'.length);
    const name = nameOf(r.profile);
    if (name !== stem) {
      problems.push({ file, issues: [{ path: 'name', expected: `${JSON.stringify(stem)} (the file's name)`, received: JSON.stringify(name) }] });
      continue;
    }
    profiles.set(stem, r.profile);
  }
  return { profiles, problems };
}
