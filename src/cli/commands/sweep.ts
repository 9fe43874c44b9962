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
import { formatCount, formatDistinct, formatDuration } from '../../io/formatFigure.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import { readSweepReport } from '../../wire/sweepReport.ts';
import { Dec, toCanonical as s } from '../../model/decimal.ts';
import { deepFreeze } from '../../model/frozen.ts';
import type { RiskParams } from '../../model/types.ts';
import type { Io } from './check.ts';
import { interruptedExit, withStopOnSigint } from './fuzz.ts';
import type { StopFlag } from '../../fuzz/pool.ts';
import { loadParams } from '../loadParams.ts';
import { progressFor } from '../progress.ts';
import { helpFor, intOption, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';
import { loadProfile } from '../loadProfile.ts';
import { formatFileProblem, readJsonFile } from '../../io/readJsonFile.ts';
import type { CascadeSweepReport, IncentiveAccount } from '../../wire/cascadeSweepReport.ts';
import { incentiveProperty } from '../../simulate/stress/incentiveProperty.ts';
import { resolveSimulation } from '../../simulate/simulate.ts';
import { CASCADE_AXES, type ConfigJson } from '../../simulate/stress/cascadeAxes.ts';
import { resolveBase, type CascadeBase } from '../../simulate/stress/cascadeBase.ts';
import { cellConfig } from '../../simulate/stress/cascadeCell.ts';
import { cascadeCsv, thresholdsCsv } from '../../simulate/stress/cascadeCsv.ts';
import { CascadeGridError, checkCascadeGrid, parseCascadeAxis } from '../../simulate/stress/cascadeGrid.ts';
import { cascadeHtml } from '../../simulate/stress/cascadeHtml.ts';
import { formatCascadeSweep } from '../../simulate/stress/formatCascadeSweep.ts';
import { parseShard } from '../../simulate/stress/parseShard.ts';
import { runCascadeSweep, type Shard } from '../../simulate/stress/runCascadeSweep.ts';

export const SWEEP_OPTIONS: OptionTable = {
  params: { type: 'string', value: 'FILE', help: 'base risk-parameters JSON (default: the built-in profile)' },
  x: { type: 'string', value: 'NAME=FROM:TO:STEPS', help: 'first axis (required), e.g. maintenanceRate=0.002:0.02:10' },
  y: { type: 'string', value: 'NAME=FROM:TO:STEPS', help: 'second axis, e.g. penaltyRate=0:0.02:10' },
  scenarios: { type: 'string', value: 'N', help: 'stress accounts per cell, half shocked, half at a margin ratio in (0, 1] (default 400)' },
  seed: { type: 'string', value: 'S', help: 'seed of the stress accounts, shared by every cell (default 20261125, so sweeps compare)' },
  shock: { type: 'string', value: 'S', help: 'adverse move of the shocked accounts unless shock is an axis (default 0.02); --cascade: the signed move of the path, written --shock=-0.3' },
  steps: { type: 'string', value: 'N', help: 'oracle updates the move is split into, liquidating after each (default 2)' },
  'max-bad-debt': { type: 'string', value: 'RATE', help: 'highest bad-debt incidence a safe cell may have (default 0)' },
  workers: { type: 'string', value: 'N', help: 'worker threads (default 1)' },
  out: { type: 'string', value: 'DIR', help: 'write sweep.json, sweep.csv and sweep.html here (compare: compare.html)' },
  compare: { type: 'boolean', help: 'compare two sweep.json files given as arguments: liqcheck sweep --compare A.json B.json' },
  cascade: { type: 'boolean', help: 'sweep whole simulations (docs/simulation.md S11): bad debt, cascade depth, ADL per cell and the stress threshold; see "Cascade sweeps" below' },
  incentive: { type: 'boolean', help: 'the liquidator-incentive property (S11): every account at its liquidation price, dry-run; see below' },
  profile: { type: 'string', value: 'NAME', help: '--cascade/--incentive: the venue profile (or a profile file) every run starts from' },
  config: { type: 'string', value: 'FILE', help: '--cascade/--incentive: a simulation configuration JSON (docs/simulation.md) the axes are applied to' },
  'accounts-count': { type: 'string', value: 'N', help: '--cascade/--incentive: the population size (population.count)' },
  accounts: { type: 'string', value: 'FILE', help: '--cascade/--incentive: the population from a JSON file (docs/simulation.md S2.1) instead of generated' },
  'cascade-rounds': { type: 'string', value: 'K', help: '--cascade: a run with K rounds of liquidations in one step is stressed too' },
  resolution: { type: 'string', value: 'R', help: '--cascade: resolution of the threshold search in |shock| (default 0.005)' },
  shard: { type: 'string', value: 'i/n', help: '--cascade: run the tasks whose index ≡ i−1 (mod n); env/n takes i from JOB_COMPLETION_INDEX + 1; join with liqcheck merge' },
  'no-judge': { type: 'boolean', help: '--cascade: do not replay each cell through the system invariants (faster)' },
  cost: { type: 'string', value: 'C', help: '--incentive: the keeper cost per liquidation (quote)' },
  'min-notional': { type: 'string', value: 'N', help: '--incentive: the stated size N*: every liquidatable account of at least this notional must be profitable' },
  json: { type: 'string', value: 'FILE', help: '--incentive: write the result as JSON' },
  help: { type: 'boolean', help: 'show this help' },
};

/** Options that only the cascade and incentive modes read: refused in a parameter sweep rather than ignored. */
const SIMULATION_ONLY = ['profile', 'config', 'accounts', 'accounts-count', 'cascade-rounds', 'resolution', 'shard', 'no-judge', 'cost', 'min-notional', 'json'] as const;

const SUMMARY = `Sweeps one or two parameters over a grid. Each cell is the base parameter set with the cell's
values, judged statically (valid? PAR-001…004?) and on stress accounts with the reference engine
(the same accounts in every cell): bad-debt incidence and its p95/p99 under an adverse move, outcome
shares, and how often a liquidation above zero equity ends partial. A cell is safe when it is valid,
breaks no PAR invariant and its bad-debt incidence is within --max-bad-debt.
Axes: ${AXES.map((a) => `${a.name} ${a.domain}`).join(', ')}.
Bad grids (unknown name, empty or inverted range, value outside the domain) exit 2.

Cascade sweeps (--cascade, docs/simulation.md S11): each cell is one whole simulation of --profile
(or --params, or the built-in parameters) with --config and the cell's knob values; per cell the bad
debt as a share of the opening open interest, the cascade depth, ADL volume, liquidations and the
judge's violations. With shock as an axis, the systemic stress threshold of every row is found by
bisection (--resolution); stressed = bad-debt share > --max-bad-debt (default 0), or cascade depth
≥ --cascade-rounds. Ranges may run downwards: --x shock=-0.05:-0.5:10 --y depth=1000000:100000000:5.
Knobs: ${CASCADE_AXES.map((a) => a.name).join(', ')}.
Writes cascade-sweep.json, cascade-sweep.csv, thresholds.csv, cascade-sweep.html; exit 1 when the
judge finds a violation. --shard i/n and liqcheck merge split a sweep over machines (docs/distributed.md).

Liquidator incentive (--incentive --cost C --min-notional N): every account of the population, put
at its own liquidation price, is dry-run through the reference; holds when every one of notional ≥ N
pays its liquidator at least C. Exit 1 when it fails (the smallest unprofitable account is named).`;

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
  if (values['cascade'] && values['incentive']) throw new UsageError('--cascade and --incentive: choose one');
  if (values['cascade']) return cascade(values, positionals, io);
  if (values['incentive']) return incentive(values, positionals, io);
  const stray = SIMULATION_ONLY.find((k) => values[k] !== undefined);
  if (stray !== undefined) throw new UsageError(`--${stray}: only with --cascade or --incentive`);
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

// ---------------------------------------------------------------------------------------------
// Cascade sweeps and the liquidator-incentive property (docs/simulation.md S11, S13)

const SIGNED_FRACTION = /^-?(0|[1-9][0-9]*)(\.[0-9]{1,18})?$/;

function decimalOption(values: Record<string, unknown>, name: string, fallback: string, ok: (v: Dec) => boolean, words: string): string {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !SIGNED_FRACTION.test(raw) || !ok(new Dec(raw))) throw new UsageError(`--${name}: expected ${words}, received ${JSON.stringify(raw)}`);
  return s(new Dec(raw));
}

