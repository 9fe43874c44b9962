/**
 * The highest rate a penalty part can charge (spec §5.1, §10.5): the last step's rate of the
 * schedule, or the last point's rate of the linear function — rates are non-decreasing in distress
 * under both, so this bounds every fill's rate.
 * @see docs/spec.md#105-penalty
 */
import type { Fixed } from '../../model/fixed.ts';
import type { FParams } from '../../model/fixedCore.ts';
import type { FPenalty } from '../policy.ts';

export function deepestRate(penalty: FPenalty, params: FParams): Fixed {
  if (penalty.kind === 'linear') return penalty.points[penalty.points.length - 1]!.rate;
  return params.steps[params.steps.length - 1]!.rate;
}
