/**
 * The policy an engine declares, resolved: an inline policy object (parsed), or a name the
 * reference knows, or a name it does not (null: judged by the invariants that presume nothing).
 * @see docs/spec.md#107-promises
 */
import { parsePolicy } from './parsePolicy.ts';
import { REFERENCE_POLICY, REFERENCE_POLICY_NAME, type FPolicy } from './policy.ts';
import type { Issue } from '../model/types.ts';

/** Names the reference can run. Profiles of real venues (issue 12) will add theirs. */
const KNOWN: ReadonlyMap<string, FPolicy> = new Map([[REFERENCE_POLICY_NAME, REFERENCE_POLICY]]);

export type Resolved = { readonly ok: true; readonly policy: FPolicy | null } | { readonly ok: false; readonly issues: readonly Issue[] };

/** Resolves a handshake's `policy` (a name or an inline object); an invalid object is an error. */
export function resolvePolicy(declared: unknown, path = 'policy'): Resolved {
  if (typeof declared === 'string') return { ok: true, policy: KNOWN.get(declared) ?? null };
  const p = parsePolicy(declared, path);
  return p.ok ? { ok: true, policy: p.value } : p;
}
