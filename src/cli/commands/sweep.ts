/**
 * `liqcheck sweep`: a grid over one or two parameters (or stress knobs), each cell judged
 * statically and on stress accounts; writes sweep.json, sweep.csv and a self-contained
 * sweep.html with the safe-region heatmap. `--compare A.json B.json` shows what a proposal changes.
 * @see docs/params.md#sweep
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultParams } from '../../arbitraries/defaultParams.ts';
import { AXES, checkGrid, compareSweeps, comparisonHtml, formatComparison, GridError, parseAxis, runSweep, sweepCsv, sweepHtml, type Axis, type SweepReport, type Verdict } from '../../fuzz/sweep/index.ts';
import { readJsonFileOrThrow } from '../../io/readJsonFile.ts';
import { unwritableOutput } from '../../io/assertWritable.ts';
import { formatDistinct, formatDuration } from '../../io/formatFigure.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import { readSweepReport } from '../../wire/sweepReport.ts';
import { Dec } from '../../model/decimal.ts';
import { deepFreeze } from '../../model/frozen.ts';
import type { RiskParams } from '../../model/types.ts';
import type { Io } from './check.ts';
import { interruptedExit, withStopOnSigint } from './fuzz.ts';
import type { StopFlag } from '../../fuzz/pool.ts';
import { loadParams } from '../loadParams.ts';
import { progressFor } from '../progress.ts';
import { helpFor, intOption, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';

export const SWEEP_OPTIONS: OptionTable = {
  params: { type: 'string', value: 'FILE', help: 'base risk-parameters JSON (default: the built-in profile)' },
  x: { type: 'string', value: 'NAME=FROM:TO:STEPS', help: 'first axis (required), e.g. maintenanceRate=0.002:0.02:10' },
  y: { type: 'string', value: 'NAME=FROM:TO:STEPS', help: 'second axis, e.g. penaltyRate=0:0.02:10' },
  scenarios: { type: 'string', value: 'N', help: 'stress accounts per cell, half shocked, half at a margin ratio in (0, 1] (default 400)' },
  seed: { type: 'string', value: 'S', help: 'seed of the stress accounts, shared by every cell (default 20261125, so sweeps compare)' },
  shock: { type: 'string', value: 'S', help: 'adverse move of the shocked accounts unless shock is an axis (default 0.02)' },
  steps: { type: 'string', value: 'N', help: 'oracle updates the move is split into, liquidating after each (default 2)' },
  'max-bad-debt': { type: 'string', value: 'RATE', help: 'highest bad-debt incidence a safe cell may have (default 0)' },
  workers: { type: 'string', value: 'N', help: 'worker threads (default 1)' },
  out: { type: 'string', value: 'DIR', help: 'write sweep.json, sweep.csv and sweep.html here (compare: compare.html)' },
  compare: { type: 'boolean', help: 'compare two sweep.json files given as arguments: liqcheck sweep --compare A.json B.json' },
  help: { type: 'boolean', help: 'show this help' },
};

const SUMMARY = `Sweeps one or two parameters over a grid. Each cell is the base parameter set with the cell's
values, judged statically (valid? PAR-001…004?) and on stress accounts with the reference engine
(the same accounts in every cell): bad-debt incidence and its p95/p99 under an adverse move, outcome
shares, and how often a liquidation above zero equity ends partial. A cell is safe when it is valid,
breaks no PAR invariant and its bad-debt incidence is within --max-bad-debt.
Axes: ${AXES.map((a) => `${a.name} ${a.domain}`).join(', ')}.
Bad grids (unknown name, empty or inverted range, value outside the domain) exit 2.`;

const MAP_CHARS: Readonly<Record<Verdict, string>> = { safe: '.', 'bad-debt': 'B', static: 'P', invalid: 'x' };

function fraction(name: string, raw: unknown, fallback: string, allowZero: boolean): string {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^(0|1|0\.[0-9]{1,8})$/.test(raw) || (!allowZero && new Dec(raw).isZero()) || (name === 'shock' && raw === '1')) {
    throw new UsageError(`--${name}: expected a fraction ${allowZero ? 'in [0, 1]' : 'in (0, 1)'} such as 0.02, received ${JSON.stringify(raw)}`);
  }
  return raw;
}

function axis(option: string, raw: unknown): Axis | undefined {
  if (raw === undefined) return undefined;
  try {
    return parseAxis(option, raw as string);
  } catch (e) {
    if (e instanceof GridError) throw new UsageError(e.message);
    throw e;
  }
}

export async function sweep(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, SWEEP_OPTIONS, 2);
  if (values['help']) {
    io.out(helpFor('sweep', SUMMARY, SWEEP_OPTIONS));
    return EXIT.ok;
  }
  if (values['compare']) return compare(positionals, values['out'] as string | undefined, io);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (only --compare takes files)`);
  const x = axis('--x', values['x']);
  if (x === undefined) throw new UsageError('--x: required, e.g. --x maintenanceRate=0.002:0.02:10');
  const y = axis('--y', values['y']);
  try {
    checkGrid(x, y);
  } catch (e) {
    if (e instanceof GridError) throw new UsageError(e.message);
    throw e;
  }
  const out = values['out'] as string | undefined;
  if (out === undefined || out === '') throw new UsageError('--out: required, the directory for sweep.json, sweep.csv and sweep.html');
  const unwritable = outputsProblem(out, ['sweep.json', 'sweep.csv', 'sweep.html']);
  if (unwritable !== null) throw new UsageError(unwritable);
  const scenarios = intOption(values, 'scenarios', 400, 2, 1_000_000);
  const seed = intOption(values, 'seed', 20261125, -(2 ** 31), 2 ** 31 - 1);
  const steps = intOption(values, 'steps', 2, 1, 100);
  const workers = intOption(values, 'workers', 1, 1, 256);
  const shock = fraction('shock', values['shock'], '0.02', false);
  const maxBadDebt = fraction('max-bad-debt', values['max-bad-debt'], '0', true);
  const paramsFile = values['params'] as string | undefined;
  const params: RiskParams = deepFreeze(paramsFile === undefined ? structuredClone(defaultParams) : loadParams(paramsFile));
  const paramsText = paramsFile === undefined ? JSON.stringify(defaultParams) : readFileSync(paramsFile, 'utf8');
  const cells = x.values.length * (y?.values.length ?? 1);
  io.out(`liqcheck sweep — ${paramsFile ?? 'built-in params'}, ${x.name}${y ? ` × ${y.name}` : ''}: ${cells} cell(s) × ${scenarios} stress accounts, seed ${seed}, shock ${shock} over ${steps} step(s), ${workers} worker(s)\n\n`);
  let stopped: StopFlag = { stopped: false };
  const progress = progressFor(io, 'sweep', 'tasks');
  const report = await withStopOnSigint(io, (stop) =>
    runSweep({
      params,
      paramsFile: paramsFile ?? '(built-in)',
      paramsText,
      x,
      ...(y ? { y } : {}),
      scenarios,
      seed,
      shock,
      steps,
      maxBadDebt,
      workers,
      stop: (stopped = stop),
      onProgress: progress.update,
    }),
  );
  progress.finish();
  writeFileAtomic(join(out, 'sweep.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(join(out, 'sweep.csv'), sweepCsv(report));
  writeFileAtomic(join(out, 'sweep.html'), await sweepHtml(report));
  io.out(formatSweep(report));
  io.out(`\nwrote ${join(out, 'sweep.json')}, sweep.csv, sweep.html (${formatDuration(report.ms)})\n`);
  return report.interrupted ? interruptedExit(stopped) : EXIT.ok;
}

/** Why `--out DIR` or one of the files the sweep writes in it cannot be written, or `null` (checked before the run). */
function outputsProblem(out: string, files: readonly string[]): string | null {
  const inside = existsSync(out) ? files.map((f) => ({ option: '--out', path: join(out, f) })) : [];
  return unwritableOutput([{ option: '--out', path: out, kind: 'directory' }, ...inside]);
}