/** The base every simulation starts from (--profile, --params or built-in), and the configuration with the command-line overrides. */
function simulationInputs(values: Record<string, unknown>): { readonly base: CascadeBase; readonly config: ConfigJson } {
  const profile = values['profile'] as string | undefined;
  const paramsFile = values['params'] as string | undefined;
  if (profile !== undefined && paramsFile !== undefined) throw new UsageError('--profile and --params: choose one (a profile carries its parameters)');
  if (profile !== undefined) loadProfile(profile);
  const accountsFile = values['accounts'] as string | undefined;
  let accounts: unknown = null;
  if (accountsFile !== undefined) {
    const read = readJsonFile(accountsFile);
    if (!read.ok) throw new UsageError(`--accounts ${formatFileProblem(read.problem)}`);
    accounts = read.value;
  }
  const base: CascadeBase = profile !== undefined ? { profile, paramsFile: null, params: null, accounts } : { profile: null, paramsFile: paramsFile ?? null, params: paramsFile === undefined ? null : loadParams(paramsFile), accounts };
  let config: ConfigJson = {};
  const configFile = values['config'] as string | undefined;
  if (configFile !== undefined) {
    const read = readJsonFile(configFile);
    if (!read.ok) throw new UsageError(`--config ${formatFileProblem(read.problem)}`);
    if (read.value === null || typeof read.value !== 'object' || Array.isArray(read.value)) throw new UsageError(`--config ${configFile}: expected a simulation configuration (a JSON object), received ${Array.isArray(read.value) ? 'an array' : typeof read.value}`);
    config = read.value as ConfigJson;
  }
  const set = (path: string, v: unknown): void => {
    const [head, tail] = path.split('.') as [string, string | undefined];
    config = tail === undefined ? { ...config, [head]: v } : { ...config, [head]: { ...((config[head] as object | undefined) ?? {}), [tail]: v } };
  };
  if (values['accounts-count'] !== undefined) set('population.count', intOption(values, 'accounts-count', 0, 1, 10_000_000));
  if (values['steps'] !== undefined) set('steps', intOption(values, 'steps', 0, 1, 1_000_000));
  if (values['seed'] !== undefined) set('seed', intOption(values, 'seed', 0, -(2 ** 31), 2 ** 31 - 1));
  if (values['shock'] !== undefined) set('path.shock', decimalOption(values, 'shock', '0', (v) => v.gt(-1) && v.lt(1), 'a signed fraction in (−1, 1) such as -0.3'));
  return { base, config };
}

