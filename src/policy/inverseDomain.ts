/**
 * The domain of an inverse market (spec §12.1): it runs only under a policy, and only with the
 * parts whose rules are written for coin values. Anything else is invalid input, reported at the
 * part that is refused, with the reason.
 * @see docs/spec.md#121-inputs
 */
import { describeValue } from '../model/parseDecimal.ts';
import type { Issue } from '../model/types.ts';
import type { FPolicy } from './policy.ts';

/** Why a part's option is refused on an inverse market (spec §12.1), by part. */
const MINIMAL =
  'the closed form of §6.3 presumes a slack exactly linear in the size closed, which the per-term rounding of §12.2 makes a staircase';
const NOT_WRITTEN = 'its rule is not yet written for coin values';

/**
 * The issues of running a scenario whose params hold an inverse market under `policy` (`raw` is
 * the scenario's `policy` field as given, for the words of an issue): none when the policy is in
 * the domain of §12.1.
 */
export function inverseDomainIssues(policy: FPolicy, raw: unknown): Issue[] {
  const out: Issue[] = [];
  const at = (part: string): unknown => (raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[part] : undefined);
  const refuse = (part: keyof FPolicy & string, kind: string, why: string): void => {
    out.push({ path: `policy.${part}`, expected: `a ${part} part other than "${kind}" on an inverse market: ${why} (spec §12.1)`, received: describeValue(at(part)) });
  };
  if (raw === undefined) {
    out.push({
      path: 'policy',
      expected: 'a policy (spec §10) with a close size other than "minimal": an inverse market runs only under a policy, and the reference policy is minimal-close (spec §12.1)',
      received: describeValue(raw),
    });
    return out;
  }
  if (policy.requirement.kind === 'size-scaled') refuse('requirement', 'size-scaled', `a rate of |q|: ${NOT_WRITTEN}`);
  if (policy.closeSize.kind === 'minimal') refuse('closeSize', 'minimal', MINIMAL);
  if (policy.price.kind === 'book') refuse('price', 'book', `a book walk's dust rule: ${NOT_WRITTEN}`);
  if (policy.trigger.kind === 'backstop') refuse('trigger', 'backstop', `a backstop takeover: ${NOT_WRITTEN}`);
  return out;
}
