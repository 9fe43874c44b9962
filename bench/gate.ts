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
 * Run: `npx tsx bench/gate.ts` (about 2–3 minutes; `--quick` for a smoke run). Prints a table and
 * writes reports/gate-bench.json atomically.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';
import { scenario } from '../src/arbitraries/scenario.ts';
import { openEngine, type EngineHandle } from '../src/adapters/openEngine.ts';
import { checkCase, checkCaseAsync } from '../src/invariants/checkCase.ts';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20261125;
const POOL = 2000;
const WARMUP = 2000;
const CONCURRENCY = 64;
/** Longest a memory run may take; longer ones are skipped with the estimate that ruled them out. */
const MEMORY_BUDGET_S = 120;

type EngineId = 'reference' | 'js-module' | 'js-stdio' | 'py-stdio' | 'echo-stdio' | 'js-http';

const ENGINES: Readonly<Record<EngineId, { readonly label: string; readonly transport: string }>> = {
  reference: { label: 'reference, called directly', transport: 'none (baseline)' },
  'js-module': { label: 'JS example', transport: 'in-process module' },
  'js-stdio': { label: 'JS example', transport: 'subprocess, pipelined' },
  'py-stdio': { label: 'Python example', transport: 'subprocess, pipelined' },
  'echo-stdio': { label: 'echo (no work)', transport: 'subprocess, pipelined' },
  'js-http': { label: 'JS example', transport: 'HTTP, batched' },
};

interface Job {
  readonly engine: EngineId;
  readonly checks: boolean;
  readonly cases: number;
  readonly warmup: number;
}

interface JobResult extends Job {
  readonly seconds: number;
  readonly perSecond: number;
  /** the gate process's peak resident set, MiB */
  readonly gateMaxRssMiB: number;
  readonly failures: number;
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
  const impl: Record<Exclude<EngineId, 'reference' | 'js-http'>, string> = {
    'js-module': './examples/js/engine.mjs',
    'js-stdio': 'node examples/js/engine.mjs',
    'py-stdio': 'python3 examples/python/engine.py',
    'echo-stdio': 'node examples/echo/engine.mjs',
  };
  if (engine !== 'js-http') {
    const handle = await openEngine(impl[engine], o);
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

async function child(job: Job): Promise<JobResult> {
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
  const failures = await runN(job.cases);
  const seconds = (performance.now() - t0) / 1000;
  await stop();
  return { ...job, seconds, perSecond: job.cases / seconds, gateMaxRssMiB: process.resourceUsage().maxRSS / 1024, failures };
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

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

function table(rows: readonly JobResult[]): string {
  const head = `  ${'engine'.padEnd(28)} ${'transport'.padEnd(24)} ${'checks'.padEnd(7)} ${'cases'.padStart(9)} ${'seconds'.padStart(8)} ${'scenarios/s'.padStart(12)} ${'gate RSS MiB'.padStart(13)}`;
  const lines = rows.map((r) => {
    const e = ENGINES[r.engine];
    return `  ${e.label.padEnd(28)} ${e.transport.padEnd(24)} ${(r.checks ? 'all' : 'none').padEnd(7)} ${fmt(r.cases).padStart(9)} ${r.seconds.toFixed(2).padStart(8)} ${fmt(r.perSecond).padStart(12)} ${r.gateMaxRssMiB.toFixed(0).padStart(13)}`;
  });
  return [head, ...lines].join('\n');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const scale = quick ? 0.1 : 1;
  const started = Date.now();
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  console.log(`liqcheck gate bench — node ${process.version}, ${os.cpus().length} × ${cpu}, load ${os.loadavg()[0]!.toFixed(2)}`);
  console.log(`scenarios: a pool of ${POOL} from scenario() over the default params (seed ${SEED}), cycled; ${CONCURRENCY} cases in flight; ${WARMUP} warm-up cases\n`);

  const n = (x: number): number => Math.max(200, Math.round(x * scale));
  const throughputJobs: Job[] = [
    { engine: 'reference', checks: false, cases: n(20_000), warmup: WARMUP },
    { engine: 'js-module', checks: false, cases: n(20_000), warmup: WARMUP },
    { engine: 'js-stdio', checks: false, cases: n(20_000), warmup: WARMUP },
    { engine: 'js-http', checks: false, cases: n(20_000), warmup: WARMUP },
    { engine: 'py-stdio', checks: false, cases: n(10_000), warmup: WARMUP },
    { engine: 'echo-stdio', checks: false, cases: n(50_000), warmup: WARMUP },
    { engine: 'reference', checks: true, cases: n(5_000), warmup: WARMUP },
    { engine: 'js-module', checks: true, cases: n(5_000), warmup: WARMUP },
    { engine: 'js-stdio', checks: true, cases: n(5_000), warmup: WARMUP },
  ];
  const throughput: JobResult[] = [];
  for (const job of throughputJobs) {
    const r = await runChild(job);
    throughput.push(r);
    console.log(table([r]).split('\n')[1]);
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
        console.log(`  ${ENGINES[plan.engine].label}, ${ENGINES[plan.engine].transport}, checks ${plan.checks ? 'all' : 'none'}, ${fmt(cases)} cases: skipped (≈ ${fmt(estimatedSeconds)} s at ${fmt(rate)}/s)`);
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
  console.log(`\nharness overhead alone (echo over stdio): ${echoMicros.toFixed(1)} µs per scenario`);
  console.log(`with all checks: JS over stdio ${fmt(subChecks)}/s vs the reference in-process ${fmt(refChecks)}/s → overhead ${(overheadWithChecks * 100).toFixed(1)}% (goal ≤ 25%)`);
  console.log(`goal ≥ 5,000 scenarios/s end to end with all checks over the subprocess: ${subChecks >= 5000 ? 'MET' : `NOT MET (${fmt(subChecks)}/s; the catalog itself runs at ${fmt(refChecks)}/s in-process)`}`);

  const elapsed = (Date.now() - started) / 1000;
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
  console.log(`\nwrote reports/gate-bench.json (${elapsed.toFixed(0)} s)`);
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