/** The first issue of a configuration resolveSimulation refuses, as a usage error naming the field. */
function preflight(base: CascadeBase, config: ConfigJson): void {
  const r = resolveSimulation(config as never, resolveBase(base));
  if (!r.ok) throw new UsageError(`configuration: ${r.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ')}`);
}

function cascadeAxis(option: string, raw: unknown): Axis | undefined {
  if (raw === undefined) return undefined;
  try {
    return parseCascadeAxis(option, raw as string);
  } catch (e) {
    if (e instanceof CascadeGridError) throw new UsageError(e.message);
    throw e;
  }
}

const CASCADE_FILES = ['cascade-sweep.json', 'cascade-sweep.csv', 'thresholds.csv', 'cascade-sweep.html'];

/** Writes the four files of a cascade sweep report into `out` (also used by `liqcheck merge --out`). */
export async function writeCascadeSweep(out: string, r: CascadeSweepReport): Promise<void> {
  writeFileAtomic(join(out, 'cascade-sweep.json'), `${JSON.stringify(r, null, 2)}\n`);
  writeFileAtomic(join(out, 'cascade-sweep.csv'), cascadeCsv(r));
  writeFileAtomic(join(out, 'thresholds.csv'), thresholdsCsv(r));
  writeFileAtomic(join(out, 'cascade-sweep.html'), await cascadeHtml(r));
}

export function cascadeOutputsProblem(out: string): string | null {
  return outputsProblem(out, CASCADE_FILES);
}

