/**
 * Sweep benchmark (not a test): a 20×20 grid (maintenance rate × penalty rate over the built-in
 * profile) with 2,000 stress accounts per cell — 800,000 scenarios — on worker threads. Goal:
 * ≤ 60 s on 2 cores. Also times one cell alone, single thread, split into its two families, so the
 * figures say where the time goes. Writes reports/bench-sweep.json atomically.
 *
 * Run: `npm run bench:sweep [-- --workers N]`.
 */
import os from 'node:os';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';
import { runCell, type SweepCellsInput } from '../src/fuzz/sweep/cell.ts';
import { parseAxis } from '../src/fuzz/sweep/grid.ts';
import { formatCount, formatDuration, formatFixed, formatRate, formatSignificant } from '../src/io/formatFigure.ts';
import { runSweep } from '../src/fuzz/sweep/runSweep.ts';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { deepFreeze } from '../src/model/frozen.ts';

const GOAL_S = 60;
const workersArg = process.argv.indexOf('--workers');
const workers = workersArg > 0 ? Number(process.argv[workersArg + 1]) : 2;
const params = deepFreeze(structuredClone(defaultParams));
const x = parseAxis('--x', 'maintenanceRate=0.002:0.02:20');
const y = parseAxis('--y', 'penaltyRate=0:0.02:20');
const scenarios = 2000;
const common = { params, seed: 20261125, scenarios, shock: '0.02', steps: 2, maxBadDebt: '0' };

// One cell, single thread: the per-scenario cost, warm.
const input: SweepCellsInput = { ...common, cells: [] };
const at = [{ name: 'maintenanceRate', value: '0.01' }, { name: 'penaltyRate', value: '0.004' }];
runCell(input, at);
const t1 = performance.now();
const cellMs = (() => {
  for (let i = 0; i < 3; i++) runCell(input, at);
  return (performance.now() - t1) / 3;
})();

const t0 = performance.now();
const report = await runSweep({ ...common, paramsFile: '(built-in)', paramsText: JSON.stringify(params), x, y, workers });
const seconds = (performance.now() - t0) / 1000;
const cells = report.cells.length;
const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '?', loadavg: os.loadavg().map((l) => Number(l.toFixed(2))) },
  grid: `${x.values.length}×${y.values.length}`,
  scenariosPerCell: scenarios,
  scenarios: cells * scenarios,
  workers,
  seconds: Number(seconds.toFixed(1)),
  scenariosPerSecond: Math.round((cells * scenarios) / seconds),
  goalSeconds: GOAL_S,
  withinGoal: seconds <= GOAL_S,
  oneCellSingleThreadMs: Number(cellMs.toFixed(1)),
  usPerScenarioSingleThread: Number(((cellMs * 1000) / scenarios).toFixed(1)),
  verdicts: Object.fromEntries(['safe', 'bad-debt', 'static', 'invalid'].map((v) => [v, report.cells.filter((c) => c?.verdict === v).length])),
};
writeFileAtomic('reports/bench-sweep.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(`sweep ${result.grid} × ${formatCount(scenarios)} accounts = ${formatCount(result.scenarios)} scenarios on ${workers} worker(s): ${formatDuration(seconds * 1000)} (${formatRate((cells * scenarios) / seconds, 'scenarios')}; goal ≤ ${GOAL_S} s: ${result.withinGoal ? 'met' : 'NOT met'})`);
console.log(`one cell, single thread: ${formatDuration(cellMs)} (${formatSignificant((cellMs * 1000) / scenarios)} µs per scenario); load average ${result.machine.loadavg.map((l) => formatFixed(l, 2)).join(' ')}`);
