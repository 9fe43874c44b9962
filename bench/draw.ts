/**
 * Drawing benchmark (not a test): how fast the scenario arbitraries draw, apart from any engine.
 *
 * Rows: `scenario()` at one position over BTC-PERP of the built-in profile and at eight positions
 * over eight markets (the inputs of bench/scenarios.ts), the default run of `liqcheck check`
 * (`defaultRunScenarios()`, one to eight positions under generated params), and the fixture
 * generator's base stream (`scenario()` over the built-in profile, one to three positions). Each
 * row is the median of REPS timed `fc.sample` calls under fixed seeds, so every run draws the same
 * values; a digest of the drawn scenarios is printed, so two trees can be compared for identical
 * draws. Figures go with the load average: run it on a quiet machine.
 *
 * With `--check N`, also `checkEngine(liquidate)` on N cases of the default run (the in-process
 * reference under the full catalog, relations on their default budget, no label report): cases per
 * second of wall time and CPU µs per case of the process, median of three.
 *
 * Run: `npx tsx bench/draw.ts [--count N] [--check N] [--no-draw] [--only LABEL-PREFIX]`; `--profile` runs each once
 * (for `node --cpu-prof`).
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import os from 'node:os';
import { checkEngine } from '../src/gate/checkEngine.ts';
import { liquidate } from '../src/model/liquidate.ts';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';
import { defaultRunScenarios } from '../src/arbitraries/defaultRun.ts';
import { scenario } from '../src/arbitraries/scenario.ts';
import type { Scenario } from '../src/model/types.ts';
import { BTC_ONLY, EIGHT_MARKETS } from './scenarios.ts';

const REPS = 5;
const args = process.argv.slice(2);
const countAt = args.indexOf('--count');
const COUNT = countAt >= 0 ? Number(args[countAt + 1]) : 4000;
const profile = args.includes('--profile');
const checkAt = args.indexOf('--check');
const CHECK_RUNS = checkAt >= 0 ? Number(args[checkAt + 1]) : 0;

interface Row {
  readonly label: string;
  readonly arb: fc.Arbitrary<Scenario>;
  readonly count: number;
}

const rows: Row[] = [
  { label: '1-position (BTC-PERP)', arb: scenario({ params: fc.constant(BTC_ONLY), positions: { min: 1, max: 1 }, margin: 'cross' }), count: COUNT },
  { label: '8-position (8 markets)', arb: scenario({ params: fc.constant(EIGHT_MARKETS), positions: { min: 8, max: 8 }, margin: 'cross' }), count: Math.ceil(COUNT / 4) },
  { label: 'check default run', arb: defaultRunScenarios(), count: COUNT },
  { label: 'fixtures base stream', arb: scenario({ params: fc.constant(defaultParams) }), count: COUNT },
];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

console.log(`draw bench: node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '') : '';
for (const row of args.includes('--no-draw') ? [] : rows.filter((r) => r.label.startsWith(only))) {
  const times: number[] = [];
  const cpus: number[] = [];
  let digest = '';
  for (let rep = 0; rep < (profile ? 1 : REPS); rep++) {
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    // Every rep draws the same values (seed 20261201 + rep would not be comparable rep to rep).
    const drawn = fc.sample(row.arb, { seed: 20261201, numRuns: row.count });
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpus.push((c.user + c.system) / 1000);
    if (rep === 0) digest = createHash('sha256').update(JSON.stringify(drawn)).digest('hex').slice(0, 16);
  }
  const [ms, cpu] = [median(times), median(cpus)];
  // CPU time first: on a shared machine it is the steadier figure (wall time counts the neighbours).
  console.log(
    `${row.label.padEnd(24)} ${String(row.count).padStart(6)} draws  ${((row.count / cpu) * 1000).toFixed(0).padStart(7)} draws/CPU-s  ${((cpu * 1000) / row.count).toFixed(1).padStart(7)} CPU µs/draw  (wall ${((row.count / ms) * 1000).toFixed(0)} draws/s)  digest ${digest}`,
  );
}

if (CHECK_RUNS > 0) {
  const walls: number[] = [];
  const cpus: number[] = [];
  let verdict = '';
  for (let rep = 0; rep < (profile ? 1 : 3); rep++) {
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    const report = await checkEngine(liquidate, { runs: CHECK_RUNS, seed: 20261201 });
    const c = process.cpuUsage(c0);
    walls.push(performance.now() - t0);
    cpus.push(c.user + c.system);
    verdict = `${report.cases} cases, ${report.tallies.reduce((a, t) => a + t.violations, 0)} violations`;
  }
  const [wall, cpu] = [median(walls), median(cpus)];
  console.log(`check (reference, default run) ${CHECK_RUNS} runs  ${((CHECK_RUNS / wall) * 1000).toFixed(0)} cases/s wall  ${(cpu / CHECK_RUNS).toFixed(0)} CPU µs/case  (${verdict})`);
}
