/**
 * Gate throughput and memory benchmark (not a test): scenarios per second end to end through the
 * adapters, and the gate's peak RSS over long runs.
 *
 * Engines: the reference called in-process with no adapter (the baseline); the JavaScript example
 * engine in-process (module adapter), over stdio (subprocess adapter, pipelined) and over HTTP
 * (batched); the Python example over stdio; and the echo engine (answers without computing)
 * over stdio, i.e. the harness's overhead alone. Each is measured engine-only (answers received
 * and dropped), and the main ones also with every check — the whole invariant catalog through
 * `checkCaseAsync`, relation invariants re-running the engine — which is what `liqcheck check` does.
 *
 * Every measurement runs in a fresh child process, so each peak RSS is its own. The driver keeps
 * at most `CONCURRENCY` cases in flight and cycles over a fixed pool of scenarios, so memory stays
 * flat whatever the number of cases. A warm-up of `WARMUP` cases (engine and gate JIT) precedes
 * the timed run.
 *
 * CPU split (every measurement): the gate's own CPU is `process.cpuUsage()` (user + system) of the
 * measuring process over the timed run; the engine's is the utime + stime (+ cutime + cstime, what
 * it started and reaped) of the gate's child processes, read from /proc/<pid>/stat before and after
 * the timed run (the in-process engines have none: all their CPU is the gate's). The gate's share is
 * gate / (gate + engine), the CPU of the whole check. `liqcheck check` itself is measured by
 * calling the CLI's `main(['check', '--impl', …, '--runs', N, '--seed', SEED, '--failures', ''])`
 * in the measuring process after a warm-up run of the same command (scenario generation,
 * relation budget, classify and concurrency exactly as the CLI does them); its engine's CPU is
 * then the growth of /proc/self/stat's cutime + cstime, since the CLI closes (and so reaps) the
 * engine before it returns. Wall time and scenarios/s are printed beside; a figure says the load
 * average it was measured at.
 *
 * The Python example runs twice: as shipped (protocol 1.1, `params-ref`: each params set sent once)
 * and with `--no-params-ref` (every request carries its params, as in protocol 1.0).
 *
 * Run: `npx tsx bench/gate.ts` (about 3–4 minutes; `--quick` for a smoke run). Prints a table and
 * writes reports/gate-bench.json atomically. `--python` runs the Python rows only and writes
 * reports/gate-bench-python.json instead.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';
import { scenario } from '../src/arbitraries/scenario.ts';
import { openEngine, type EngineHandle } from '../src/adapters/openEngine.ts';
import { checkCase, checkCaseAsync } from '../src/invariants/checkCase.ts';
import { formatCount, formatDuration, formatFixed, formatPercent, formatSignificant } from '../src/io/formatFigure.ts';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { main as cliMain } from '../src/cli/main.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20261125;
const POOL = 2000;
const WARMUP = 2000;
const CONCURRENCY = 64;
/** Longest a memory run may take; longer ones are skipped with the estimate that ruled them out. */
const MEMORY_BUDGET_S = 120;

type EngineId = 'reference' | 'js-module' | 'js-stdio' | 'py-stdio' | 'py-stdio-inline' | 'echo-stdio' | 'js-http';

const ENGINES: Readonly<Record<EngineId, { readonly label: string; readonly transport: string }>> = {
  reference: { label: 'reference, called directly', transport: 'none (baseline)' },
  'js-module': { label: 'JS example', transport: 'in-process module' },
  'js-stdio': { label: 'JS example', transport: 'subprocess, pipelined' },
  'py-stdio': { label: 'Python example', transport: 'subprocess, params-ref' },
  'py-stdio-inline': { label: 'Python example', transport: 'subprocess, params inline' },
  'echo-stdio': { label: 'echo (no work)', transport: 'subprocess, pipelined' },
  'js-http': { label: 'JS example', transport: 'HTTP, batched' },
};

