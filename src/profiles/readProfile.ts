/**
 * Reading a venue profile file (profiles/<name>.json, or a file of the user's own): strict JSON
 * (src/io/readJsonFile.ts), the profile's schema (src/wire/profile.ts), then the semantic rules of
 * its two halves, the policy's (spec §10, src/policy/parsePolicy.ts) and the params' (spec §2.1,
 * the reference model's own parser). A refused file is every problem as `{path, expected,
 * received}`, paths from the file's root (`policy.closeSize.portion`, `params.quoteScale`).
 * @see docs/spec.md#109-policy-names-and-venue-profiles
 * @see docs/profiles/README.md
 */
import { readJsonFile } from '../io/readJsonFile.ts';
import { deepFreeze } from '../model/frozen.ts';
import { parseParams } from '../model/parseScenario.ts';
import type { Issue, RiskParams } from '../model/types.ts';
import { parsePolicy } from '../policy/parsePolicy.ts';
import type { FPolicy } from '../policy/policy.ts';
import { Profile } from '../wire/profile.ts';
import { validator } from '../wire/validate.ts';

const checkProfile = validator(Profile);

/** A profile as read: its wire form, its policy parsed, its params (the wire form, frozen). */
export interface LoadedProfile {
  readonly file: string;
  readonly wire: Profile;
  readonly policy: FPolicy;
  readonly params: RiskParams;
}

export type ProfileRead = { readonly ok: true; readonly profile: LoadedProfile } | { readonly ok: false; readonly issues: readonly Issue[] };

/** Checks an already-read JSON value as the profile `file`. */
export function parseProfile(value: unknown, file: string): ProfileRead {
  const shape = checkProfile(value);
  if (!shape.ok) return shape;
  const policy = parsePolicy(shape.value.policy, 'policy');
  const params = parseParams(shape.value.params, 'params');
  const issues = [...(policy.ok ? [] : policy.issues), ...(params.ok ? [] : params.issues)];
  if (!policy.ok || !params.ok) return { ok: false, issues };
  const wire = deepFreeze(shape.value);
  return { ok: true, profile: { file, wire, policy: policy.value, params: wire.params as RiskParams } };
}

/** Reads and checks the profile file `file`. */
export function readProfile(file: string): ProfileRead {
  const read = readJsonFile(file, { root: '(the file)' });
  if (!read.ok) return { ok: false, issues: [{ path: read.problem.path, expected: read.problem.expected, received: read.problem.received }] };
  return parseProfile(read.value, file);
}
