/**
 * `liqcheck fuzz --params FILE`: fuzz a risk-parameter set — the invariant catalog on generated
 * and shocked scenarios, parameter-level properties (PRM-00x) with shrunk counterexamples saved
 * as fixtures, a targeted search for the worst case, and risk figures. `liqcheck fuzz merge`
 * combines the reports of shards.
 * @see docs/params.md#fuzz
 */
import { readFileSync } from 'node:fs';
import { defaultParams } from '../../arbitraries/defaultParams.ts';
import { DEFAULT_FAILURES_DIR } from '../../fixtures/failureDb.ts';
import type { FuzzReport } from '../../fuzz/fuzzReport.ts';
import { mergeFuzzReports } from '../../fuzz/mergeFuzzReports.ts';
import type { StopFlag } from '../../fuzz/pool.ts';
import { SIGNAL_EXIT, stopSignal, withInterrupt } from '../interrupt.ts';
import { runFuzz } from '../../fuzz/runFuzz.ts';
import { readJsonFileOrThrow } from '../../io/readJsonFile.ts';
import { unwritableOutput } from '../../io/assertWritable.ts';
import { formatDuration, formatFixed, formatPercent } from '../../io/formatFigure.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import { readFuzzReport } from '../../wire/fuzzReport.ts';
import { Dec, toCanonical } from '../../model/decimal.ts';
import { deepFreeze } from '../../model/frozen.ts';
import type { RiskParams } from '../../model/types.ts';
import { formatReport, parseShard, type Io } from './check.ts';
import { loadParams } from '../loadParams.ts';
import { progressFor } from '../progress.ts';
import { helpFor, intOption, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';

export const FUZZ_OPTIONS: OptionTable = {
  params: { type: 'string', value: 'FILE', help: 'risk-parameters JSON to fuzz (default: the built-in profile)' },
  runs: { type: 'string', value: 'N', help: 'generated cases: catalog scenarios and stress accounts each (default 1000)' },
  seed: { type: 'string', value: 'S', help: 'random seed (default: fresh, printed; 20261125 under CI)' },
  shocks: { type: 'string', value: 'LIST', help: 'adverse moves for the risk figures, fractions (default 0.01,0.02,0.05,0.1,0.2)' },
  steps: { type: 'string', value: 'N', help: 'oracle updates an adverse move is split into, with a liquidation after each (default 3)' },
  claim: { type: 'string', value: 'S', help: 'PRM-001: the move every position at initial margin must survive without bad debt (default: the cushion the params imply)' },
  search: { type: 'string', value: 'N', help: 'evaluations of the targeted worst-case search (default 2000; 0 disables)' },
  workers: { type: 'string', value: 'N', help: 'worker threads (default 1)' },
  shard: { type: 'string', value: 'I/N', help: 'run only shard I of N of the units; combine with liqcheck fuzz merge' },
  failures: { type: 'string', value: 'DIR', help: `where counterexamples are saved as fixtures (default ${DEFAULT_FAILURES_DIR}; "" disables)` },
  json: { type: 'string', value: 'FILE', help: 'also write the report as JSON (atomically, also when interrupted)' },
  help: { type: 'boolean', help: 'show this help' },
};

const MERGE_OPTIONS: OptionTable = {
  json: { type: 'string', value: 'FILE', help: 'write the merged report as JSON' },
  help: { type: 'boolean', help: 'show this help' },
};

const SUMMARY = `Fuzzes a risk-parameter set: runs the invariant catalog on scenarios generated (and shocked) under
it, checks the parameter-level properties PRM-001 (no bad debt within the initial-margin cushion)
and PRM-002 (a partial close exists above bankruptcy) on stress accounts, searches for the worst
account, and prints risk figures: outcome shares, bad-debt incidence and mean/p95/p99 per shock,
the largest survivable adverse move per leverage. Ctrl-C stops between units and still writes the
report.
liqcheck fuzz merge A.json B.json … [--json OUT]: combines the reports of the shards of one run.`;

function parseShocks(raw: string | undefined): string[] {
  if (raw === undefined) return ['0.01', '0.02', '0.05', '0.1', '0.2'];
  const list = raw.split(',').map((x) => x.trim());
  for (const x of list) {
    if (!/^0\.[0-9]{1,8}$/.test(x) || new Dec(x).isZero()) throw new UsageError(`--shocks: expected fractions in (0, 1) such as 0.05 (5%), comma-separated; received ${JSON.stringify(x)}`);
  }
  return [...new Set(list)].sort((a, b) => new Dec(a).cmp(new Dec(b)));
}

function parseClaim(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^0\.[0-9]{1,8}$/.test(raw) || new Dec(raw).isZero()) throw new UsageError(`--claim: expected a fraction in (0, 1) such as 0.05 (5%), received ${JSON.stringify(raw)}`);
  return raw;
}

