import { toJUnit } from '../../gate/junit.ts';
import { mergeReports } from '../../gate/mergeReports.ts';
import { formatFileProblem, readJsonFile } from '../../io/readJsonFile.ts';
import { unwritableOutput } from '../../io/assertWritable.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import type { CatalogReport } from '../../runner/runCatalog.ts';
import { readCheckReport } from '../../wire/checkReport.ts';
import { helpFor, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';
import { formatReport, type Io } from './check.ts';

export const MERGE_OPTIONS: OptionTable = {
  json: { type: 'string', value: 'FILE', help: 'write the merged report as JSON' },
  junit: { type: 'string', value: 'FILE', help: 'write the merged report as JUnit XML' },
  help: { type: 'boolean', help: 'show this help' },
};

/** A `check --json` report read back through its schema: a file that does not fit is named field by field. */
function readReport(file: string): CatalogReport {
  const read = readJsonFile(file);
  if (!read.ok) throw new UsageError(formatFileProblem(read.problem));
  const checked = readCheckReport(file, read.value);
  if (!checked.ok) throw new UsageError(checked.message);
  return checked.report;
}

/** `liqcheck merge A.json B.json …`: the shards of one run, as the report of the whole run. */
export function merge(argv: readonly string[], io: Io): number {
  const { values, positionals } = parseOptions(argv, MERGE_OPTIONS, 10_000);
  if (values['help']) {
    io.out(helpFor('merge REPORT.json…', 'Merges the --json reports of the shards of one run (--shard i/n).', MERGE_OPTIONS));
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('merge: expected the JSON reports of the shards, received none');
  const unwritable = unwritableOutput([
    { option: '--json', path: values['json'] as string | undefined },
    { option: '--junit', path: values['junit'] as string | undefined },
  ]);
  if (unwritable !== null) throw new UsageError(unwritable);
  let merged: CatalogReport;
  try {
    merged = mergeReports(positionals.map(readReport));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`merge: ${(e as Error).message}`);
  }
  const complete = merged.shard.count === 1 ? '' : ` (shards missing: only ${positionals.length} of ${merged.shard.count})`;
  io.out(`liqcheck merge — ${positionals.length} report(s), engine ${merged.engine.name}, seed ${merged.seed}, ${merged.runs} scenarios${complete}\n\n`);
  io.out(formatReport(merged));
  if (values['json']) writeFileAtomic(values['json'] as string, `${JSON.stringify(merged, null, 2)}\n`);
  if (values['junit']) writeFileAtomic(values['junit'] as string, toJUnit(merged));
  return merged.ok && complete === '' ? EXIT.ok : EXIT.violation;
}
