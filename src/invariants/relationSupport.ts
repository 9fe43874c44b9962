/**
 * Helpers for metamorphic (relation) invariants.
 *
 * @internal
 */
import type { DerivedRun } from './invariant.ts';
import type { LiquidationResult } from '../model/types.ts';

/** The derived run's result, or a message saying why there is none. */
export function resultOf(run: DerivedRun | undefined): LiquidationResult | string {
  if (run === undefined) return 'the derived scenario was not run';
  if (!run.outcome.ok) {
    const e = run.outcome.error;
    const detail = 'message' in e && typeof e.message === 'string' ? `: ${e.message.split('\n')[0]}` : '';
    return `the engine answered the derived scenario with ${e.code}${detail}`;
  }
  return run.outcome.result;
}


/**
 * The first place where two JSON values differ (object key order ignored), as a path with both
 * values, or `null` when they are equal. Cheaper than comparing canonical strings, and it says
 * where.
 */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}.length: ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  if (ka.length !== Object.keys(rb).length) {
    const extra = [...new Set([...ka, ...Object.keys(rb)])].filter((k) => !(k in ra) || !(k in rb));
    return `${path}: fields ${extra.join(', ')} present on one side only`;
  }
  for (const k of ka) {
    if (!(k in rb)) return `${path}.${k}: present on one side only`;
    const d = firstDifference(ra[k], rb[k], path ? `${path}.${k}` : k);
    if (d !== null) return d;
  }
  return null;
}
