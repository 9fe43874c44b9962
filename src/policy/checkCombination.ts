/**
 * Combinations of parts the reference cannot run (spec §10.1): each part's rule is defined, but
 * one of them presumes something another part does not give.
 * @see docs/spec.md#101-a-policy
 * @internal
 */
import type { Issue } from '../model/types.ts';
import type { FPolicy } from './policy.ts';
import { policyIssue } from './readAmount.ts';

export function checkCombination(p: Omit<FPolicy, 'name' | 'isReference'>, path: string, issues: Issue[]): void {
  const at = (name: string): string => (path === '' ? name : `${path}.${name}`);
  // The minimal close's walk on the lot grid (§6.3) needs a requirement piecewise linear in size.
  if (p.closeSize.kind === 'minimal' && p.requirement.kind === 'size-scaled') {
    policyIssue(issues, at('closeSize'), 'a close size other than "minimal" with a size-scaled requirement (§6.3 needs a requirement piecewise linear in size)', 'minimal');
  }
  // Tier step-down reduces to tier floors: it needs tiers.
  if (p.closeSize.kind === 'step-down' && p.requirement.kind !== 'tiers') {
    policyIssue(issues, at('closeSize'), 'a tiers requirement for the "step-down" close size (it reduces to tier floors)', 'step-down');
  }
}
