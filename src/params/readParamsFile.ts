/**
 * Reading a risk-parameters file: JSON syntax and structure (the params shape), each problem with
 * a field path, what was expected and what was received.
 * @see docs/params.md#the-file
 */
import { readFileSync } from 'node:fs';
import { paramsShape } from '../fixtures/format.ts';
import { validate } from '../fixtures/shape.ts';
import type { Issue, RiskParams } from '../model/types.ts';

/** A params file as read: structurally valid JSON, or every structural problem. */
export type ParamsFileRead =
  | { readonly ok: true; readonly params: RiskParams; readonly text: string }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Reads `file` and checks it against the params shape (field names, types, decimal syntax). Rules
 * *between* fields (continuity, monotonicity, PAR-00x) are not judged here: a file can be well
 * formed and still unsafe, and `params check` reports the two differently (exit 2 vs exit 1).
 */
export function readParamsFile(file: string): ParamsFileRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, issues: [{ path: file, expected: 'a readable file', received: `an error (${(e as NodeJS.ErrnoException).code ?? String(e)})` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ path: file, expected: 'JSON', received: `a syntax error (${(e as Error).message})` }] };
  }
  const issues = validate(paramsShape, json, 'params');
  return issues.length > 0 ? { ok: false, issues } : { ok: true, params: json as RiskParams, text };
}

/** One line per issue, `path: expected …, received …`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `  ${i.path}: expected ${i.expected}, received ${i.received}`).join('\n');
}