const IMPL: Readonly<Record<Exclude<EngineId, 'reference' | 'js-http'>, string>> = {
  'js-module': './examples/js/engine.mjs',
  'js-stdio': 'node examples/js/engine.mjs',
  'py-stdio': 'python3 examples/python/engine.py',
  'py-stdio-inline': 'python3 examples/python/engine.py --no-params-ref',
  'echo-stdio': 'node examples/echo/engine.mjs',
};

interface Job {
  readonly engine: EngineId;
  readonly checks: boolean;
  /** run as `liqcheck check --impl …` (the CLI in-process) instead of the bench's own driver */
  readonly cli?: boolean;
  readonly cases: number;
  readonly warmup: number;
}

interface JobResult extends Job {
  readonly seconds: number;
  readonly perSecond: number;
  /** CPU seconds of the timed run: the gate process's own (of which system), and its engine subprocesses' */
  readonly gateCpuS: number;
  readonly gateSysS: number;
  readonly engineCpuS: number;
  /** gate / (gate + engine) */
  readonly gateCpuShare: number;
  /** the 1-minute load average when the timed run ended */
  readonly load: number;
  /** the gate process's peak resident set, MiB */
  readonly gateMaxRssMiB: number;
  readonly failures: number;
}

// ---------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc; clock ticks of 1/100 s, as `getconf CLK_TCK` says on Linux)

const TICK_S = 0.01;

/** utime, stime, cutime, cstime and ppid of one process, from /proc/<pid>/stat (null once gone). */
function procStat(pid: number | 'self'): { readonly ppid: number; readonly own: number; readonly reaped: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (field: number): number => Number(f[field - 3]);
  return { ppid: n(4), own: (n(14) + n(15)) * TICK_S, reaped: (n(16) + n(17)) * TICK_S };
}

/** CPU seconds used so far by this process's live children, with what they reaped, by pid. */
function childrenCpu(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = procStat(Number(name));
    if (st !== null && st.ppid === process.pid) out.set(Number(name), st.own + st.reaped);
  }
  return out;
}

interface CpuSplit {
  /** the gate process's own CPU seconds, and the system (kernel) part of them */
  readonly gateCpuS: number;
  readonly gateSysS: number;
  readonly engineCpuS: number;
}

/** CPU of the gate and of its engine processes over `work`. */
async function cpuOf<T>(work: () => Promise<T>): Promise<{ value: T } & CpuSplit> {
  const children0 = childrenCpu();
  const reaped0 = procStat('self')!.reaped;
  const gate0 = process.cpuUsage();
  const value = await work();
  const gate = process.cpuUsage(gate0);
  let engineCpuS = procStat('self')!.reaped - reaped0;
  for (const [pid, cpu] of childrenCpu()) engineCpuS += cpu - (children0.get(pid) ?? 0);
  return { value, gateCpuS: (gate.user + gate.system) / 1e6, gateSysS: gate.system / 1e6, engineCpuS };
}

// ---------------------------------------------------------------------------------------------
// Child: one measurement

function pool(): Scenario[] {
  return fc.sample(scenario({ params: fc.constant(defaultParams) }), { seed: SEED, numRuns: POOL });
}

/** Runs `n` cases with at most `CONCURRENCY` in flight; returns how many failed. */
async function drive(scenarios: readonly Scenario[], n: number, one: (s: Scenario) => Promise<boolean>): Promise<number> {
  let next = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      if (!(await one(scenarios[i % scenarios.length]!))) failures++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures;
}

async function openFor(engine: Exclude<EngineId, 'reference'>): Promise<{ handle: EngineHandle; stop: () => Promise<void> }> {
  const o = { timeoutMs: 30_000, cwd: ROOT };
  if (engine !== 'js-http') {
    const handle = await openEngine(IMPL[engine], o);
    return { handle, stop: () => handle.close() };
  }
  // The HTTP service runs in its own process, as a real one would.
  const child = spawn(process.execPath, ['examples/js/httpEngine.mjs', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) done(out.trim());
    });
    child.once('exit', () => fail(new Error('the HTTP engine exited')));
  });
  const handle = await openEngine(url, o);
  return { handle, stop: async () => void (await handle.close(), child.kill('SIGKILL')) };
}

