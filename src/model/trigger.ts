import type { Dec } from './decimal.ts';
import type { Trigger } from './types.ts';

/**
 * Trigger predicate: liquidatable iff `E < MM` (strict) or `E ≤ MM` (inclusive); a group without
 * positions (`MM = 0` and nothing to close) is never liquidatable.
 *
 * @see docs/spec.md#43-trigger
 */
export function isLiquidatable(trigger: Trigger, equity: Dec, maintenance: Dec, hasPositions: boolean): boolean {
  if (!hasPositions) return false;
  return trigger === 'strict' ? equity.lt(maintenance) : equity.lte(maintenance);
}

/**
 * Exit predicate (hysteresis): the complement of the trigger applied to the buffered target.
 *
 * @see docs/spec.md#44-target-hysteresis
 */
export function meetsTarget(trigger: Trigger, equity: Dec, target: Dec): boolean {
  return trigger === 'strict' ? equity.gte(target) : equity.gt(target);
}
