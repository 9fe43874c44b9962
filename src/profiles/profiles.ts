/**
 * The venue profiles shipped with the package: every `profiles/<name>.json`, read once. The
 * folder is found from this module's own location — two levels up from src/profiles/ and from
 * dist/profiles/ alike, as src/cli/main.ts finds package.json — so it is the same folder from a
 * clone, from `npx liqcheck` and from the installed package.
 * @see docs/spec.md#109-policy-names-and-venue-profiles
 * @see docs/profiles/README.md
 */
import { fileURLToPath } from 'node:url';
import { readNamedJsonFolder, type NamedJsonFolder } from '../io/readNamedJsonFolder.ts';
import { readProfile, type LoadedProfile } from './readProfile.ts';

/** The shipped profiles folder, an absolute path. */
export const PROFILES_DIR = fileURLToPath(new URL('../../profiles/', import.meta.url));

/** A folder's profiles, by name, or the problems of the files that are not profiles. */
export type ProfileFolder = NamedJsonFolder<LoadedProfile>;

/**
 * Reads every `*.json` of `dir` (a missing folder has none), in name order. A file's `name` must
 * be its file name: `--profile NAME` and a handshake's `"policy": NAME` find it by that name.
 */
export function readProfileFolder(dir: string): ProfileFolder {
  return readNamedJsonFolder(dir, readProfile, (p) => p.wire.name);
}

let shipped: ProfileFolder | undefined;

/** The shipped folder, read on first use (a command that names no profile never reads it). */
export function shippedProfiles(): ProfileFolder {
  shipped ??= readProfileFolder(PROFILES_DIR);
  return shipped;
}

/** The shipped profiles, in name order. */
export function profileList(): readonly LoadedProfile[] {
  return [...shippedProfiles().profiles.values()];
}

/** The shipped profile `name`, or undefined. */
export function profileNamed(name: string): LoadedProfile | undefined {
  return shippedProfiles().profiles.get(name);
}
