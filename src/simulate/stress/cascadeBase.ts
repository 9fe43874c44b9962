/**
 * What every cell of a cascade sweep starts from — a venue profile, a params file's parameters or
 * the built-in ones — as plain data, so a worker thread can rebuild it; and the `base` argument
 * of resolveSimulation it stands for.
 * @see docs/simulation.md#s11-stress-search
 */
import { createHash } from 'node:crypto';
import { defaultParams } from '../../arbitraries/defaultParams.ts';
import type { RiskParams } from '../../model/types.ts';
import { profileNamed, readProfile } from '../../profiles/index.ts';
import type { ConfigJson } from './cascadeAxes.ts';

export interface CascadeBase {
  /** a shipped profile's name, or a profile file's path */
  readonly profile: string | null;
  /** a params file's path (for the report) and its parameters; both null: the built-in parameters */
  readonly paramsFile: string | null;
  readonly params: RiskParams | null;
  /** a population file's JSON (`--accounts FILE`, spec S2.1), or null: the population is generated */
  readonly accounts?: unknown;
}

export interface ResolvedBase {
  readonly params: RiskParams;
  readonly policy?: unknown;
  readonly profile?: string;
  readonly accounts?: unknown;
}

const cache = new Map<string, ResolvedBase>();

/** The base as resolveSimulation takes it; a profile is read once per thread. */
export function resolveBase(b: CascadeBase): ResolvedBase {
  const accounts = b.accounts === undefined || b.accounts === null ? {} : { accounts: b.accounts };
  if (b.profile === null) return { params: b.params ?? defaultParams, ...accounts };
  const hit = cache.get(b.profile);
  if (hit !== undefined) return { ...hit, ...accounts };
  const fromFile = b.profile.includes('/') || b.profile.endsWith('.json');
  const p = fromFile ? (() => { const r = readProfile(b.profile); return r.ok ? r.profile : undefined; })() : profileNamed(b.profile);
  if (p === undefined) throw new Error(`cascade sweep: no profile ${JSON.stringify(b.profile)}`);
  const resolved: ResolvedBase = { params: p.params, policy: p.wire.policy, profile: p.wire.name };
  cache.set(b.profile, resolved);
  return { ...resolved, ...accounts };
}

/** JSON with object keys sorted: the same data hashes the same whatever order it was written in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Readonly<Record<string, unknown>>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The sha256 of the base and the configuration: two reports with the same one ran the same cells. */
export function baseDigest(b: CascadeBase, config: ConfigJson): string {
  const r = resolveBase(b);
  return createHash('sha256').update(canonicalJson({ params: r.params, policy: r.policy ?? null, profile: r.profile ?? null, accounts: r.accounts ?? null, config })).digest('hex');
}