/** A terminal map of the verdicts (y top to bottom descending), and the counts. */
export function formatSweep(r: SweepReport): string {
  const xs = r.x.values;
  // Row labels with just enough figures to tell the rows apart (sweep.json has the exact values).
  const ys = r.y ? formatDistinct(r.y.values) : [''];
  const width = Math.max(...ys.map((v) => v.length), r.y?.name.length ?? 0);
  const lines: string[] = [`${(r.y?.name ?? '').padStart(width)}   safe region (. safe, B bad debt, P PAR invariant broken, x invalid, blank not run)`];
  for (let j = ys.length - 1; j >= 0; j--) {
    const row = xs.map((_, i) => {
      const c = r.cells[j * xs.length + i];
      return c ? MAP_CHARS[c.verdict] : ' ';
    });
    lines.push(`${ys[j]!.padStart(width)} | ${row.join(' ')}`);
  }
  lines.push(`${''.padStart(width)}   ${r.x.name}: ${xs[0]} … ${xs[xs.length - 1]} (${xs.length} points)`);
  const count = (v: Verdict) => r.cells.filter((c) => c?.verdict === v).length;
  lines.push(`\nsafe ${count('safe')}, bad debt ${count('bad-debt')}, PAR broken ${count('static')}, invalid ${count('invalid')}${r.interrupted ? `, not run ${r.cells.filter((c) => c === null).length} (interrupted)` : ''}`);
  return `${lines.join('\n')}\n`;
}

function readSweep(file: string): SweepReport {
  let r: unknown;
  try {
    r = readJsonFileOrThrow(file);
  } catch (e) {
    throw new UsageError(`${file}: cannot read a sweep report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const checked = readSweepReport(file, r);
  if (!checked.ok) throw new UsageError(checked.message);
  return checked.report;
}

async function compare(files: readonly string[], out: string | undefined, io: Io): Promise<number> {
  if (files.length !== 2) throw new UsageError(`--compare: expected two sweep.json files (current, proposed), received ${files.length}`);
  const [fa, fb] = files as [string, string];
  const unwritable = out ? outputsProblem(out, ['compare.html', 'compare.json']) : null;
  if (unwritable !== null) throw new UsageError(unwritable);
  const a = readSweep(fa);
  const b = readSweep(fb);
  let c;
  try {
    c = compareSweeps(a, b, { a: fa, b: fb });
  } catch (e) {
    throw new UsageError(`--compare: ${(e as Error).message}`);
  }
  io.out(formatComparison(c));
  if (out) {
    writeFileAtomic(join(out, 'compare.html'), await comparisonHtml(c, a, b));
    writeFileAtomic(join(out, 'compare.json'), `${JSON.stringify(c, null, 2)}\n`);
    io.out(`wrote ${join(out, 'compare.html')}, compare.json\n`);
  }
  return EXIT.ok;
}
