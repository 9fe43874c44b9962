import { paramsFileMessage } from '../params/readParamsFile.ts';
import { lendingProfileList } from '../lending/profiles/lendingProfiles.ts';
import { profileList, profileNamed, readProfile, type LoadedProfile } from '../profiles/index.ts';
import { UsageError } from './usageError.ts';

/**
 * The profile `--profile NAME` names: a shipped one (profiles/NAME.json), or a profile file of the
 * user's own when the argument is a path (contains `/` or ends in `.json`). An unknown name, or a
 * file that is no valid profile, is a UsageError (exit 2): the known names — the lending profiles'
 * (profiles/lending/, which `check --profile` also takes) listed apart — or every problem as
 * `path: expected …, received …`.
 * @see docs/profiles/README.md
 */
export function loadProfile(nameOrFile: string, option = '--profile'): LoadedProfile {
  if (nameOrFile.includes('/') || nameOrFile.endsWith('.json')) {
    const r = readProfile(nameOrFile);
    if (!r.ok) throw new UsageError(`${option} ${paramsFileMessage(nameOrFile, r.issues)}`);
    return r.profile;
  }
  const p = profileNamed(nameOrFile);
  if (p !== undefined) return p;
  const known = profileList().map((x) => x.wire.name);
  const lending = lendingProfileList().map((x) => x.wire.name);
  const lendingNote = lending.length > 0 ? `; lending profiles: ${lending.join(', ')}` : '';
  throw new UsageError(`${option}: unknown profile ${JSON.stringify(nameOrFile)}; known profiles: ${known.length > 0 ? known.join(', ') : '(none shipped)'}${lendingNote} (or a path to a profile file, e.g. ./my-venue.json)`);
}
