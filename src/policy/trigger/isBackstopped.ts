/**
 * Whether the backstop takes a liquidatable group over (spec §10.8): its equity is below
 * `numerator/denominator` of its maintenance requirement, compared exactly as
 * `denominator · E < numerator · MM` (`strict`) or `≤` (`inclusive`), following `params.trigger`.
 * @see docs/spec.md#108-trigger-and-backstop
 */
import { Fixed } from '../../model/fixed.ts';
import type { FHealth } from '../../model/fixedCore.ts';
import type { Trigger as TriggerMode } from '../../model/types.ts';
import type { FTrigger } from '../policy.ts';

export function isBackstopped(t: FTrigger, mode: TriggerMode, before: FHealth): boolean {
  if (t.kind !== 'backstop') return false;
  const lhs = new Fixed(t.denominator, 0).mul(before.equity);
  const rhs = new Fixed(t.numerator, 0).mul(before.maintenance);
  return mode === 'strict' ? lhs.lt(rhs) : lhs.lte(rhs);
}
