import type { Dec } from './decimal.ts';
import type { PenaltyStep } from './types.ts';

/**
 * Penalty rate for a group's distress: the rate of the last step with `E/MM ≤ maxMarginRatio`,
 * compared exactly as `E ≤ maxMarginRatio · MM`; `null` when no step applies (a healthy group).
 *
 * @remarks Steps have strictly decreasing thresholds and non-decreasing rates, so the rate is
 * non-decreasing in distress and capped by the last step.
 * @see docs/spec.md#5-penalty-schedule
 */
export function penaltyRate(steps: readonly PenaltyStep[], equity: Dec, maintenance: Dec): Dec | null {
  let rate: Dec | null = null;
  for (const s of steps) {
    if (equity.lte(s.maxMarginRatio.mul(maintenance))) rate = s.rate;
    else break;
  }
  return rate;
}
