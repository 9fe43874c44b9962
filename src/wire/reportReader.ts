/**
 * Reading a report back (`merge`, `fuzz merge`, `sweep --compare`) through its schema, with one
 * message for a file that does not fit, the same in every reader: the file, what it should be and
 * which shipped schema describes it, then one `path: expected …, received …` line per issue.
 */
import type { Static, TSchema } from 'typebox';
import type { Issue } from '../model/types.ts';
import { validator } from './validate.ts';

/** Issues listed before the rest are counted: a file of another kind would list every field. */
const SHOWN = 8;

export type ReportRead<T> = { readonly ok: true; readonly report: T } | { readonly ok: false; readonly message: string };

/**
 * A reader of the parsed JSON of a report file. Issue paths start at `$`, as the file reader's
 * own problems do. A wrong `format` tag is reported alone: the file is another kind of document,
 * and its other fields say nothing more.
 *
 * @param what - what the file should be, e.g. `a fuzz report (liqcheck fuzz --json)`
 * @param schemaFile - its schema's name in fixtures/schema/
 */
export function reportReader<S extends TSchema>(schema: S, what: string, schemaFile: string): (file: string, value: unknown) => ReportRead<Static<S>> {
  const check = validator(schema, '$');
  const tag = (schema as { properties?: Readonly<Record<string, TSchema>> }).properties?.['format'];
  const checkTag = tag === undefined ? null : validator(tag, '$.format');
  return (file, value) => {
    const r = check(value);
    if (r.ok) return { ok: true, report: r.value };
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    const wrongTag = isObject && checkTag !== null ? checkTag((value as Record<string, unknown>)['format']) : null;
    const issues = wrongTag !== null && !wrongTag.ok ? wrongTag.issues : r.issues;
    return { ok: false, message: reportFileMessage(file, what, schemaFile, issues) };
  };
}

export function reportFileMessage(file: string, what: string, schemaFile: string, issues: readonly Issue[]): string {
  const lines = issues.slice(0, SHOWN).map((i) => `  ${i.path}: expected ${i.expected}, received ${i.received}`);
  if (issues.length > SHOWN) lines.push(`  … and ${issues.length - SHOWN} more`);
  return `${file}: not ${what} (fixtures/schema/${schemaFile}): ${issues.length} problem(s)\n${lines.join('\n')}`;
}
