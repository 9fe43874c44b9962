/**
 * The policy an engine declares, resolved: an inline policy object (parsed), or a name the
 * reference knows — its own, or a venue profile's (profiles/<name>.json, issue 12) — or a name it
 * does not (null: judged by the invariants that presume nothing).
 * @see docs/spec.md#109-policy-names-and-venue-profiles
 */
import { parsePolicy } from './parsePolicy.ts';
import { REFERENCE_POLICY, REFERENCE_POLICY_NAME, type FPolicy } from './policy.ts';
import type { Issue } from '../model/types.ts';
import { shippedProfiles, type ProfileFolder } from '../profiles/profiles.ts';

export type Resolved = { readonly ok: true; readonly policy: FPolicy | null } | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Resolves a handshake's `policy` (a name or an inline object); an invalid object is an error.
 * `profiles` is the folder whose profile names are known (default: the shipped one).
 */
export function resolvePolicy(declared: unknown, path = 'policy', profiles: () => ProfileFolder = shippedProfiles): Resolved {
  if (typeof declared === 'string') {
    if (declared === REFERENCE_POLICY_NAME) return { ok: true, policy: REFERENCE_POLICY };
    return { ok: true, policy: profiles().profiles.get(declared)?.policy ?? null };
  }
  const p = parsePolicy(declared, path);
  return p.ok ? { ok: true, policy: p.value } : p;
}
