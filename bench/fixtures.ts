/**
 * Fixture benchmark (not a test): generation to disk and verification of the committed suite.
 *
 * Stages are timed apart, so the figures say where the time goes:
 * - `generate`: the whole command (search for each flag's cases, reference fill, flags, canonical
 *   JSON, hashes, files and manifest), cases per second to disk;
 * - `generate … --workers N`: the same with candidates drawn and flagged on N threads (N = 2, or
 *   the logical CPUs if fewer: the main thread and N − 1 worker threads), worker start-up
 *   included; the suite is checked to be byte-identical to the one-thread suite of the same seed;
 * - generation rows also give the median CPU time of the process (all threads): on a shared
 *   machine it is the steadier figure, and for a workers row it shows what the threads cost;
 * - `fill + write`: the per-case work alone on inputs drawn beforehand (reference, flags,
 *   canonical JSON, hash, one file each);
 * - `write`: canonical files and manifest of an already built suite, into a new directory, and over
 *   the same suite already there (unchanged cases are hard-linked, not created: writeSuite.ts);
 * - `verify`: the committed suite against the reference (manifest, schema, hashes, replay);
 * - draws per stream of the 3,000-case suite: what the search costs where (a draw costs about the
 *   same in every stream, and one stream, rounding-bound, takes most of them).
 * Each is the median of REPS runs, single thread unless a row says workers. Writes reports/bench-fixtures.json atomically.
 *
 * Run: `npm run bench:fixtures` (also part of `npm run bench`). Budget: about a minute.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';
import { scenario } from '../src/arbitraries/scenario.ts';
import { canonicalFile, sha256 } from '../src/fixtures/canonicalJson.ts';
import { REFERENCE_ENGINE } from '../src/fixtures/engineFor.ts';
import { buildFixture } from '../src/fixtures/fixture.ts';
import { BATCH, generateSuite, generateSuiteOnWorkers, manifestOf, type GeneratedSuite } from '../src/fixtures/generate.ts';
import { verifyDir } from '../src/fixtures/verify.ts';
import { writeSuite } from '../src/fixtures/writeSuite.ts';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';

const REPS = 3;
const GOAL_GENERATE_PER_SEC = 5000;
const GOAL_VERIFY_MS = 5000;
/** issue 9: fixture generation on 2 cores */
const GOAL_WORKERS_PER_SEC = 2000;
const WORKERS = Math.max(1, Math.min(2, os.availableParallelism()));
const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(os.tmpdir(), 'liqcheck-bench-fixtures-'));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/**
 * CPU time of the process (every thread, user + system) spent in the last timed call: on a shared
 * machine wall time measures the neighbours too, CPU time mostly our own work (for a run on
 * workers it adds up the threads, so it shows their overhead rather than their speed-up).
 */
let lastCpuMs = 0;
const cpuRuns = new Map<string, number[]>();

function timed(fn: () => void): number {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  lastCpuMs = (c.user + c.system) / 1000;
  return ms;
}

async function timedAsync(fn: () => Promise<void>): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  lastCpuMs = (c.user + c.system) / 1000;
  return ms;
}

/** Records the CPU time of the run just timed under `stage`, for the row's median. */
function cpuOf(stage: string): void {
  cpuRuns.set(stage, [...(cpuRuns.get(stage) ?? []), lastCpuMs]);
}

interface Row {
  readonly stage: string;
  readonly cases: number;
  readonly ms: number;
  readonly perSecond: number;
  /** median CPU time of the process over the runs (all threads), when recorded */
  readonly cpuMs?: number;
  /** 1-minute load average when the row was recorded */
  readonly loadAverage: number;
}

const rows: Row[] = [];
const row = (stage: string, cases: number, ms: number): void => {
  const cpu = cpuRuns.get(stage);
  rows.push({ stage, cases, ms, perSecond: (cases / ms) * 1000, ...(cpu === undefined ? {} : { cpuMs: median(cpu) }), loadAverage: Number(os.loadavg()[0]!.toFixed(2)) });
};

const load = os.loadavg()[0]!;