/** Runs `n` cases through `runMany` in batches of `size`, `CONCURRENCY / size` batches at once. */
async function driveBatches(scenarios: readonly Scenario[], n: number, runMany: (b: readonly Scenario[]) => Promise<unknown>, size = 128): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const from = next;
      next = Math.min(n, next + size);
      await runMany(Array.from({ length: next - from }, (_, k) => scenarios[(from + k) % scenarios.length]!));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, CONCURRENCY / size) * 2 }, worker));
  return 0;
}

/** `liqcheck check --impl …` in this process, `n` scenarios; returns how many invariants failed (0 or 1). */
async function cliCheck(engine: Exclude<EngineId, 'reference' | 'js-http'>, n: number): Promise<number> {
  const argv = ['check', '--impl', IMPL[engine], '--runs', String(n), '--seed', String(SEED), '--failures', ''];
  const io = { out: () => {}, err: () => {}, isTTY: false };
  return (await cliMain(argv, io)) === 0 ? 0 : 1;
}

async function child(job: Job): Promise<JobResult> {
  if (job.cli === true) {
    if (job.engine === 'reference' || job.engine === 'js-http') throw new Error(`no CLI measurement for ${job.engine}`);
    const engine = job.engine;
    process.chdir(ROOT);
    process.env['LIQCHECK_PROGRESS'] = '0';
    if (job.warmup > 0) await cliCheck(engine, job.warmup);
    const t0 = performance.now();
    const { value: failures, ...cpu } = await cpuOf(() => cliCheck(engine, job.cases));
    const seconds = (performance.now() - t0) / 1000;
    const gateCpuShare = cpu.gateCpuS / (cpu.gateCpuS + cpu.engineCpuS);
    return { ...job, seconds, perSecond: job.cases / seconds, ...cpu, gateCpuShare, gateMaxRssMiB: process.resourceUsage().maxRSS / 1024, failures, load: os.loadavg()[0]! };
  }
  const scenarios = pool();
  let runN: (n: number) => Promise<number>;
  let stop = async (): Promise<void> => {};
  if (job.engine === 'reference') {
    const one = job.checks ? async (s: Scenario) => checkCase(liquidate, s).violations.length === 0 : async (s: Scenario) => liquidate(s).ok || true;
    runN = (n) => drive(scenarios, n, one);
  } else {
    const opened = await openFor(job.engine);
    stop = opened.stop;
    const h = opened.handle;
    if (job.checks) runN = (n) => drive(scenarios, n, async (s) => (await checkCaseAsync(h.run, s)).violations.length === 0);
    else if (job.engine === 'js-http') runN = (n) => driveBatches(scenarios, n, h.runMany!.bind(h));
    else runN = (n) => drive(scenarios, n, async (s) => (await h.run(s)).ok || true);
  }
  await runN(job.warmup);
  const t0 = performance.now();
  const { value: failures, ...cpu } = await cpuOf(() => runN(job.cases));
  const seconds = (performance.now() - t0) / 1000;
  await stop();
  const gateCpuShare = cpu.gateCpuS / (cpu.gateCpuS + cpu.engineCpuS);
  return { ...job, seconds, perSecond: job.cases / seconds, ...cpu, gateCpuShare, gateMaxRssMiB: process.resourceUsage().maxRSS / 1024, failures, load: os.loadavg()[0]! };
}

// ---------------------------------------------------------------------------------------------
// Parent: orchestration, table, report

function runChild(job: Job): Promise<JobResult> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', JSON.stringify(job)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        done(JSON.parse(line) as JobResult);
      } catch (e) {
        fail(new Error(`measurement ${JSON.stringify(job)} failed: ${(e as Error).message}; output: ${out.slice(-500)}`));
      }
    });
  });
}

