/**
 * Lending benchmark (not a test): the lending model of spec §11 beside the perp rows of
 * bench/bench.ts, per shipped lending profile (profiles/lending/):
 * - `reference`: `liquidateLending` on scenarios drawn beforehand with `lendingScenario({ params })`
 *   (wire scenario in, wire result out, parsing included);
 * - `reference + catalog`: `checkLendingCase(liquidateLending, ·)` on the same scenarios, the whole
 *   `LENDING_CATALOG` (relations included);
 * - `fixture generation`: `generateLendingSuite` in memory (nothing written), cases per second, for
 *   the count and seed of `npm run fixtures:generate:lending`.
 *
 * Single thread. Per measurement a warm-up (which also calibrates), then REPS timed repetitions of
 * ~REP_MS each; the median is reported, with the spread. The figures are first measurements: there
 * is no goal to meet. Writes reports/bench-lending.json atomically.
 *
 * Run: `npx tsx bench/lending.ts` (also the last step of `npm run bench`). Budget: under ~30 s.
 * @see docs/spec.md#11-lending-health-factor
 */
import { machine } from './machine.ts';
import fc from 'fast-check';
import os from 'node:os';
import { formatCount, formatDuration, formatFixed, formatSignificant } from '../src/io/formatFigure.ts';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { lendingScenario } from '../src/lending/arbitraries/index.ts';
import { generateLendingSuite } from '../src/lending/fixtures/index.ts';
import { checkLendingCase } from '../src/lending/invariants/index.ts';
import { liquidateLending } from '../src/lending/liquidateLending.ts';
import { lendingProfileList } from '../src/lending/profiles/index.ts';
import type { LendingScenario } from '../src/wire/lending.ts';

const WARMUP_MS = 300;
const REP_MS = 300;
const REPS = 5;
const SEED = 20240601;
/** distinct scenarios drawn per profile; the timed loops cycle through them */
const SCENARIOS = 500;
/** as `npm run fixtures:generate:lending` */
const FIXTURE_COUNT = 60;
const FIXTURE_SEED = 20261125;

interface Measurement {
  readonly profile: string;
  readonly stage: 'reference' | 'reference + catalog' | 'fixture generation';
  /** what one unit of work is: a scenario, or a generated case */
  readonly unit: 'scenario' | 'case';
  /** median over REPS */
  readonly perSecond: number;
  readonly microsPerUnit: number;
  readonly minPerSecond: number;
  readonly maxPerSecond: number;
  /** units per timed repetition */
  readonly unitsPerRep: number;
}

/** Keeps the optimizer from discarding results. */
let sink = 0;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function summary(profile: string, stage: Measurement['stage'], unit: Measurement['unit'], rates: readonly number[], unitsPerRep: number): Measurement {
  const perSecond = median(rates);
  return { profile, stage, unit, perSecond, microsPerUnit: 1e6 / perSecond, minPerSecond: Math.min(...rates), maxPerSecond: Math.max(...rates), unitsPerRep };
}

function runFor(fn: (s: LendingScenario) => number, scenarios: readonly LendingScenario[], iterations: number, offset: number): bigint {
  const n = scenarios.length;
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) acc += fn(scenarios[(offset + i) % n]!);
  const dt = process.hrtime.bigint() - t0;
  sink += acc;
  return dt;
}

/** Per-scenario work: warm-up of at least one pass and WARMUP_MS, calibrated to ~REP_MS a repetition. */
function measureScenarios(profile: string, stage: Measurement['stage'], fn: (s: LendingScenario) => number, scenarios: readonly LendingScenario[]): Measurement {
  let done = 0;
  let spent = 0n;
  const warmNs = BigInt(WARMUP_MS) * 1_000_000n;
  let chunk = Math.min(scenarios.length, 32);
  while (done < scenarios.length || spent < warmNs) {
    spent += runFor(fn, scenarios, chunk, done);
    done += chunk;
    chunk = Math.min(chunk * 2, scenarios.length);
  }
  const iterations = Math.max(1, Math.round((REP_MS * 1e6) / (Number(spent) / done)));
  const rates: number[] = [];
  for (let r = 0; r < REPS; r++) rates.push(iterations / (Number(runFor(fn, scenarios, iterations, r * iterations)) / 1e9));
  return summary(profile, stage, 'scenario', rates, iterations);
}

/**
 * Whole-suite work: one untimed run warms up and calibrates; a repetition is as many whole
 * generations of the same suite as fill ~REP_MS (one 60-case suite takes well under that, and a
 * lone run is at the mercy of one garbage collection).
 */
