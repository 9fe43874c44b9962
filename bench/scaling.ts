/**
 * Scaling benchmark (not a test), for two goals of issue 9 that bench.ts does not measure:
 *
 * - **linear in positions**: the reference's time per position on cross accounts of 8, 16, 32 and
 *   64 positions (one market each, Binance-like brackets: {@link EIGHT_MARKETS}' eight markets
 *   repeated under new names). Goal: at 64 positions ≤ 1.3× its time per position at 8;
 * - **memory flat**: the heap after a full garbage collection while the reference runs under the
 *   whole catalog over ever more cases (a pool of 2,000 drawn scenarios cycled, every case judged
 *   by checkCase), at 5,000, 20,000 and 60,000 cases. The gate's own peak RSS over 1,000,000
 *   cases is bench/gate.ts's.
 *
 * Each time is the median of 5 rounds of ~300 ms per set on one thread after a warm-up. Needs
 * `--expose-gc` (`npm run bench:scaling` passes it). Writes reports/bench-scaling.json atomically.
 */
import fc from 'fast-check';
import { scenario } from '../src/arbitraries/scenario.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import { formatCount, formatFixed } from '../src/io/formatFigure.ts';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { deepFreeze } from '../src/model/frozen.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { RiskParams, Scenario } from '../src/model/types.ts';
import { machine } from './machine.ts';
import { EIGHT_MARKETS } from './scenarios.ts';

const SEED = 20240601;
const POSITIONS = [8, 16, 32, 64] as const;
const PER_SET = 200;
const REPS = 5;
const REP_MS = 300;
const GOAL_RATIO = 1.3;
const MEMORY_CHECKPOINTS = [5_000, 20_000, 60_000] as const;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error('bench/scaling.ts needs --expose-gc: run `npm run bench:scaling`');
  process.exit(2);
}

/** 64 markets: the eight of EIGHT_MARKETS, eight times over under new names. */
const SIXTY_FOUR: RiskParams = deepFreeze({
  ...EIGHT_MARKETS,
  markets: Object.fromEntries(
    Array.from({ length: 8 }, (_, copy) => Object.entries(EIGHT_MARKETS.markets).map(([name, m]) => [copy === 0 ? name : `${name}${copy}`, m])).flat(),
  ),
});

function draw(params: RiskParams, positions: number, count: number, seed: number): Scenario[] {
  return fc.sample(scenario({ params: fc.constant(params), positions: { min: positions, max: positions }, margin: 'cross' }), { seed, numRuns: count });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

let sink = 0;

/** ms for `n` calls of `fn`, cycling over `inputs`. */
function pass(inputs: readonly Scenario[], fn: (s: Scenario) => number, n: number): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink += fn(inputs[i % inputs.length]!);
  return performance.now() - t0;
}

/**
 * µs per call of `fn` on each input set: every set warmed up first (about REP_MS each, so the JIT
 * has seen all sizes), then REPS rounds that time each set in turn (so a busy moment of the machine
 * falls on every set alike), the median per set.
 */
function microsPerCall(sets: readonly (readonly Scenario[])[], fn: (s: Scenario) => number): number[] {
  const calls = sets.map((inputs) => {
    let n = inputs.length;
    let ms = pass(inputs, fn, n);
    while (ms < REP_MS / 2) ms = pass(inputs, fn, (n *= 2));
    return Math.max(inputs.length, Math.round((n * REP_MS) / ms));
  });
  const rounds = Array.from({ length: REPS }, () => sets.map((inputs, k) => (pass(inputs, fn, calls[k]!) * 1000) / calls[k]!));
  return sets.map((_, k) => median(rounds.map((r) => r[k]!)));
}

const runReference = (s: Scenario): number => {
  const o = liquidate(s);
  return o.ok ? o.result.fills.length : -1;
};

console.log(`liqcheck scaling bench — Node ${process.version}, load ${formatFixed(machine().loadAverageAtStart, 2)}\n`);
console.log('reference, cross accounts (one position per market):');
const micros = microsPerCall(
  POSITIONS.map((n) => draw(SIXTY_FOUR, n, PER_SET, SEED + n)),
  runReference,
);
const rows = POSITIONS.map((n, k) => ({ positions: n, microsPerScenario: micros[k]!, microsPerPosition: micros[k]! / n }));
const at8 = rows[0]!.microsPerPosition;
for (const r of rows) {
  console.log(`  ${String(r.positions).padStart(2)} positions  ${formatFixed(r.microsPerScenario, 1).padStart(8)} µs/scenario  ${formatFixed(r.microsPerPosition, 2).padStart(6)} µs/position  ${formatFixed(r.microsPerPosition / at8, 2)}× the per-position time at 8`);
}
const ratio = rows.at(-1)!.microsPerPosition / at8;
console.log(`goal: per-position time at 64 ≤ ${GOAL_RATIO}× at 8 → ${formatFixed(ratio, 2)}×: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}\n`);

console.log('heap after GC, reference under the whole catalog (2,000 scenarios cycled):');
const pool = draw(EIGHT_MARKETS, 1, 1000, SEED).concat(draw(EIGHT_MARKETS, 8, 1000, SEED + 1));
const heap: { cases: number; heapMiB: number }[] = [];
let violations = 0;
for (let done = 0, next = 0; next < MEMORY_CHECKPOINTS.length; done++) {
  if (done === MEMORY_CHECKPOINTS[next]) {
    gc();
    heap.push({ cases: done, heapMiB: process.memoryUsage().heapUsed / 2 ** 20 });
    console.log(`  after ${formatCount(done).padStart(6)} cases  ${formatFixed(heap.at(-1)!.heapMiB, 1)} MiB`);
    next++;
  }
  violations += checkCase(liquidate, pool[done % pool.length]!).violations.length;
}
const growth = heap.at(-1)!.heapMiB - heap[0]!.heapMiB;
console.log(`growth from ${formatCount(heap[0]!.cases)} to ${formatCount(heap.at(-1)!.cases)} cases: ${formatFixed(growth, 1)} MiB; the reference's violations: ${violations}`);

writeFileAtomic(
  new URL('../reports/bench-scaling.json', import.meta.url).pathname,
  `${JSON.stringify({ ...machine(), method: { seed: SEED, perSet: PER_SET, reps: REPS, repMs: REP_MS, statistic: 'median' }, positions: rows, perPositionRatio64to8: ratio, goalRatio: GOAL_RATIO, met: ratio <= GOAL_RATIO, heap, referenceViolations: violations, sink }, null, 2)}\n`,
);
console.log('written to reports/bench-scaling.json');