function table(rows: readonly JobResult[]): string {
  const head = `  ${'engine'.padEnd(28)} ${'transport'.padEnd(26)} ${'checks'.padEnd(11)} ${'cases'.padStart(9)} ${'seconds'.padStart(8)} ${'scenarios/s'.padStart(12)} ${'gate CPU s (sys)'.padStart(17)} ${'engine CPU s'.padStart(13)} ${'gate share'.padStart(11)} ${'gate RSS MiB'.padStart(13)} ${'load'.padStart(5)}`;
  const lines = rows.map((r) => {
    const e = ENGINES[r.engine];
    const checks = r.cli === true ? 'check (CLI)' : r.checks ? 'all' : 'none';
    return `  ${e.label.padEnd(28)} ${e.transport.padEnd(26)} ${checks.padEnd(11)} ${formatCount(r.cases).padStart(9)} ${formatFixed(r.seconds, 2).padStart(8)} ${formatCount(r.perSecond).padStart(12)} ${`${formatFixed(r.gateCpuS, 2)} (${formatFixed(r.gateSysS, 2)})`.padStart(17)} ${formatFixed(r.engineCpuS, 2).padStart(13)} ${formatPercent(r.gateCpuShare).padStart(11)} ${formatCount(r.gateMaxRssMiB).padStart(13)} ${formatFixed(r.load, 1).padStart(5)}`;
  });
  return [head, ...lines].join('\n');
}

/** Issue 9's "today" for a subprocess Python engine with all checks: 183–326 scenarios/s. */
const PYTHON_BEFORE_PER_S = 326;
const GATE_SHARE_GOAL = 0.2;

