/**
 * Reads a policy file for `liqcheck check --policy FILE`: strict JSON (src/io/readJsonFile.ts),
 * then the policy's schema and its parts' domains (src/policy/parsePolicy.ts). A file either
 * refuses is a configuration error: one message with every problem as `path: expected …,
 * received …` (paths from the file's root, `closeSize.portion`), exit 2.
 * @see docs/spec.md#101-a-policy
 */
import { readJsonFile } from '../io/readJsonFile.ts';
import { describeValue } from '../model/parseDecimal.ts';
import type { Issue } from '../model/types.ts';
import { paramsFileMessage } from '../params/readParamsFile.ts';
import type { Policy } from '../wire/policy.ts';
import { declarationOf, type Declaration } from './declarationOf.ts';

export type PolicyFileRead = { readonly ok: true; readonly wire: Policy; readonly declaration: Declaration } | { readonly ok: false; readonly message: string };

/** Reads and checks `file`; the message of a refused file names it and lists its problems. */
export function loadPolicyFile(file: string): PolicyFileRead {
  const refused = (issues: readonly Issue[]): PolicyFileRead => ({ ok: false, message: paramsFileMessage(file, issues) });
  const read = readJsonFile(file, { root: '(the file)' });
  if (!read.ok) return refused([{ path: read.problem.path, expected: read.problem.expected, received: read.problem.received }]);
  // A name alone is no policy file: the file is how a user writes down the rules.
  if (read.value === null || typeof read.value !== 'object' || Array.isArray(read.value)) {
    return refused([{ path: '(the file)', expected: 'a policy object (spec §10.1), e.g. {"closeSize":{"kind":"full"}}', received: describeValue(read.value) }]);
  }
  const d = declarationOf(read.value as Policy, '');
  if (!d.ok) return refused(d.issues);
  return { ok: true, wire: read.value as Policy, declaration: d.value };
}

