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

/** Canonical JSON with sorted keys, for exact comparison of results. */
export function canonicalJson(x: unknown): string {
  return JSON.stringify(x, (_k, val: unknown) =>
    val !== null && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}