/**
 * Candidates each stream drew to fill its quota, read from the kept cases' `provenance.path`
 * (`<stream>/<batch>:<index>`: the last kept case of a stream ends its search), and cases kept:
 * where a generation's time goes, since a draw costs about the same in every stream.
 */
function drawsPerStream(s: GeneratedSuite): { stream: string; draws: number; kept: number }[] {
  const by = new Map<string, { draws: number; kept: number }>();
  for (const c of s.cases) {
    const m = /^(.+)\/(\d+):(\d+)$/.exec(c.fixture.provenance.path ?? '');
    if (m === null || m[1] === 'invalid') continue;
    const at = Number(m[2]) * BATCH + Number(m[3]) + 1;
    const e = by.get(m[1]!) ?? { draws: 0, kept: 0 };
    by.set(m[1]!, { draws: Math.max(e.draws, at), kept: e.kept + 1 });
  }
  return [...by].map(([stream, e]) => ({ stream, ...e })).sort((a, b) => b.draws - a.draws);
}
let streams: ReturnType<typeof drawsPerStream> = [];

// Whole command, at the committed suite's size and larger; one thread, then on workers (same seeds).
const oneThread = new Map<string, string>();
for (const count of [600, 3000]) {
  const out = join(tmp, `gen-${count}`);
  const ms = median(
    Array.from({ length: REPS }, (_, i) => {
      const t = timed(() => {
        const s = generateSuite({ params: defaultParams, count, seed: 20261125 + i, command: 'bench' });
        oneThread.set(`${count}/${i}`, JSON.stringify(s.cases.map((c) => c.text)));
        if (count === 3000 && i === 0) streams = drawsPerStream(s);
        writeSuite(out, s);
      });
      cpuOf(`generate --count ${count}`);
      return t;
    }),
  );
  row(`generate --count ${count}`, count, ms);
}
for (const count of [600, 3000]) {
  const out = join(tmp, `gen-workers-${count}`);
  const runs: number[] = [];
  for (let i = 0; i < REPS; i++) {
    runs.push(
      await timedAsync(async () => {
        const s = await generateSuiteOnWorkers({ params: defaultParams, count, seed: 20261125 + i, command: 'bench', workers: WORKERS });
        if (JSON.stringify(s.cases.map((c) => c.text)) !== oneThread.get(`${count}/${i}`)) throw new Error(`--workers ${WORKERS} changed the suite (count ${count}, seed ${20261125 + i})`);
        writeSuite(out, s);
      }),
    );
    cpuOf(`generate --count ${count} --workers ${WORKERS}`);
  }
  row(`generate --count ${count} --workers ${WORKERS}`, count, median(runs));
}

// Per-case work on pre-drawn inputs.
const N = 3000;
const inputs = fc.sample(scenario({ params: fc.constant(defaultParams) }), { seed: 7, numRuns: N });
let built: GeneratedSuite | undefined;
const fillMs = median(
  Array.from({ length: REPS }, (_, rep) =>
    timed(() => {
      const cases = inputs.map((input, i) => {
        const fixture = buildFixture(input, { prefix: 'bench', comment: 'bench', recipe: 'random', seed: 7, path: `bench/0:${i}` });
        return { file: `${fixture.id}-${i}.json`, text: canonicalFile(fixture), fixture };
      });
      built = { cases, manifest: manifestOf(cases, 'bench'), shortfalls: [], draws: N };
      // A fresh directory each time: over the previous rep's identical suite the files would be linked.
      writeSuite(join(tmp, `fill-${rep}`), built);
    }),
  ),
);
row('fill + write (pre-drawn inputs)', N, fillMs);
const suite = built!;
row('write only (new directory)', N, median(Array.from({ length: REPS }, (_, rep) => timed(() => writeSuite(join(tmp, `write-${rep}`), suite)))));
// Regenerating over an unchanged suite (the usual `npm run fixtures:generate`): every case file is
// hard-linked from the previous suite instead of created.
row('write over the same suite (links)', N, median(Array.from({ length: REPS }, () => timed(() => writeSuite(join(tmp, 'write-0'), suite)))));
row('hash only (sha256 of each file)', N, median(Array.from({ length: REPS }, () => timed(() => suite.cases.forEach((c) => sha256(c.text))))));

