/** The rule of each close-size option (spec §10.3). @see docs/spec.md#103-close-size */
import type { CloseRule } from '../closeContext.ts';
import type { FCloseSize } from '../policy.ts';
import { fixedPortion } from './fixedPortion.ts';
import { full } from './full.ts';
import { minimal } from './minimal.ts';
import { requested } from './requested.ts';
import { stepDown } from './stepDown.ts';

const RULES: Readonly<Record<FCloseSize['kind'], CloseRule>> = {
  minimal,
  'fixed-portion': fixedPortion,
  'step-down': stepDown,
  full,
  requested,
};

export function closeRuleOf(c: FCloseSize): CloseRule {
  return RULES[c.kind];
}
