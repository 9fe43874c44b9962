/**
 * The lending profiles shipped with the package: every `profiles/lending/<name>.json`, read once.
 * The folder is found from this module's own location (three levels up from src/lending/profiles/
 * and from dist/lending/profiles/ alike), as src/profiles/profiles.ts finds profiles/.
 * @see docs/profiles/README.md#lending-profiles
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../../model/types.ts';
import { readLendingProfile, type LoadedLendingProfile } from './readLendingProfile.ts';

/** The shipped lending profiles folder, an absolute path. */
export const LENDING_PROFILES_DIR = fileURLToPath(new URL('../../../profiles/lending/', import.meta.url));

/** A folder's lending profiles, by name, or the problems of the files that are not profiles. */
export interface LendingProfileFolder {
  readonly profiles: ReadonlyMap<string, LoadedLendingProfile>;
  /** per refused file; a shipped folder has none (a test loops over it) */
  readonly problems: readonly { readonly file: string; readonly issues: readonly Issue[] }[];
}

/**
 * Reads every `*.json` of `dir` (a missing folder has none), in name order. A file's `name` must
 * be its file name: `--profile NAME` and an engine's `policy` find it by that name.
 */
export function readLendingProfileFolder(dir: string): LendingProfileFolder {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return { profiles: new Map(), problems: [] };
  }
  const profiles = new Map<string, LoadedLendingProfile>();
  const problems: { file: string; issues: readonly Issue[] }[] = [];
  for (const f of names) {
    const file = join(dir, f);
    const r = readLendingProfile(file);
    if (!r.ok) {
      problems.push({ file, issues: r.issues });
      continue;
    }
    const stem = f.slice(0, -'.json'.length);
    if (r.profile.wire.name !== stem) {
      problems.push({ file, issues: [{ path: 'name', expected: `${JSON.stringify(stem)} (the file's name)`, received: JSON.stringify(r.profile.wire.name) }] });
      continue;
    }
    profiles.set(stem, r.profile);
  }
  return { profiles, problems };
}

let shipped: LendingProfileFolder | undefined;

/** The shipped folder, read on first use. */
export function shippedLendingProfiles(): LendingProfileFolder {
  shipped ??= readLendingProfileFolder(LENDING_PROFILES_DIR);
  return shipped;
}

/** The shipped lending profiles, in name order. */
export function lendingProfileList(): readonly LoadedLendingProfile[] {
  return [...shippedLendingProfiles().profiles.values()];
}

/** The shipped lending profile `name`, or undefined. */
export function lendingProfileNamed(name: string): LoadedLendingProfile | undefined {
  return shippedLendingProfiles().profiles.get(name);
}
