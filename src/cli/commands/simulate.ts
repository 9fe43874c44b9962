/**
 * `liqcheck simulate`: a deterministic multi-account market simulation (docs/simulation.md) of a
 * venue profile or a params file under a price path, judged by the system invariants (S10).
 * A thin layer over the library: the options become a simulation configuration, resolved and
 * run by src/simulate/simulate.ts; writes simulation.json, series.csv and report.html (S12), and
 * with `--trace` the event trace the judge reads.
 * @see docs/simulation.md#s12-outputs
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultParams } from '../../arbitraries/defaultParams.ts';
import { unwritableOutput } from '../../io/assertWritable.ts';
import { formatCount, formatDuration, formatFixed, formatPercent } from '../../io/formatFigure.ts';
import { decodeUtf8, formatFileProblem, readJsonFile } from '../../io/readJsonFile.ts';
import { readRegularFile } from '../../io/readRegularFile.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import { Dec, toCanonical } from '../../model/decimal.ts';
import { deepFreeze } from '../../model/frozen.ts';
import type { Issue, RiskParams } from '../../model/types.ts';
import type { StopFlag } from '../../fuzz/pool.ts';
import { judgeTrace, type Judgement } from '../../simulate/judge/index.ts';
import { formatMove, seriesCsv, simulationHtml } from '../../simulate/report/index.ts';
import { parsePathCsv } from '../../simulate/pricePath.ts';
import { DEFAULT_SEED } from '../../simulate/resolveSimulation.ts';
import type { SimulationSetup } from '../../simulate/simulationSetup.ts';
import { resolveSimulation, simulate as runSimulation, type SimulateOptions } from '../../simulate/simulate.ts';
import type { SimulationConfig, SimulationReport } from '../../wire/simulation.ts';
import type { TraceEvent } from '../../wire/simulationTrace.ts';
import { EngineStartError, openEngine, type EngineHandle } from '../../adapters/openEngine.ts';
import { protocolStepEngine, StepEngineError } from '../../simulate/protocolStepEngine.ts';
import type { StepEngine } from '../../simulate/stepEngine.ts';
import type { Io } from './check.ts';
import { interruptedExit, withStopOnSigint } from './fuzz.ts';
import { loadParams } from '../loadParams.ts';
import { loadProfile } from '../loadProfile.ts';
import { progressFor } from '../progress.ts';
import { helpFor, intOption, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';

/** Where the three outputs go without `--out`. */
export const DEFAULT_SIMULATION_OUT = 'simulation-out';

export const SIMULATE_OPTIONS: OptionTable = {
  profile: { type: 'string', value: 'NAME', help: 'a venue profile (liqcheck profiles; or a profile file\'s path): its params and policy' },
  params: { type: 'string', value: 'FILE', help: 'risk-parameters JSON (default: the built-in params; with --profile, replaces its params)' },
  config: { type: 'string', value: 'FILE', help: 'simulation configuration JSON (docs/simulation.md; every field optional); flags override it' },
  market: { type: 'string', value: 'ID', help: 'the market to simulate when the params have several (default: the first in id order)' },
  shock: { type: 'string', value: 'MOVE', help: 'the exogenous move: -30% or -0.3 (down), 30% or 0.3 (up); default 0' },
  'shock-at': { type: 'string', value: 'N', help: 'the first step of the shock (default 1)' },
  'shock-steps': { type: 'string', value: 'N', help: 'steps the shock is spread over (default 1)' },
  drift: { type: 'string', value: 'X', help: 'drift per step, a signed fraction of the opening price, e.g. -0.001 (default 0)' },
  path: { type: 'string', value: 'FILE.csv', help: 'a recorded price path: one price per row (header price, or step,price); sets the steps' },
  accounts: { type: 'string', value: 'FILE', help: 'the population as JSON [{id, side, size, entry, collateral, mode}] instead of a generated one' },
  steps: { type: 'string', value: 'N', help: 'steps to simulate (default 100)' },
  seed: { type: 'string', value: 'S', help: `seed of the generated population (default ${DEFAULT_SEED})` },
  depth: { type: 'string', value: 'D', help: 'liquidity depth D in quote: the one knob of the impact model (default 10000000)' },
  mode: { type: 'string', value: 'market|auction', help: 'keepers dump into the book (market) or the fund auctions seized positions (auction)' },
  venue: { type: 'boolean', help: 'venue mode: the venue liquidates every liquidatable account at once (no keepers)' },
  'no-adl': { type: 'boolean', help: 'no auto-deleveraging: what the fund cannot pay stays socialized' },
  out: { type: 'string', value: 'DIR', help: `write simulation.json, series.csv and report.html here (default ${DEFAULT_SIMULATION_OUT})` },
  trace: { type: 'string', value: 'FILE', help: 'write the event trace (JSON Lines) the judge reads' },
  check: { type: 'boolean', help: 'judge the run by the system invariants SYS-00x; exit 1 on a violation (default on)' },
  'no-check': { type: 'boolean', help: 'do not judge the run' },
  json: { type: 'boolean', help: 'print the report (simulation.json) instead of the summary' },
  engine: { type: 'string', value: 'ENGINE', help: 'judge another implementation: "cmd args" (subprocess) or http://HOST:PORT/path speaking the protocol\'s step requests (docs/protocol.md); default: the reference' },
  timeout: { type: 'string', value: 'MS', help: 'per-request timeout for --engine (default 5000)' },
  help: { type: 'boolean', help: 'show this help' },
};