/**
 * Takes over SIGINT and SIGTERM while `body` runs: the first one sets the stop flag (and which
 * signal it was), a second one does what it did before.
 */
export async function withStopOnSigint<T>(io: Io, body: (stop: StopFlag) => Promise<T>): Promise<T> {
  const stop: StopFlag = { stopped: false };
  return withInterrupt(io, (signal) => {
    signal.addEventListener('abort', () => {
      stop.stopped = true;
      stop.signal = stopSignal(signal) ?? 'SIGINT';
    });
    return body(stop);
  });
}

/** The exit code of a run that `stop` ended early: 130 after SIGINT, 143 after SIGTERM. */
export function interruptedExit(stop: StopFlag): number {
  return SIGNAL_EXIT[stop.signal ?? 'SIGINT'];
}

export async function fuzz(argv: readonly string[], io: Io): Promise<number> {
  if (argv[0] === 'merge') return mergeCommand(argv.slice(1), io);
  const { values } = parseOptions(argv, FUZZ_OPTIONS);
  if (values['help']) {
    io.out(helpFor('fuzz', SUMMARY, FUZZ_OPTIONS));
    return EXIT.ok;
  }
  const unwritable = unwritableOutput([{ option: '--json', path: values['json'] as string | undefined }, { option: '--failures', path: (values['failures'] as string | undefined) ?? DEFAULT_FAILURES_DIR, kind: 'directory', createsParents: true }]);
  if (unwritable !== null) throw new UsageError(unwritable);
  const runs = intOption(values, 'runs', 1000, 1, 100_000_000);
  const seed = intOption(values, 'seed', process.env['CI'] ? 20261125 : Math.floor(Math.random() * 2 ** 31), -(2 ** 31), 2 ** 31 - 1);
  const steps = intOption(values, 'steps', 3, 1, 100);
  const search = intOption(values, 'search', 2000, 0, 10_000_000);
  const workers = intOption(values, 'workers', 1, 1, 256);
  const shard = parseShard(values['shard'] as string | undefined);
  const shocks = parseShocks(values['shocks'] as string | undefined);
  const claim = parseClaim(values['claim'] as string | undefined);
  const paramsFile = values['params'] as string | undefined;
  const params: RiskParams = deepFreeze(paramsFile === undefined ? structuredClone(defaultParams) : loadParams(paramsFile));
  const paramsText = paramsFile === undefined ? JSON.stringify(defaultParams) : readFileSync(paramsFile, 'utf8');
  const failures = (values['failures'] as string | undefined) ?? DEFAULT_FAILURES_DIR;

  const units = Math.ceil(runs / 1000);
  io.out(`liqcheck fuzz — ${paramsFile ?? 'built-in params'} (${Object.keys(params.markets).join(', ')}), ${runs} cases in ${units} unit(s)${shard.count > 1 ? ` (shard ${shard.index + 1}/${shard.count})` : ''}, seed ${seed}, shocks ${shocks.map(pct).join(' ')}, ${steps}-step paths, ${workers} worker(s)\n\n`);
  let stopped: StopFlag = { stopped: false };
  const progress = progressFor(io, 'fuzz', 'tasks');
  const report = await withStopOnSigint(io, (stop) =>
    runFuzz({
      params,
      paramsFile: paramsFile ?? '(built-in)',
      paramsText,
      seed,
      runs,
      shocks,
      steps,
      claim,
      workers,
      shard,
      search,
      failuresDir: failures === '' ? null : failures,
      stop: (stopped = stop),
      onProgress: progress.update,
    }),
  );
  progress.finish();
  if (values['json']) writeFileAtomic(values['json'] as string, `${JSON.stringify(report, null, 2)}\n`);
  io.out(formatFuzzReport(report));
  if (report.interrupted) return interruptedExit(stopped);
  return report.ok ? EXIT.ok : EXIT.violation;
}

