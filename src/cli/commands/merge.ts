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
import { CASCADE_SWEEP_FORMAT, readCascadeSweepReport, type CascadeSweepReport } from '../../wire/cascadeSweepReport.ts';
import { formatCascadeSweep } from '../../simulate/stress/formatCascadeSweep.ts';
import { CascadeMergeError, mergeCascadeSweeps } from '../../simulate/stress/mergeCascadeSweeps.ts';
import { cascadeOutputsProblem, writeCascadeSweep } from './sweep.ts';

export const MERGE_OPTIONS: OptionTable = {
  json: { type: 'string', value: 'FILE', help: 'write the merged report as JSON' },
  out: { type: 'string', value: 'DIR', help: 'cascade sweep shards: write cascade-sweep.json, .csv, thresholds.csv and .html here' },
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

/** The format tag of a JSON file, if it is an object with one: decides which kind of shards these are. */
function formatOf(file: string): unknown {
  const read = readJsonFile(file);
  if (!read.ok) throw new UsageError(formatFileProblem(read.problem));
  const v = read.value;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)['format'] : undefined;
}

/**
 * Cascade sweep shards (`sweep --cascade --shard i/n`, docs/distributed.md) as the report of the
 * one run: equal to the unsharded cascade-sweep.json but for `ms`.
 */
async function mergeCascade(files: readonly string[], values: Record<string, unknown>, io: Io): Promise<number> {
  if (values['junit'] !== undefined) throw new UsageError('--junit: cascade sweep reports have no JUnit form; use --json FILE or --out DIR');
  const out = values['out'] as string | undefined;
  const json = values['json'] as string | undefined;
  if (out === undefined && json === undefined) throw new UsageError('merge: cascade sweep shards need --out DIR or --json FILE for the merged report');
  const unwritable = out === undefined ? unwritableOutput([{ option: '--json', path: json }]) : (cascadeOutputsProblem(out) ?? unwritableOutput([{ option: '--json', path: json }]));
  if (unwritable !== null) throw new UsageError(unwritable);
  const reports = files.map((file) => {
    const read = readJsonFile(file);
    if (!read.ok) throw new UsageError(formatFileProblem(read.problem));
    const checked = readCascadeSweepReport(file, read.value);
    if (!checked.ok) throw new UsageError(checked.message);
    return { file, report: checked.report };
  });
  let merged: CascadeSweepReport;
  try {
    merged = mergeCascadeSweeps(reports);
  } catch (e) {
    if (e instanceof CascadeMergeError) throw new UsageError(`merge: ${e.message}`);
    throw e;
  }
  io.out(`liqcheck merge — ${files.length} cascade sweep shard(s)\n\n`);
  io.out(formatCascadeSweep(merged));
  if (out !== undefined) await writeCascadeSweep(out, merged);
  if (json !== undefined) writeFileAtomic(json, `${JSON.stringify(merged, null, 2)}\n`);
  io.out(`\nwrote ${[...(out === undefined ? [] : [out]), ...(json === undefined ? [] : [json])].join(', ')}\n`);
  if (merged.interrupted) return EXIT.violation;
  return merged.cells.some((c) => c !== null && (c.violations ?? 0) > 0) ? EXIT.violation : EXIT.ok;
}

/** `liqcheck merge A.json B.json …`: the shards of one run, as the report of the whole run. */
export async function merge(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, MERGE_OPTIONS, 10_000);
  if (values['help']) {
    io.out(helpFor('merge REPORT.json…', 'Merges the --json reports of the shards of one run (--shard i/n): check reports, or the cascade-sweep.json of sweep --cascade shards.', MERGE_OPTIONS));
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('merge: expected the JSON reports of the shards, received none');
  if (formatOf(positionals[0]!) === CASCADE_SWEEP_FORMAT) return mergeCascade(positionals, values, io);
  if (values['out'] !== undefined) throw new UsageError('--out: only for cascade sweep shards (check reports: --json FILE, --junit FILE)');
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