const SUMMARY = `Simulates a market of many accounts over discrete steps (docs/simulation.md): a population
(generated from a seed, or --accounts), an exogenous price path (a shock, a drift or a recorded
path), keepers that liquidate with the reference model under the profile's policy when the reward
covers their cost, liquidation flow that moves the mark (square-root impact with recovery), the
insurance fund, auto-deleveraging (ADL) when the fund cannot pay, or Dutch auctions (--mode auction).
The run is judged by the system invariants (value conserved, ADL only when needed and in ranking
order, no healthy account liquidated, …): a violation exits 1 with the command that replays it.
The same configuration and seed give the same run, byte for byte. --engine runs another
implementation's liquidation service through the same path (its step requests, docs/protocol.md)
and judges it by the same invariants and against the reference (SYS-010).`;

/**
 * `--shock -30%` as `--shock=-30%`: node's strict parser would take a value starting with a minus
 * for a flag, so a negative move (or a negative number refused with the option's own message)
 * can be written the way people write it.
 */
export function joinSignedValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (a.startsWith('--') && SIMULATE_OPTIONS[a.slice(2)]?.type === 'string' && next !== undefined && /^[-−][0-9.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Fraction digits of a configured fraction (spec S1: Φ = 12). */
const PHI = 12;

/**
 * A move as a canonical signed fraction: `-30%` → `-0.3`, `-0.3` → `-0.3`, `30%` → `0.3`; a
 * percentage is divided by 100 exactly (decimal arithmetic, no float). The sign is the direction:
 * negative down, positive up. At most a fall of 100 %, at most Φ fraction digits.
 */
export function parseMove(option: string, raw: string): string {
  const m = /^([+\-−]?)([0-9]+(?:\.[0-9]+)?|\.[0-9]+)(%?)$/.exec(raw.trim());
  const bad = (why: string) => new UsageError(`${option}: expected ${why}, received ${JSON.stringify(raw)}`);
  if (m === null) throw bad(option === '--shock' ? 'a move such as -30%, -0.3 or 30% (negative down, positive up)' : 'a signed fraction per step such as -0.001 or -0.1%');
  const magnitude = new Dec(m[2]!).div(m[3] === '%' ? 100 : 1);
  const value = m[1] === '' || m[1] === '+' ? magnitude : magnitude.neg();
  if (value.decimalPlaces() > PHI) throw bad(`at most ${PHI} fraction digits (${m[3] === '%' ? `${PHI - 2} in a percentage` : 'spec S1'})`);
  if (value.lt(-1)) throw bad('a fall of at most 100% (-1)');
  return toCanonical(value);
}

/** The configuration fields each flag sets, so a refused value is reported under the flag's name. */
const FLAG_FIELDS: readonly (readonly [flag: string, field: string])[] = [
  ['--market', 'market'],
  ['--steps', 'steps'],
  ['--seed', 'seed'],
  ['--shock', 'path.shock'],
  ['--shock-at', 'path.shockAt'],
  ['--shock-steps', 'path.shockSteps'],
  ['--drift', 'path.drift'],
  ['--depth', 'liquidity.depth'],
  ['--mode', 'liquidation.mode'],
  ['--venue', 'keepers'],
  ['--no-adl', 'adl'],
];

/** A recorded path's issue path as the CSV line it names: `path[3].price` is line 5 (after the header). */
function csvLine(path: string): string {
  const row = /^path\[(\d+)\]/.exec(path);
  if (row !== null) return `line ${Number(row[1]) + 2}`;
  return path === 'path.header' ? 'line 1' : 'the file';
}

/** `/path/shock`, `$.path.shock`, `path.shock` → `path.shock`. */
function dotted(path: string): string {
  return path.replace(/^\$\.?/, '').replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.');
}

/** Where each issue of a refused configuration comes from: the flag, the accounts file, or the config file. */
export function describeIssues(issues: readonly Issue[], given: { readonly flags: ReadonlySet<string>; readonly config?: string; readonly accounts?: string; readonly path?: string }): string {
  const lines = issues.map((issue) => {
    const path = dotted(issue.path);
    const flag = FLAG_FIELDS.find(([f, field]) => given.flags.has(f) && (path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`)));
    let where: string;
    if (flag !== undefined) where = `${flag[0]} (${path})`;
    else if (given.accounts !== undefined && /^accounts\b/.test(path)) where = `--accounts ${given.accounts}: ${path.replace(/^accounts\.?/, '') || '$'}`;
    else if (given.path !== undefined && /^path(\[\d+\]|\.header|$)/.test(path)) where = `--path ${given.path}: ${csvLine(path)}`;
    else if (given.config !== undefined) where = `--config ${given.config}: ${path || '$'}`;
    else where = path || '$';
    return `  ${where}: expected ${issue.expected}, received ${issue.received}`;
  });
  return `the simulation configuration has ${issues.length} problem(s)\n${lines.join('\n')}`;
}

function readJsonInput(option: string, file: string): unknown {
  const r = readJsonFile(file);
  if (!r.ok) throw new UsageError(`${option} ${formatFileProblem(r.problem)}`);
  return r.value;
}

function readPath(file: string): readonly string[] {
  const read = readRegularFile(file);
  if (!read.ok) throw new UsageError(`--path ${formatFileProblem(read.problem)}`);
  const text = decodeUtf8(file, read.bytes);
  if (!text.ok) throw new UsageError(`--path ${formatFileProblem(text.problem)}`);
  const prices = parsePathCsv(text.text, 'path');
  if (!prices.ok) throw new UsageError(describeIssues(prices.issues, { flags: new Set(), path: file }));
  return prices.value;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The config file's object with the flags' values laid over it (deeper objects merged, not replaced). */
function withFlags(base: Record<string, unknown>, values: Record<string, string | boolean | undefined>): { config: Record<string, unknown>; flags: Set<string> } {
  const config: Record<string, unknown> = { ...base };
  const flags = new Set<string>();
  const set = (flag: string, field: string, value: unknown) => {
    flags.add(flag);
    const [head, tail] = field.split('.') as [string, string | undefined];
    if (tail === undefined) config[head] = value;
    else config[head] = { ...(isObject(config[head]) ? config[head] : {}), [tail]: value };
  };
  const int = (name: string, min: number, max: number) => intOption(values, name, 0, min, max);
  if (values['market'] !== undefined) set('--market', 'market', values['market']);
  if (values['steps'] !== undefined) set('--steps', 'steps', int('steps', 1, 10_000_000));
  if (values['seed'] !== undefined) set('--seed', 'seed', int('seed', 0, 2 ** 32 - 1));
  if (values['shock'] !== undefined) set('--shock', 'path.shock', parseMove('--shock', values['shock'] as string));
  if (values['shock-at'] !== undefined) set('--shock-at', 'path.shockAt', int('shock-at', 0, 10_000_000));
  if (values['shock-steps'] !== undefined) set('--shock-steps', 'path.shockSteps', int('shock-steps', 1, 10_000_000));
  if (values['drift'] !== undefined) set('--drift', 'path.drift', parseMove('--drift', values['drift'] as string));
  if (values['depth'] !== undefined) {
    const d = values['depth'] as string;
    if (!/^([0-9]+(\.[0-9]+)?)$/.test(d) || new Dec(d).isZero()) throw new UsageError(`--depth: expected a positive amount of quote such as 10000000, received ${JSON.stringify(d)}`);
    set('--depth', 'liquidity.depth', d);
  }
  if (values['mode'] !== undefined) {
    const m = values['mode'] as string;
    if (m !== 'market' && m !== 'auction') throw new UsageError(`--mode: expected one of market, auction, received ${JSON.stringify(m)}`);
    set('--mode', 'liquidation.mode', m);
  }
  if (values['venue']) set('--venue', 'keepers', []);
  if (values['no-adl']) set('--no-adl', 'adl', false);
  return { config, flags };
}

/** The command line, quoted for a POSIX shell where it needs to be. */
function shellLine(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ');
}

/**
 * The command. `wrong` is for tests only: a wrong simulator of src/simulate/zoo/ (its rules or
 * engine, built on the setup) run through the whole command, to show that a violation exits 1
 * with its replay line.
 */
export async function simulate(argv: readonly string[], io: Io, wrong?: (setup: SimulationSetup) => SimulateOptions): Promise<number> {
  const args = joinSignedValues(argv);
  const { values } = parseOptions(args, SIMULATE_OPTIONS);
  if (values['help']) {
    io.out(helpFor('simulate', SUMMARY, SIMULATE_OPTIONS));
    return EXIT.ok;
  }
  if (values['check'] && values['no-check']) throw new UsageError('--check and --no-check: give one (the run is judged unless --no-check)');
  if (values['path'] !== undefined && (values['shock'] !== undefined || values['drift'] !== undefined)) throw new UsageError('--path and --shock/--drift: a recorded path is the whole price path; give one');
  const out = (values['out'] as string | undefined) ?? DEFAULT_SIMULATION_OUT;
  if (out === '') throw new UsageError('--out: expected a directory, received ""');
  const traceFile = values['trace'] as string | undefined;
  const files = ['simulation.json', 'series.csv', 'report.html'];
  const unwritable = unwritableOutput([
    { option: '--out', path: out, kind: 'directory', createsParents: true },
    ...(existsSync(out) ? files.map((f) => ({ option: '--out', path: join(out, f) })) : []),
    { option: '--trace', path: traceFile },
  ]);
  if (unwritable !== null) throw new UsageError(unwritable);
  const judge = !values['no-check'];

  // The params and policy: a profile's, a params file's (which wins over a profile's params, as in `check`), or the built-in ones.
  const profileName = values['profile'] as string | undefined;
  const paramsFile = values['params'] as string | undefined;
  const profile = profileName === undefined ? undefined : loadProfile(profileName);
  const params: RiskParams = paramsFile !== undefined ? loadParams(paramsFile) : profile !== undefined ? profile.params : deepFreeze(structuredClone(defaultParams));

  const configFile = values['config'] as string | undefined;
  const fileConfig = configFile === undefined ? {} : readJsonInput('--config', configFile);
  if (!isObject(fileConfig)) throw new UsageError(`--config ${configFile}: $: expected a JSON object (the simulation configuration), received ${Array.isArray(fileConfig) ? 'an array' : JSON.stringify(fileConfig)}`);
  const { config, flags } = withFlags(fileConfig, values);
  const accountsFile = values['accounts'] as string | undefined;
  const pathFile = values['path'] as string | undefined;
  const resolved = resolveSimulation(config as SimulationConfig, {
    params,
    ...(profile !== undefined ? { policy: profile.wire.policy, profile: profile.wire.name } : {}),
    ...(accountsFile !== undefined ? { accounts: readJsonInput('--accounts', accountsFile) } : {}),
    ...(pathFile !== undefined ? { pathPrices: readPath(pathFile) } : {}),
  });
  if (!resolved.ok) {
    throw new UsageError(describeIssues(resolved.issues, { flags, ...(configFile !== undefined ? { config: configFile } : {}), ...(accountsFile !== undefined ? { accounts: accountsFile } : {}), ...(pathFile !== undefined ? { path: pathFile } : {}) }));
  }
  const setup = resolved.value;
  const rc = setup.resolved;
  const say = values['json'] ? io.err : io.out;
  say(`liqcheck simulate — ${headline(rc, profile?.wire.name ?? (paramsFile ?? 'built-in params'))}\n`);

  // The trace is kept in memory when it is written or judged: the judge replays it after the run.
  const events: TraceEvent[] = [];
  const keep = judge || Boolean(traceFile);
  const extra = wrong?.(setup) ?? {};
  const progress = progressFor(io, 'simulate', 'steps');
  const onEvent = (e: TraceEvent): void => {
    if (keep) events.push(e);
    if (e.type === 'step') progress.update(e.step + 1, rc.steps);
    extra.onEvent?.(e);
  };
  // Another implementation answers every round over the protocol (docs/simulation.md S14); the
  // driver, the keepers and the judge stay ours.
  const engineCmd = values['engine'] as string | undefined;
  const timeoutMs = intOption(values, 'timeout', 5000, 1, 3_600_000);
  let handle: EngineHandle | undefined;
  let engine: StepEngine | undefined;
  if (engineCmd !== undefined) {
    try {
      handle = await openEngine(engineCmd, { timeoutMs });
      engine = protocolStepEngine(handle, setup);
    } catch (e) {
      await handle?.close();
      io.err(`liqcheck: the engine could not be started: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT.engine;
    }
  }
  let stopped: StopFlag = { stopped: false };
  let run: Awaited<ReturnType<typeof runSimulation>>;
  try {
    run = await withStopOnSigint(io, (stop) => runSimulation(setup, { ...extra, ...(engine !== undefined ? { engine } : {}), stop: (stopped = stop), onEvent }));
  } catch (e) {
    if (!(e instanceof StepEngineError || e instanceof EngineStartError)) throw e;
    progress.finish();
    const tail = handle?.stderrTail() ?? '';
    io.err(`liqcheck: the engine failed on a step: ${e.message}\n${tail === '' ? '' : `engine stderr (last lines):\n${tail}\n`}`);
    return EXIT.engine;
  } finally {
    await handle?.close();
  }
  progress.finish();
  const report = run.report;

  writeFileAtomic(join(out, 'simulation.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(join(out, 'series.csv'), seriesCsv(report));
  writeFileAtomic(join(out, 'report.html'), await simulationHtml(report));
  const written = [join(out, 'simulation.json'), 'series.csv', 'report.html'];
  const traceText = () => events.map((e) => JSON.stringify(e)).join('\n') + (events.length > 0 ? '\n' : '');
  if (traceFile) {
    writeFileAtomic(traceFile, traceText());
    written.push(traceFile);
  }

  const verdict = judge ? judgeTrace(events, { maxPerInvariant: KEPT_PER_INVARIANT }) : null;
  const violations = verdict?.violations ?? [];
  if (violations.length > 0 && !traceFile) {
    // The judge's input is kept next to the report so the violation can be read without a rerun.
    writeFileAtomic(join(out, 'trace.jsonl'), traceText());
    written.push('trace.jsonl');
  }

  if (values['json']) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else io.out(formatSimulation(report));
  if (verdict === null) say('judge      not run (--no-check)\n');
  else {
    const replay = [...args, ...(flags.has('--seed') ? [] : ['--seed', String(report.seed)]), ...(traceFile ? [] : ['--trace', join(out, 'trace.jsonl')])];
    say(formatJudgement(verdict, `npx liqcheck simulate ${shellLine(replay)}`));
  }
  say(`\nwrote ${written.join(', ')} (${formatDuration(report.ms)})\n`);
  if (report.interrupted) return interruptedExit(stopped);
  return violations.length > 0 ? EXIT.violation : EXIT.ok;
}

/** Violations the judge keeps per invariant: the first ones locate a bug; a count at the cap reads "50+". */
const KEPT_PER_INVARIANT = 50;

/** How many violations are printed; the rest are counted (the trace holds the evidence of all). */
const SHOWN_VIOLATIONS = 20;

/** The judge's verdict: the invariants that held and how often each was exercised, or each violation and the replay line. */
export function formatJudgement(j: Judgement, replay: string): string {
  const ids = Object.keys(j.checked).sort();
  const total = Object.values(j.checked).reduce((a, b) => a + b, 0);
  const idle = ids.filter((id) => j.checked[id] === 0);
  if (j.violations.length === 0) {
    const range = ids.length > 0 ? `${ids[0]}…${ids[ids.length - 1]}` : 'the system invariants';
    return `judge      ${range} held: ${formatCount(total)} checks${idle.length > 0 ? ` (not exercised by this run: ${idle.join(', ')})` : ''}\n`;
  }
  const byId = new Map<string, number>();
  for (const v of j.violations) byId.set(v.id, (byId.get(v.id) ?? 0) + 1);
  const lines = [`judge      violations of the system invariants: ${[...byId].map(([id, n]) => `${id} ×${formatCount(n)}${n >= KEPT_PER_INVARIANT ? '+' : ''}`).join(', ')}`];
  for (const v of j.violations.slice(0, SHOWN_VIOLATIONS)) lines.push(`  ✗ ${v.id} step ${v.step}${v.round !== undefined ? ` round ${v.round}` : ''}${v.party !== undefined ? ` ${v.party}` : ''}: ${v.message}`);
  if (j.violations.length > SHOWN_VIOLATIONS) lines.push(`  … and ${formatCount(j.violations.length - SHOWN_VIOLATIONS)} more (the trace has the evidence)`);
  lines.push(`Replay: ${replay}`);
  return `${lines.join('\n')}\n`;
}

/** One line: what is simulated, under which path and mode, with which seed. */
function headline(c: SimulationReport['config'], source: string): string {
  const drift = new Dec(c.path.drift).isZero() ? '' : `drift ${formatMove(c.path.drift)}/step`;
  const shock = new Dec(c.path.shock).isZero() ? '' : `shock ${formatMove(c.path.shock)} at step ${c.path.shockAt}${c.path.shockSteps > 1 ? ` over ${c.path.shockSteps} steps` : ''}`;
  const path = c.path.kind === 'recorded' ? 'recorded path' : [shock, drift].filter((x) => x !== '').join(', ') || 'flat path (no shock, no drift)';
  const liquidators = c.keepers.length === 0 ? 'venue liquidates' : `${c.keepers.length} keeper(s)`;
  return `${source}, ${c.market}: ${formatCount(c.population.count)} accounts (${c.population.source}), ${formatCount(c.steps)} steps, ${path}, ${c.liquidation.mode} mode, ${liquidators}, ADL ${c.adl ? 'on' : 'off'}, depth ${formatCount(c.liquidity.depth)}, seed ${c.seed}`;
}

const amount = (x: string) => formatFixed(x, 2);

/** The human summary of a run: cascade, liquidations, bad debt, ADL and the fund. */
export function formatSimulation(r: SimulationReport): string {
  const s = r.summary;
  const oi = new Dec(s.openInterestStartNotional);
  const share = oi.isZero() ? '' : ` (${formatPercent(new Dec(s.badDebt).div(oi), 3)} of the opening open interest ${amount(s.openInterestStartNotional)})`;
  const lines = [
    `\ncascade    depth ${r.cascadeDepth} round(s); ${formatCount(r.cascadeSteps)} step(s) with liquidations after the path last moved`,
    `liquidated ${formatCount(s.liquidations)} (partial ${formatCount(s.partial)}, full ${formatCount(s.full)}, bankrupt ${formatCount(s.bankrupt)}), notional ${amount(s.liquidatedNotional)}; ${formatCount(s.flagged)} liquidatable left unliquidated`,
    `bad debt   ${amount(s.badDebt)}${share}; the fund paid ${amount(s.insurancePayout)}, socialized at the end ${amount(s.socialized)}`,
    `ADL        ${formatCount(s.adlEvents)} event(s), volume ${amount(s.adlVolume)}`,
    `fund       ${amount(s.insuranceFundStart)} → ${amount(s.insuranceFund)}`,
    `mark       ${amount(s.startMark)} → ${amount(s.finalMark)} (low ${amount(s.minMark)}, high ${amount(s.maxMark)}); open interest ${toCanonical(new Dec(s.openInterestStart))} → ${toCanonical(new Dec(s.openInterest))}`,
    ...(r.config.liquidation.mode === 'auction' ? [`auctions   ${formatCount(s.kicks)} kicked, ${formatCount(s.takes)} takes, ${formatCount(s.resets)} resets, ${formatCount(s.liveAuctions)} live at the end; fund write-offs ${amount(s.writeoffs)}; vault ${toCanonical(new Dec(s.vaultSize))} held, worth ${amount(s.vaultValue)}`] : []),
    ...(r.interrupted ? [`interrupted after ${formatCount(s.steps)} of ${formatCount(r.config.steps)} steps`] : []),
  ];
  return `${lines.join('\n')}\n`;
}
