/**
 * Comparing two lending answers field by field, key order aside (the wire dictionaries are maps).
 * @internal
 */
import type { LendingAnswer } from './invariant.ts';

/** JSON with every object's keys sorted: equal for equal results whatever their key order. */
export function sortedJson(x: unknown): string {
  return JSON.stringify(x, (_k, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const o = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  });
}

/** The first field at which two results differ (a dotted path), or null when equal. */
export function firstDifference(a: unknown, b: unknown, path = 'result'): string | null {
  if (a === b) return null;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return `${path} (${JSON.stringify(a)} vs ${JSON.stringify(b)})`;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
    const d = firstDifference(x[k], y[k], `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}

/** What a derived run answered, as a result, or why it is not one. */
export function resultOrWhy(a: LendingAnswer | undefined): { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly why: string } {
  if (a === undefined) return { ok: false, why: 'the derived run gave no answer' };
  if (a.ok) return { ok: true, result: a.result };
  return { ok: false, why: `the derived run answered ${a.error.code}${'message' in a.error ? `: ${a.error.message}` : ''}` };
}
