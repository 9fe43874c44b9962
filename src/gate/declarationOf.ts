/**
 * The policy an engine under test declares, as the gate uses it (spec §10.7): the name reports
 * print, the policy resolved (null when the reference does not know the name), and the wire form
 * stamped into every scenario the engine is sent.
 * @see docs/spec.md#107-promises
 */
import fc from 'fast-check';
import { canonicalCompact } from '../fixtures/canonicalJson.ts';
import { scenariosUnder } from '../arbitraries/policyScenario.ts';
import { Fixed, toCanonical } from '../model/fixed.ts';
import type { Issue, RiskParams, Scenario } from '../model/types.ts';
import { REFERENCE_POLICY_NAME, type FPolicy } from '../policy/policy.ts';
import { resolvePolicy } from '../policy/resolvePolicy.ts';
import { shippedProfiles, type ProfileFolder } from '../profiles/profiles.ts';
import type { Policy } from '../wire/policy.ts';

/** A handshake's `policy`: a name, or an inline policy object. */
export type Declared = string | Policy;

export interface Declaration {
  /** for reports: the name declared, or the inline policy's `name`, or one built from its parts */
  readonly name: string;
  /** resolved; null: a name the reference cannot run (judged by the invariants that presume nothing) */
  readonly policy: FPolicy | null;
  /** stamped into every scenario (`{}`: none, the reference policy's scenarios as drawn); null with `policy` */
  readonly wire: Policy | null;
  /** a venue profile's name (profiles/<name>.json): its params are the run's unless `--params` pins others */
  readonly profile?: string;
  readonly params?: RiskParams;
}

/** The declaration of `declared`, or the issues of an inline policy the reference cannot parse. */
export function declarationOf(
  declared: Declared,
  path = 'policy',
  profiles: () => ProfileFolder = shippedProfiles,
): { readonly ok: true; readonly value: Declaration } | { readonly ok: false; readonly issues: readonly Issue[] } {
  const r = resolvePolicy(declared, path, profiles);
  if (!r.ok) return r;
  if (typeof declared !== 'string') return { ok: true, value: { name: r.policy!.name, policy: r.policy, wire: declared } };
  if (r.policy === null) return { ok: true, value: { name: declared, policy: null, wire: null } };
  // The reference's own name: its scenarios carry no policy field, as drawn.
  if (declared === REFERENCE_POLICY_NAME) return { ok: true, value: { name: declared, policy: r.policy, wire: {} } };
  return { ok: true, value: profileDeclaration(profiles().profiles.get(declared)!) };
}

/** A venue profile as a declaration: its policy stamped into every scenario, its params the run's. */
export function profileDeclaration(p: { readonly wire: { readonly name: string; readonly policy: Policy }; readonly policy: FPolicy; readonly params: RiskParams }): Declaration {
  return { name: p.wire.name, policy: p.policy, wire: p.wire.policy, profile: p.wire.name, params: p.params };
}

/**
 * The scenarios an engine declaring `d` is sent: `base` under its policy (with `book`/`requests`
 * when its parts read them), or `base` as drawn for a policy the reference cannot run.
 */
export function scenariosFor(d: Declaration, base: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> {
  return d.policy === null || d.wire === null ? base : scenariosUnder(d.policy, d.wire, base);
}

/**
 * The valuation a run under `d` solves inverse accounts for (src/arbitraries/inverseAccount.ts):
 * the declared policy's tier valuation, so that the margin ratio drawn first is the one the
 * engine's requirement sees and the boundary draws land exactly on it (spec §10.2, §12.2).
 */
export function valued(d: Declaration): { readonly inverseValuation?: 'mark' | 'entry' } {
  const r = d.policy?.requirement;
  return r?.kind === 'tiers' ? { inverseValuation: r.valuation } : {};
}

/**
 * The `policy` field every scenario of a run under `d` carries ({@link scenariosFor}): none for the
 * reference policy unnamed and for a policy the reference cannot run.
 */
export function stampedPolicy(d: Declaration): Policy | undefined {
  if (d.policy === null || d.wire === null) return undefined;
  return d.policy.isReference && d.wire.name === undefined ? undefined : d.wire;
}

/**
 * Whether a saved scenario belongs to a run under `d`: it carries the policy the run stamps (as a
 * canonical JSON value), or none when the run stamps none. A counterexample recorded under one
 * policy is no evidence against an engine declaring another (it may rightly refuse it).
 */
export function isUnder(d: Declaration, s: Scenario): boolean {
  const stamped = stampedPolicy(d);
  const carried = (s as { readonly policy?: unknown }).policy;
  if (stamped === undefined || carried === undefined) return stamped === carried;
  return canonicalCompact(carried) === canonicalCompact(stamped);
}

const PARTS = [
  ['requirement', 'requirement'],
  ['closeSize', 'close size'],
  ['price', 'price'],
  ['penalty', 'penalty'],
  ['loss', 'loss'],
  ['trigger', 'trigger'],
] as const;

/** A part's parameter as text: amounts canonical (spec §1.1), lists and records spelled out. */
function show(v: unknown): string {
  if (v instanceof Fixed) return toCanonical(v);
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k} ${show(x)}`).join(', ')}}`;
  return String(v);
}

/** The parts of `p`, one `label kind (parameters)` each, e.g. `close size fixed-portion (portion 0.1, minimumNotional 50)`. */
export function describeParts(p: FPolicy): string[] {
  // The trigger (spec §10.8) is listed only when it is not the default, so that a policy without
  // one reads as it did before the part existed.
  return PARTS.filter(([key]) => key !== 'trigger' || p.trigger.kind !== 'params').map(([key, label]) => {
    const { kind, ...params } = p[key] as { readonly kind: string } & Record<string, unknown>;
    const shown = Object.entries(params).map(([k, v]) => `${k} ${show(v)}`);
    return `${label} ${kind}${shown.length > 0 ? ` (${shown.join(', ')})` : ''}`;
  });
}

/** Whether two policies have the same rules (their names aside). */
export function sameRules(a: FPolicy, b: FPolicy): boolean {
  return describeParts(a).join('\n') === describeParts(b).join('\n');
}