function mergeCommand(argv: readonly string[], io: Io): number {
  const { values, positionals } = parseOptions(argv, MERGE_OPTIONS, 10_000);
  if (values['help'] || positionals.length === 0) {
    io.out(helpFor('fuzz merge A.json B.json …', 'Combines the --json reports of the shards of one fuzz run (same params, seed, runs).', MERGE_OPTIONS));
    return values['help'] ? EXIT.ok : EXIT.usage;
  }
  const unwritable = unwritableOutput([{ option: '--json', path: values['json'] as string | undefined }]);
  if (unwritable !== null) throw new UsageError(unwritable);
  const reports = positionals.map((file) => {
    let r: unknown;
    try {
      r = readJsonFileOrThrow(file);
    } catch (e) {
      throw new UsageError(`${file}: cannot read a fuzz report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const checked = readFuzzReport(file, r);
    if (!checked.ok) throw new UsageError(checked.message);
    return checked.report;
  });
  let merged: FuzzReport;
  try {
    merged = mergeFuzzReports(reports);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values['json']) writeFileAtomic(values['json'] as string, `${JSON.stringify(merged, null, 2)}\n`);
  io.out(formatFuzzReport(merged));
  return merged.ok ? EXIT.ok : EXIT.violation;
}

/** An input fraction (a shock the user chose) exactly as a percentage: 0.025 → 2.5%. */
const pct = (x: string): string => `${toCanonical(new Dec(x).mul(100))}%`;
/** A measured share, one decimal (formatFigure): 0.412121 → 41.2%. */
const share = (x: string): string => formatPercent(x);
/** Basis points, two decimals. */
const bp = (x: string): string => formatFixed(x, 2);

/** The report as text: catalog table, properties, figures, search. */
export function formatFuzzReport(r: FuzzReport): string {
  const out: string[] = [];
  if (r.catalog) out.push(`Invariant catalog (reference engine; generated and shocked scenarios)\n${formatReport(r.catalog)}`);
  out.push('Parameter-level properties');
  for (const p of r.properties) {
    out.push(`${p.violations > 0 ? '✗' : '✓'} ${p.id} ${p.title.padEnd(46)} checked ${p.checked}, out of domain ${p.skipped}, violated ${p.violations}${p.note ? ` — ${p.note}` : ''}`);
    const cx = p.counterexample;
    if (cx) out.push(`    ${cx.message}\n    ${cx.file ? `saved as: ${cx.file}\n    replay:   npx liqcheck replay ${cx.file}` : `scenario: ${JSON.stringify(cx.scenario)}`}`);
    else if (p.first) out.push(`    ${p.first.message}`);
  }
  const f = r.figures;
  out.push('\nRisk figures: stress accounts opened at mark (leverage up to each bracket’s maximum), moved against');
  out.push(`  ${'shock'.padEnd(7)}${'accounts'.padStart(9)}${'liquidated'.padStart(11)}${'partial'.padStart(9)}${'full'.padStart(7)}${'bankrupt'.padStart(9)}${'bad debt'.padStart(10)}${'mean bp'.padStart(10)}${'p95 bp'.padStart(10)}${'p99 bp'.padStart(10)}${'max bp'.padStart(10)}   p99 (quote)`);
  for (const t of f.shocks) {
    out.push(`  ${pct(t.shock).padEnd(7)}${String(t.accounts).padStart(9)}${String(t.liquidated).padStart(11)}${String(t.partial).padStart(9)}${String(t.full).padStart(7)}${String(t.bankrupt).padStart(9)}${share(t.incidence).padStart(10)}${bp(t.badDebtBp.mean).padStart(10)}${bp(t.badDebtBp.p95).padStart(10)}${bp(t.badDebtBp.p99).padStart(10)}${bp(t.badDebtBp.max).padStart(10)}   ${t.badDebt.p99}`);
  }
  out.push('  (partial/full/bankrupt count liquidation events; bad debt = share of accounts left with bad debt; bp of opening notional, zeros included)');
  const b = f.boundary;
  out.push(`\n  Boundary accounts (placed at margin ratio 0.02…1): ${b.liquidations} liquidated — partial ${b.partial}, full ${b.full}, bankrupt ${b.bankrupt}; above zero equity ${b.aboveBankruptcy}, of which ended partial ${share(b.restorableShare)}; full closes forced by the dust rule ${b.dustForced}`);
  if (f.survivable && f.survivable.length > 0) {
    out.push(`\n  Largest survivable adverse move per leverage (${r.steps}-step path, no bad debt; panel of accounts):`);
    out.push(`  ${'leverage'.padEnd(10)}${'accounts'.padStart(9)}${'worst'.padStart(10)}${'median'.padStart(10)}${'cushion'.padStart(10)}`);
    for (const s of f.survivable) out.push(`  ${`${s.leverage}×`.padEnd(10)}${String(s.accounts).padStart(9)}${share(s.worst).padStart(10)}${share(s.median).padStart(10)}${share(s.cushion).padStart(10)}`);
    out.push('  (cushion = (1/L − f_max − σ)/(1 + f_max + σ), what initial margin covers after the deepest penalty and the impact)');
  }
  if (r.search) {
    const best = r.search.best;
    out.push(`\nTargeted search (${r.search.evaluations} evaluations, maximizing PRM-001 shortfall): ${best ? `${best.violation ? 'VIOLATION — ' : ''}${best.message} (objective ${best.objective})` : 'no account in the domain'}`);
  }
  const units = `${r.units.done.length}/${r.shard.count > 1 ? Math.ceil(r.units.total / r.shard.count) : r.units.total} unit(s)`;
  out.push(`\n${r.interrupted ? `Interrupted after ${units}: the figures above cover only those.` : `${r.ok ? 'No violation' : 'Violations found'} in ${units} (${formatDuration(r.ms)}).`}`);
  return `${out.join('\n')}\n`;
}