// Verification of the committed suite.
const committed = join(root, 'fixtures/cases');
let files = 0;
const verifyRuns: number[] = [];
for (let i = 0; i < REPS; i++) {
  verifyRuns.push(
    await timedAsync(async () => {
      const r = await verifyDir(committed, { engine: REFERENCE_ENGINE.run, match: 'exact' });
      if (r.failures.length + r.problems.length > 0) throw new Error('the committed suite does not verify');
      files = r.files;
    }),
  );
}
const verifyMs = median(verifyRuns);
row('verify fixtures/cases (reference)', files, verifyMs);

rmSync(tmp, { recursive: true, force: true });

const generate = rows.find((r) => r.stage === 'generate --count 3000')!;
const onWorkers = rows.find((r) => r.stage === `generate --count 3000 --workers ${WORKERS}`)!;
const report = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  logicalCpus: os.cpus().length,
  loadAverageAtStart: Number(load.toFixed(2)),
  loadAverageAtEnd: Number(os.loadavg()[0]!.toFixed(2)),
  method: { reps: REPS, statistic: 'median', threads: 1, workersRows: WORKERS },
  rows,
  /** candidates drawn and cases kept per stream, `generate --count 3000` of the first seed */
  drawsPerStream: streams,
  goals: {
    generatePerSecond: { goal: GOAL_GENERATE_PER_SEC, measured: Math.round(generate.perSecond), met: generate.perSecond >= GOAL_GENERATE_PER_SEC },
    generateOnWorkersPerSecond: { goal: GOAL_WORKERS_PER_SEC, workers: WORKERS, measured: Math.round(onWorkers.perSecond), met: onWorkers.perSecond >= GOAL_WORKERS_PER_SEC, speedup: Number((onWorkers.perSecond / generate.perSecond).toFixed(2)) },
    verifyMs: { goal: GOAL_VERIFY_MS, measured: Math.round(verifyMs), met: verifyMs < GOAL_VERIFY_MS },
  },
};
writeFileAtomic(join(root, 'reports/bench-fixtures.json'), `${JSON.stringify(report, null, 2)}\n`);

const w = Math.max(...rows.map((r) => r.stage.length));
console.log(`liqcheck fixtures benchmark — ${report.cpu}, ${report.logicalCpus} logical CPUs, load ${report.loadAverageAtStart}, node ${report.node}\n`);
console.log(`  ${'stage'.padEnd(w)}  ${'cases'.padStart(6)}  ${'ms'.padStart(8)}  ${'cases/s'.padStart(9)}  ${'CPU ms'.padStart(8)}  ${'load'.padStart(5)}`);
for (const r of rows) console.log(`  ${r.stage.padEnd(w)}  ${String(r.cases).padStart(6)}  ${r.ms.toFixed(0).padStart(8)}  ${Math.round(r.perSecond).toString().padStart(9)}  ${(r.cpuMs === undefined ? '' : r.cpuMs.toFixed(0)).padStart(8)}  ${r.loadAverage.toFixed(1).padStart(5)}`);
const allDraws = streams.reduce((n, x) => n + x.draws, 0);
console.log(`\n  draws per stream (--count 3000): ${streams.slice(0, 4).map((x) => `${x.stream} ${x.draws} for ${x.kept} cases (${Math.round((100 * x.draws) / allDraws)} %)`).join(', ')}, …; ${allDraws} in all`);
console.log(`\ngoal generate ≥ ${GOAL_GENERATE_PER_SEC}/s: ${report.goals.generatePerSecond.met ? 'met' : 'NOT met'} (${report.goals.generatePerSecond.measured}/s); goal generate on ${WORKERS} workers ≥ ${GOAL_WORKERS_PER_SEC}/s: ${report.goals.generateOnWorkersPerSecond.met ? 'met' : 'NOT met'} (${report.goals.generateOnWorkersPerSecond.measured}/s, ×${report.goals.generateOnWorkersPerSecond.speedup} one thread); goal verify < ${GOAL_VERIFY_MS} ms: ${report.goals.verifyMs.met ? 'met' : 'NOT met'} (${report.goals.verifyMs.measured} ms)`);
console.log('written to reports/bench-fixtures.json');