async function cascade(values: Record<string, unknown>, positionals: readonly string[], io: Io): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  for (const k of ['scenarios', 'cost', 'min-notional', 'json'] as const) if (values[k] !== undefined) throw new UsageError(`--${k}: not an option of --cascade`);
  const x = cascadeAxis('--x', values['x']);
  if (x === undefined) throw new UsageError('--x: required, e.g. --x shock=-0.05:-0.5:10');
  const y = cascadeAxis('--y', values['y']);
  try {
    checkCascadeGrid(x, y);
  } catch (e) {
    if (e instanceof CascadeGridError) throw new UsageError(e.message);
    throw e;
  }
  if ((x.name === 'shock' || y?.name === 'shock') && values['shock'] !== undefined) throw new UsageError('--shock: shock is an axis of this sweep');
  const out = values['out'] as string | undefined;
  if (out === undefined || out === '') throw new UsageError('--out: required, the directory for cascade-sweep.json, cascade-sweep.csv, thresholds.csv and cascade-sweep.html');
  const unwritable = cascadeOutputsProblem(out);
  if (unwritable !== null) throw new UsageError(unwritable);
  const { base, config } = simulationInputs(values);
  const maxBadDebt = decimalOption(values, 'max-bad-debt', '0', (v) => v.gte(0) && v.lte(1), 'a fraction in [0, 1] such as 0.001');
  const cascadeRounds = values['cascade-rounds'] === undefined ? null : intOption(values, 'cascade-rounds', 1, 1, 1000);
  const resolution = decimalOption(values, 'resolution', '0.005', (v) => v.gt(0) && v.lt(1), 'a fraction in (0, 1) such as 0.005');
  const workers = intOption(values, 'workers', 1, 1, 256);
  let shard: Shard = { index: 1, count: 1 };
  if (values['shard'] !== undefined) {
    const p = parseShard(values['shard'] as string, process.env);
    if (!p.ok) throw new UsageError(p.message);
    shard = { index: p.index, count: p.count };
  }
  const first = [{ name: x.name, value: x.values[0]! }, ...(y ? [{ name: y.name, value: y.values[0]! }] : [])];
  preflight(base, cellConfig(config, first));
  const cells = x.values.length * (y?.values.length ?? 1);
  io.out(`liqcheck sweep --cascade — ${base.profile ?? base.paramsFile ?? 'built-in params'}, ${x.name}${y ? ` × ${y.name}` : ''}: ${cells} simulation(s)${shard.count > 1 ? `, shard ${shard.index}/${shard.count}` : ''}, ${workers} worker(s)\n\n`);
  let stopped: StopFlag = { stopped: false };
  const progress = progressFor(io, 'sweep', 'tasks');
  const report = await withStopOnSigint(io, (stop) =>
    runCascadeSweep({ base, config, x, ...(y ? { y } : {}), maxBadDebt, cascadeRounds, resolution, judge: values['no-judge'] !== true, workers, shard, stop: (stopped = stop), onProgress: progress.update }),
  );
  progress.finish();
  await writeCascadeSweep(out, report);
  io.out(formatCascadeSweep(report));
  io.out(`\nwrote ${join(out, 'cascade-sweep.json')}, cascade-sweep.csv, thresholds.csv, cascade-sweep.html (${formatDuration(report.ms)})\n`);
  if (report.interrupted) return interruptedExit(stopped);
  return report.cells.some((c) => c !== null && (c.violations ?? 0) > 0) ? EXIT.violation : EXIT.ok;
}

/** `sweep --incentive`: the liquidator-incentive property on the population of --profile/--config. */
async function incentive(values: Record<string, unknown>, positionals: readonly string[], io: Io): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  for (const k of ['x', 'y', 'scenarios', 'shard', 'workers', 'resolution', 'cascade-rounds', 'max-bad-debt', 'no-judge', 'out'] as const) if (values[k] !== undefined) throw new UsageError(`--${k}: not an option of --incentive`);
  if (values['cost'] === undefined) throw new UsageError('--cost: required, the keeper cost per liquidation, e.g. --cost 5');
  const cost = decimalOption(values, 'cost', '0', (v) => v.gte(0), 'a non-negative amount such as 5');
  const minNotional = decimalOption(values, 'min-notional', '0', (v) => v.gte(0), 'a non-negative notional such as 10000');
  const json = values['json'] as string | undefined;
  const unwritable = unwritableOutput([{ option: '--json', path: json }]);
  if (unwritable !== null) throw new UsageError(unwritable);
  const { base, config } = simulationInputs(values);
  const r0 = resolveSimulation(config as never, resolveBase(base));
  if (!r0.ok) throw new UsageError(`configuration: ${r0.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ')}`);
  const r = incentiveProperty(r0.value, { cost: new Dec(cost), minNotional: new Dec(minNotional) });
  const who = (a: IncentiveAccount | null) => (a === null ? 'none' : `${a.id} (${a.side}${a.isolated ? ', isolated' : ''}, notional ${a.notional} at its liquidation price ${a.liquidationPrice}, reward ${a.reward}, ${a.status})`);
  io.out(`liqcheck sweep --incentive — ${base.profile ?? base.paramsFile ?? 'built-in params'}, ${formatCount(r.accounts)} accounts, cost ${cost}, N* ${minNotional}\n\n`);
  io.out(`${r.holds ? 'HOLDS' : 'FAILS'}: every liquidatable account of notional ≥ ${minNotional} is profitable to liquidate at cost ${cost}\n`);
  io.out(`liquidatable ${formatCount(r.liquidatable)}, profitable ${formatCount(r.profitable)}, unprofitable at or above N* ${formatCount(r.unprofitableAbove)}\n`);
  io.out(`smallest unprofitable account at or above N*: ${who(r.smallestUnprofitableAbove)}\n`);
  io.out(`smallest profitable account: ${who(r.smallestProfitable)}\n`);
  io.out(`largest unprofitable account: ${who(r.largestUnprofitable)}\n`);
  for (const e of r.errors) io.out(`refused by the reference: ${e.id}: ${e.message}\n`);
  if (json !== undefined) {
    writeFileAtomic(json, `${JSON.stringify(r, null, 2)}\n`);
    io.out(`\nwrote ${json}\n`);
  }
  return r.holds ? EXIT.ok : EXIT.violation;
}