/** The Python figures: params-ref against inline, the gate's CPU share, the goals of issue 9. */
function pythonSummary(rows: readonly JobResult[]): { text: string; figures: Record<string, unknown> } {
  const find = (engine: EngineId, checks: boolean, cli: boolean): JobResult => rows.find((r) => r.engine === engine && r.checks === checks && (r.cli === true) === cli)!;
  const kinds = [
    { key: 'engineOnly', label: 'engine only', checks: false, cli: false },
    { key: 'allChecks', label: 'all checks, every relation on every case (driver)', checks: true, cli: false },
    { key: 'check', label: '`liqcheck check` (relations every 8th case)', checks: true, cli: true },
  ] as const;
  const figures: Record<string, unknown> = {};
  const lines: string[] = ['Python example over stdio, params-ref vs params inline:'];
  for (const k of kinds) {
    const ref = find('py-stdio', k.checks, k.cli);
    const inline = find('py-stdio-inline', k.checks, k.cli);
    const micros = (r: JobResult, cpu: number): number => (cpu / r.cases) * 1e6;
    figures[k.key] = {
      paramsRefPerSecond: ref.perSecond,
      inlinePerSecond: inline.perSecond,
      speedup: ref.perSecond / inline.perSecond,
      gateCpuShare: ref.gateCpuShare,
      inlineGateCpuShare: inline.gateCpuShare,
      gateMicrosPerScenario: micros(ref, ref.gateCpuS),
      engineMicrosPerScenario: micros(ref, ref.engineCpuS),
    };
    lines.push(
      `  ${k.label}: ${formatCount(ref.perSecond)}/s vs ${formatCount(inline.perSecond)}/s (${formatFixed(ref.perSecond / inline.perSecond, 2)}×); CPU per scenario: gate ${formatSignificant(micros(ref, ref.gateCpuS), 3)} µs, engine ${formatSignificant(micros(ref, ref.engineCpuS), 3)} µs → gate ${formatPercent(ref.gateCpuShare)} of the total (inline: ${formatPercent(inline.gateCpuShare)})`,
    );
  }
  const check = find('py-stdio', true, true);
  const share = { goal: GATE_SHARE_GOAL, measured: check.gateCpuShare, met: check.gateCpuShare <= GATE_SHARE_GOAL };
  const speed = { goal: 2 * PYTHON_BEFORE_PER_S, before: PYTHON_BEFORE_PER_S, measured: check.perSecond, met: check.perSecond >= 2 * PYTHON_BEFORE_PER_S };
  figures['goals'] = { gateCpuShare: share, throughputWithChecks: speed };
  lines.push(`  goal: the gate's own CPU ≤ ${formatPercent(GATE_SHARE_GOAL, 0)} of the total in \`liqcheck check\`: ${share.met ? 'MET' : 'NOT MET'} (${formatPercent(share.measured)})`);
  lines.push(`  goal: ≥ 2 × ${PYTHON_BEFORE_PER_S}/s (issue 9's "today") through \`liqcheck check\`: ${speed.met ? 'MET' : 'NOT MET'} (${formatCount(speed.measured)}/s)`);
  // Attributable to the adapters alone: with no catalog, the gate's CPU is the transport's.
  const transport = find('py-stdio', false, false).gateCpuShare;
  figures['transportCpuShare'] = transport;
  lines.push(`  the transport alone (engine only, no catalog): gate ${formatPercent(transport)} of the total (${transport <= GATE_SHARE_GOAL ? 'within' : 'above'} ${formatPercent(GATE_SHARE_GOAL, 0)}); the rest of the gate's CPU in \`check\` is generation and the catalog`);
  return { text: lines.join('\n'), figures };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const scale = quick ? 0.1 : 1;
  const started = Date.now();
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  console.log(`liqcheck gate bench — node ${process.version}, ${os.cpus().length} × ${cpu}, load ${formatFixed(os.loadavg()[0]!, 2)}`);
  console.log(`scenarios: a pool of ${formatCount(POOL)} from scenario() over the default params (seed ${SEED}), cycled; ${formatCount(CONCURRENCY)} cases in flight; ${formatCount(WARMUP)} warm-up cases\n`);

  const n = (x: number): number => Math.max(200, Math.round(x * scale));
  const throughputJobs: Job[] = [
    { engine: 'reference', checks: false, cases: n(20_000), warmup: WARMUP },
    { engine: 'js-module', checks: false, cases: n(20_000), warmup: WARMUP },
    { engine: 'js-stdio', checks: false, cases: n(20_000), warmup: WARMUP },
    { engine: 'js-http', checks: false, cases: n(20_000), warmup: WARMUP },
    { engine: 'echo-stdio', checks: false, cases: n(50_000), warmup: WARMUP },
    { engine: 'reference', checks: true, cases: n(5_000), warmup: WARMUP },
    { engine: 'js-module', checks: true, cases: n(5_000), warmup: WARMUP },
    { engine: 'js-stdio', checks: true, cases: n(5_000), warmup: WARMUP },
  ];
  // Python: engine only, the catalog through the bench's driver (every relation on every case),
  // and `liqcheck check` itself; each with params-ref and with params inline.
  const pythonJobs: Job[] = (['py-stdio', 'py-stdio-inline'] as const).flatMap((engine): Job[] => [
    { engine, checks: false, cases: n(10_000), warmup: WARMUP },
    { engine, checks: true, cases: n(2_000), warmup: WARMUP / 4 },
    { engine, checks: true, cli: true, cases: n(5_000), warmup: WARMUP / 4 },
  ]);
  const onlyPython = process.argv.includes('--python');
  const throughput: JobResult[] = [];
  for (const job of onlyPython ? pythonJobs : [...throughputJobs, ...pythonJobs]) {
    const r = await runChild(job);
    throughput.push(r);
    console.log(table([r]).split('\n')[1]);
  }
  const python = pythonSummary(throughput);
  if (onlyPython) {
    console.log(`\n${table(throughput)}\n\n${python.text}`);
    const elapsedMs = Date.now() - started;
    const elapsed = elapsedMs / 1000;
    const report = { generatedAt: new Date().toISOString(), node: process.version, cpu, logicalCpus: os.cpus().length, quick, loadAverage: os.loadavg(), throughput, summary: python.figures, elapsedSeconds: elapsed };
    writeFileAtomic(resolve(ROOT, 'reports/gate-bench-python.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote reports/gate-bench-python.json (${formatDuration(elapsedMs)})`);
    return;
  }

  // Memory: the same driver over 10,000 and 1,000,000 cases, when the measured rate says the long
  // run fits in the budget.
  const memory: JobResult[] = [];
  const skipped: { job: Job; estimatedSeconds: number }[] = [];
  const memoryPlan: { engine: EngineId; checks: boolean }[] = [
    { engine: 'echo-stdio', checks: false },
    { engine: 'js-stdio', checks: false },
    { engine: 'js-stdio', checks: true },
  ];
  console.log('\nmemory (gate peak RSS):');
  for (const plan of memoryPlan) {
    const rate = throughput.find((r) => r.engine === plan.engine && r.checks === plan.checks)!.perSecond;
    for (const cases of quick ? [10_000] : [10_000, 1_000_000]) {
      const job: Job = { ...plan, cases, warmup: 0 };
      const estimatedSeconds = cases / rate;
      if (estimatedSeconds > MEMORY_BUDGET_S) {
        skipped.push({ job, estimatedSeconds });
        console.log(`  ${ENGINES[plan.engine].label}, ${ENGINES[plan.engine].transport}, checks ${plan.checks ? 'all' : 'none'}, ${formatCount(cases)} cases: skipped (≈ ${formatDuration(estimatedSeconds * 1000)} at ${formatCount(rate)}/s)`);
        continue;
      }
      const r = await runChild(job);
      memory.push(r);
      console.log(table([r]).split('\n')[1]);
    }
  }

  const get = (engine: EngineId, checks: boolean): number => throughput.find((r) => r.engine === engine && r.checks === checks)!.perSecond;
  const refChecks = get('reference', true);
  const subChecks = get('js-stdio', true);
  const overheadWithChecks = refChecks / subChecks - 1;
  const echoMicros = 1e6 / get('echo-stdio', false);
  console.log(`\n${table(throughput)}`);
  console.log(`\nharness overhead alone (echo over stdio): ${formatSignificant(echoMicros, 3)} µs per scenario`);
  console.log(`with all checks: JS over stdio ${formatCount(subChecks)}/s vs the reference in-process ${formatCount(refChecks)}/s → overhead ${formatPercent(overheadWithChecks)} (goal ≤ 25%)`);
  console.log(`goal ≥ 5,000 scenarios/s end to end with all checks over the subprocess: ${subChecks >= 5000 ? 'MET' : `NOT MET (${formatCount(subChecks)}/s; the catalog itself runs at ${formatCount(refChecks)}/s in-process)`}`);
  console.log(`\n${python.text}`);

  const elapsedMs = Date.now() - started;
  const elapsed = elapsedMs / 1000;
  writeFileAtomic(
    resolve(ROOT, 'reports/gate-bench.json'),
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        node: process.version,
        cpu,
        logicalCpus: os.cpus().length,
        platform: `${os.platform()} ${os.arch()}`,
        quick,
        method: {
          seed: SEED,
          pool: POOL,
          scenarioSource: 'scenario() over defaultParams (the CLI default), cycled',
          concurrency: CONCURRENCY,
          warmup: 'WARMUP cases before each timed run, in the same process',
          processPerMeasurement: true,
          checks: 'all: the whole catalog via checkCaseAsync (relation invariants re-run the engine); none: engine answers only',
        },
        engines: ENGINES,
        throughput,
        memory,
        memorySkipped: skipped.map((s) => ({ ...s.job, estimatedSeconds: s.estimatedSeconds, budgetSeconds: MEMORY_BUDGET_S })),
        summary: {
          echoMicrosPerScenario: echoMicros,
          checksPerSecondSubprocess: subChecks,
          checksPerSecondReferenceInProcess: refChecks,
          overheadWithChecks,
          python: python.figures,
          goals: {
            endToEndWithChecksPerSecond: { goal: 5000, measured: subChecks, met: subChecks >= 5000 },
            harnessOverhead: { goal: 0.25, measured: overheadWithChecks, met: overheadWithChecks <= 0.25 },
          },
        },
        elapsedSeconds: elapsed,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote reports/gate-bench.json (${formatDuration(elapsedMs)})`);
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const job = JSON.parse(process.argv[childAt + 1]!) as Job;
  const r = await child(job);
  process.stdout.write(`${JSON.stringify(r)}\n`);
  process.exit(0);
} else {
  await main();
}
