/**
 * Reading a lending profile file (profiles/lending/<name>.json, or a file of the user's own):
 * strict JSON (src/io/readJsonFile.ts), the profile's schema (src/wire/lendingProfile.ts), then the
 * semantic rules of its params (spec §11.1, the lending reference's own parser). A refused file is
 * every problem as `{path, expected, received}`, paths from the file's root
 * (`params.assets["WETH"].liquidationBonus`), as src/profiles/readProfile.ts does for perp profiles.
 * @see docs/spec.md#11-lending-health-factor
 * @see docs/profiles/README.md#lending-profiles
 */
import { readJsonFile } from '../../io/readJsonFile.ts';
import { deepFreeze } from '../../model/frozen.ts';
import type { Issue } from '../../model/types.ts';
import type { LendingParams } from '../../wire/lending.ts';
import { LendingProfile } from '../../wire/lendingProfile.ts';
import { validator } from '../../wire/validate.ts';
import { parseLendingScenario } from '../parseLendingScenario.ts';

const checkLendingProfile = validator(LendingProfile);

/** A lending profile as read: its wire form (frozen) and the file it came from. */
export interface LoadedLendingProfile {
  readonly file: string;
  readonly wire: LendingProfile;
  readonly params: LendingParams;
}

export type LendingProfileRead = { readonly ok: true; readonly profile: LoadedLendingProfile } | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * The semantic problems of `params` (spec §11.1). The params parser is the scenario parser's own
 * first half: it is run on an empty account, and only what it says of `params` is kept (an empty
 * account has no request, which close-factor rules would otherwise ask for).
 */
function paramsIssues(params: LendingParams): readonly Issue[] {
  const probe = parseLendingScenario({ model: 'lending', params, prices: {}, account: { supplies: {}, borrows: {} } });
  return probe.ok ? [] : probe.issues.filter((i) => i.path === 'params' || i.path.startsWith('params.') || i.path.startsWith('params['));
}

/** Checks an already-read JSON value as the lending profile `file`. */
export function parseLendingProfile(value: unknown, file: string): LendingProfileRead {
  const shape = checkLendingProfile(value);
  if (!shape.ok) return shape;
  const issues = paramsIssues(shape.value.params);
  if (issues.length > 0) return { ok: false, issues };
  const wire = deepFreeze(shape.value);
  return { ok: true, profile: { file, wire, params: wire.params } };
}

/** Reads and checks the lending profile file `file`. */
export function readLendingProfile(file: string): LendingProfileRead {
  const read = readJsonFile(file, { root: '(the file)' });
  if (!read.ok) return { ok: false, issues: [{ path: read.problem.path, expected: read.problem.expected, received: read.problem.received }] };
  return parseLendingProfile(read.value, file);
}
