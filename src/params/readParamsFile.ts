/**
 * Reading a risk-parameters file, the one way every command does it (`params check`, `check
 * --params`, `fuzz`, `sweep`, `fixtures generate`): strict JSON (src/io/readJsonFile.ts), the
 * params schema (src/wire/params.ts), then the reference model's own parser. A file any step refuses is a configuration
 * error, with the same message and exit 2 in every command.
 * @see docs/params.md#one-verdict-per-file
 */
import { readJsonFile } from '../io/readJsonFile.ts';
import { parseParams } from '../model/parseScenario.ts';
import type { Issue, RiskParams } from '../model/types.ts';
import { Params } from '../wire/params.ts';
import { validator } from '../wire/validate.ts';

/** The params schema compiled; issue paths start at `params`. */
const paramsStructure = validator(Params, 'params');

/** A params file as read: accepted by the reference model, or every problem found. */
export type ParamsFileRead =
  | { readonly ok: true; readonly params: RiskParams; readonly text: string }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Reads `file` and checks it: a regular file of bounded size, UTF-8, JSON without duplicate or
 * prototype keys, the params shape (field names, types, decimal syntax), and the rules the model
 * enforces between fields (continuous tiers, a monotone schedule, `r + b < 1`, market ids, …).
 * What is left for `params check` to judge (PAR rules the model does not enforce, advisories) is
 * about a file the model accepts.
 */
export function readParamsFile(file: string): ParamsFileRead {
  const read = readJsonFile(file, { root: 'params' });
  if (!read.ok) return { ok: false, issues: [{ path: read.problem.path, expected: read.problem.expected, received: read.problem.received }] };
  const shape = paramsStructure(read.value);
  if (!shape.ok) return { ok: false, issues: shape.issues };
  const parsed = parseParams(read.value);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return { ok: true, params: read.value as RiskParams, text: read.text };
}

/** One line per issue, `path: expected …, received …`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `  ${i.path}: expected ${i.expected}, received ${i.received}`).join('\n');
}

/** The message of a refused params file, the same in every command: `FILE: N problem(s)` and one line per issue. */
export function paramsFileMessage(file: string, issues: readonly Issue[]): string {
  return `${file}: ${issues.length} problem(s)\n${formatIssues(issues)}`;
}
