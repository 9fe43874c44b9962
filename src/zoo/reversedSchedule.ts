/**
 * Zoo engine "reversed schedule": the penalty schedule is read backwards — the step the distress
 * selects is found as specified, but its rate is taken from the mirror position in the table, so
 * the most distressed accounts pay the lowest rate.
 *
 * Bug class: a table sorted the other way than the lookup assumes (ascending vs descending
 * thresholds), giving a penalty that FALLS as distress grows — liquidators lose the incentive
 * exactly when the account is closest to bad debt.
 *
 * Violates LIQ-016 (penalty non-decreasing in distress) and LIQ-006 (penalty follows the
 * schedule).
 */
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

export const reversedSchedule: Engine = withRules({
  penaltyRate: (steps, equity, maintenance) => {
    // The step the reference picks: the last of the leading steps with E ≤ maxMarginRatio·MM.
    let i = -1;
    while (i + 1 < steps.length && equity.lte(steps[i + 1]!.maxMarginRatio.mul(maintenance))) i++;
    return i < 0 ? null : steps[steps.length - 1 - i]!.rate;
  },
});