function measureGeneration(profile: string, generate: () => number): Measurement {
  const w0 = process.hrtime.bigint();
  const cases = generate();
  const runs = Math.max(1, Math.round((REP_MS * 1e6) / Number(process.hrtime.bigint() - w0)));
  sink += cases;
  const rates: number[] = [];
  for (let r = 0; r < REPS; r++) {
    let made = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) made += generate();
    const dt = process.hrtime.bigint() - t0;
    sink += made;
    rates.push(made / (Number(dt) / 1e9));
  }
  return summary(profile, 'fixture generation', 'case', rates, cases * runs);
}

function table(rows: readonly Measurement[]): string {
  const head = ['profile', 'stage', 'per second', 'µs each', 'spread (min–max/s)'];
  const body = rows.map((m) => [
    m.profile,
    m.stage,
    `${formatCount(m.perSecond)} ${m.unit}s`,
    formatSignificant(m.microsPerUnit, 3),
    `${formatCount(m.minPerSecond)}–${formatCount(m.maxPerSecond)}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const right = [false, false, true, true, true];
  const line = (cells: readonly string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function main(): void {
  const started = Date.now();
  const machineFacts = machine();
  const { cpu, loadAverageAtStart: load } = machineFacts;
  console.log(`liqcheck lending bench — Node ${process.version}, ${cpu} (${os.cpus().length} logical CPUs; measured on one thread)`);
  console.log(`warm-up ${WARMUP_MS} ms, ${REPS} reps × ~${REP_MS} ms (fixture generation: whole ${FIXTURE_COUNT}-case suites), median reported; load average ${formatFixed(load, 2)}`);
  if (load > os.cpus().length - 1) console.log(`warning: the machine is busy (load ${formatFixed(load, 2)} on ${os.cpus().length} CPUs): figures will be low and noisy`);
  console.log('');

  const profiles = lendingProfileList();
  const results: Measurement[] = [];
  /** per profile: the reference's outcome mix on the bench scenarios, and catalog violations (should be none) */
  const sets: Record<string, { readonly scenarios: number; readonly outcomes: Record<string, number>; readonly referenceViolations: Record<string, number> }> = {};
  for (const p of profiles) {
    const name = p.wire.name;
    const scenarios = fc.sample(lendingScenario({ params: fc.constant(p.params) }), { seed: SEED, numRuns: SCENARIOS });
    const outcomes: Record<string, number> = {};
    const referenceViolations: Record<string, number> = {};
    for (const s of scenarios) {
      const o = liquidateLending(s);
      const k = o.ok ? o.result.status : o.error.code;
      outcomes[k] = (outcomes[k] ?? 0) + 1;
      for (const id of new Set(checkLendingCase(liquidateLending, s).violations.map((v) => v.invariant))) referenceViolations[id] = (referenceViolations[id] ?? 0) + 1;
    }
    sets[name] = { scenarios: scenarios.length, outcomes, referenceViolations };
    console.log(`${name}: ${formatCount(scenarios.length)} scenarios (lendingScenario, seed ${SEED}); reference outcomes ${JSON.stringify(outcomes)}`);

    results.push(measureScenarios(name, 'reference', (s) => { const o = liquidateLending(s); return o.ok ? 1 : 0; }, scenarios));
    results.push(measureScenarios(name, 'reference + catalog', (s) => checkLendingCase(liquidateLending, s).violations.length + 1, scenarios));
    const command = `liqcheck fixtures generate --profile ${name} --count ${FIXTURE_COUNT} --seed ${FIXTURE_SEED} --out fixtures/lending/${name}`;
    results.push(measureGeneration(name, () => generateLendingSuite({ profile: name, params: p.params, count: FIXTURE_COUNT, seed: FIXTURE_SEED, command }).cases.length));
  }

  console.log('\n' + table(results));
  for (const [name, s] of Object.entries(sets)) {
    for (const [id, n] of Object.entries(s.referenceViolations)) console.log(`warning: the reference violates ${id} on ${formatCount(n)} of ${formatCount(s.scenarios)} ${name} bench scenarios`);
  }

  const elapsedMs = Date.now() - started;
  writeFileAtomic(
    'reports/bench-lending.json',
    JSON.stringify(
      {
        ...machineFacts,
        method: { warmupMs: WARMUP_MS, repMs: REP_MS, reps: REPS, statistic: 'median', seed: SEED, scenariosPerProfile: SCENARIOS, fixtures: { count: FIXTURE_COUNT, seed: FIXTURE_SEED, written: false }, threads: 1 },
        goal: null,
        profiles: sets,
        results,
        elapsedSeconds: elapsedMs / 1000,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwrote reports/bench-lending.json (${formatDuration(elapsedMs)}; checksum ${sink})`);
}

main();
