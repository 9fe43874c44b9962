/**
 * The lending profiles shipped with the package: every `profiles/lending/<name>.json`, read once.
 * The folder is found from this module's own location (three levels up from src/lending/profiles/
 * and from dist/lending/profiles/ alike), as src/profiles/profiles.ts finds profiles/.
 * @see docs/profiles/README.md#lending-profiles
 */
import { fileURLToPath } from 'node:url';
import { readNamedJsonFolder, type NamedJsonFolder } from '../../io/readNamedJsonFolder.ts';
import { readLendingProfile, type LoadedLendingProfile } from './readLendingProfile.ts';

/** The shipped lending profiles folder, an absolute path. */
export const LENDING_PROFILES_DIR = fileURLToPath(new URL('../../../profiles/lending/', import.meta.url));

/** A folder's lending profiles, by name, or the problems of the files that are not profiles. */
export type LendingProfileFolder = NamedJsonFolder<LoadedLendingProfile>;

/**
 * Reads every `*.json` of `dir` (a missing folder has none), in name order. A file's `name` must
 * be its file name: `--profile NAME` and an engine's `policy` find it by that name.
 */
export function readLendingProfileFolder(dir: string): LendingProfileFolder {
  return readNamedJsonFolder(dir, readLendingProfile, (p) => p.wire.name);
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
