/**
 * The penalty rate of a liquidatable group under the policy's penalty part (spec §5.1, §10.5),
 * fixed by the distress before any fill.
 * @see docs/spec.md#105-penalty
 */
import type { Fixed } from '../../model/fixed.ts';
import { penaltyRate, type FHealth, type FValuation } from '../../model/fixedCore.ts';
import type { FPenalty } from '../policy.ts';
import { linearRate } from './linearRate.ts';

export function penaltyRateOf(penalty: FPenalty, v: FValuation, before: FHealth): Fixed {
  if (penalty.kind === 'linear') return linearRate(penalty.points, before.equity, before.maintenance);
  // §5.1: the first step has maxMarginRatio ≥ 1, so every liquidatable group has a rate.
  return penaltyRate(v.params.steps, before.equity, before.maintenance)!;
}
