/**
 * The trigger part of a policy, parsed (spec §10.8): the backstop threshold as an exact fraction.
 * The schema (src/wire/policy/trigger.ts) has already required two positive integers.
 * @see docs/spec.md#108-trigger-and-backstop
 */
import type { Issue } from '../../model/types.ts';
import type { Trigger } from '../../wire/policy/trigger.ts';
import type { FTrigger } from '../policy.ts';
import { policyIssue } from '../readAmount.ts';

export function parseTrigger(w: Trigger, path: string, issues: Issue[]): FTrigger | undefined {
  if (w.kind === 'params') return { kind: 'params' };
  const numerator = BigInt(w.numerator);
  const denominator = BigInt(w.denominator);
  // A threshold above the maintenance requirement would take over groups that are not liquidatable.
  if (numerator > denominator) return policyIssue(issues, `${path}.numerator`, `a numerator ≤ denominator (${w.denominator}): the threshold is at most the maintenance requirement`, w.numerator);
  return { kind: 'backstop', numerator, denominator };
}
