/**
 * Which `--profile` argument names a lending profile (profiles/lending/, spec §11) rather than a
 * perp one (profiles/, spec §10.9): a shipped lending profile's name, or a file path whose JSON
 * object has no `policy` field (a lending profile's rules are in its params; every perp profile
 * has a policy). Anything else — a perp name, an unknown name, a perp file, a file that is no JSON
 * object — is the perp command's to read and report, exactly as before.
 * @see docs/profiles/README.md#lending-profiles
 */
import { readJsonFile } from '../../io/readJsonFile.ts';
import { lendingProfileNamed } from './lendingProfiles.ts';
import { parseLendingProfile, type LendingProfileRead } from './readLendingProfile.ts';

/** How the perp command tells a path from a name (src/cli/loadProfile.ts). */
const isPath = (arg: string): boolean => arg.includes('/') || arg.endsWith('.json');

/** The lending profile `arg` names, read (or its problems); undefined when it names none. */
export function lendingProfileFor(arg: string | undefined): LendingProfileRead | undefined {
  if (arg === undefined) return undefined;
  if (!isPath(arg)) {
    const p = lendingProfileNamed(arg);
    return p === undefined ? undefined : { ok: true, profile: p };
  }
  const read = readJsonFile(arg, { root: '(the file)' });
  if (!read.ok) return undefined;
  const v = read.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v) || 'policy' in v) return undefined;
  return parseLendingProfile(v, arg);
}
