/**
 * A policy's decimal field, read as an exact integer amount with a domain check, for the part
 * parsers of src/policy/*. Syntax was checked by the policy's schema (src/wire/policy.ts).
 * @internal
 */
import { describeValue, decimalOf } from '../model/parseDecimal.ts';
import { fromDec, type Fixed } from '../model/fixed.ts';
import type { Issue } from '../model/types.ts';

/** The interval a policy amount must lie in, with its words: `[lo, hi]` bounds, either open. */
export interface AmountDomain {
  readonly words: string;
  readonly test: (x: Fixed) => boolean;
}

/** Reads `raw` (a decimal string) at `path`; pushes an issue and returns undefined when outside `domain`. */
export function readAmount(raw: string, path: string, issues: Issue[], domain: AmountDomain): Fixed | undefined {
  const d = decimalOf(raw, path, issues);
  if (d === undefined) return undefined;
  const x = fromDec(d);
  if (!domain.test(x)) {
    issues.push({ path, expected: domain.words, received: describeValue(raw) });
    return undefined;
  }
  return x;
}

/** Pushes an issue about `path` and returns undefined. */
export function policyIssue(issues: Issue[], path: string, expected: string, received: unknown): undefined {
  issues.push({ path, expected, received: describeValue(received) });
  return undefined;
}
