/**
 * Simulation benchmark (not a test): `simulate` with the binance-usdm profile and a −30 % shock
 * (spread over 20 steps from step 100), 10,000 accounts × 1,000 steps and 1,000 × 1,000, on one
 * core (this thread). Goal of issue 14: ≥ 10,000 accounts × 1,000 steps in ≤ 60 s. Prints
 * accounts, steps, liquidations, seconds and account-steps per second; writes
 * reports/bench-simulate.json atomically. Each size is run once after one small warm-up run: a run
 * of this length is its own warm-up, and a repeat would double the budget.
 *
 * Run: `tsx bench/simulate.ts` (npm run bench:simulate).
 */
import os from 'node:os';
import { formatCount, formatFixed, formatRate } from '../src/io/formatFigure.ts';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { profileNamed } from '../src/profiles/index.ts';
import { resolveSimulation, simulate } from '../src/simulate/simulate.ts';

const GOAL_S = 60;
const PROFILE = 'binance-usdm';
const profile = profileNamed(PROFILE);
if (profile === undefined) throw new Error(`no profile ${PROFILE}`);
const base = { params: profile.params, policy: profile.wire.policy, profile: profile.wire.name };

interface Figure {
  readonly accounts: number;
  readonly steps: number;
  readonly liquidations: number;
  readonly cascadeDepth: number;
  readonly adlEvents: number;
  readonly seconds: number;
  readonly accountStepsPerSecond: number;
}

async function measure(accounts: number, steps: number): Promise<Figure> {
  const config = { seed: 20261201, steps, population: { count: accounts }, path: { shock: '-0.3', shockAt: Math.min(100, steps >> 1), shockSteps: 20 } };
  const r = resolveSimulation(config, base);
  if (!r.ok) throw new Error(`configuration: ${JSON.stringify(r.issues)}`);
  // The clock covers the run only: the population is drawn by resolveSimulation, as a sweep cell does once.
  const t0 = performance.now();
  const run = await simulate(r.value);
  const seconds = (performance.now() - t0) / 1000;
  return { accounts, steps, liquidations: run.report.summary.liquidations, cascadeDepth: run.report.cascadeDepth, adlEvents: run.report.summary.adlEvents, seconds, accountStepsPerSecond: (accounts * steps) / seconds };
}

await measure(200, 50);
const figures = [await measure(10_000, 1_000), await measure(1_000, 1_000)];
const rows = figures.map((f) => [formatCount(f.accounts), formatCount(f.steps), formatCount(f.liquidations), String(f.cascadeDepth), formatCount(f.adlEvents), formatFixed(f.seconds, 2), formatRate(f.accountStepsPerSecond)]);
const head = ['accounts', 'steps', 'liquidations', 'cascade depth', 'ADL events', 'seconds', 'account-steps/s'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
console.log(`liqcheck simulate benchmark — ${PROFILE}, shock −30 % over 20 steps, one core (${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)\n`);
console.log(line(head));
for (const r of rows) console.log(line(r));
const big = figures[0]!;
console.log(`\ngoal: 10,000 accounts × 1,000 steps in ≤ ${GOAL_S} s — ${big.seconds <= GOAL_S ? 'met' : 'NOT met'} (${formatFixed(big.seconds, 1)} s)`);
writeFileAtomic('reports/bench-simulate.json', `${JSON.stringify({ profile: PROFILE, shock: '-0.3', goalSeconds: GOAL_S, cpu: os.cpus()[0]?.model ?? null, node: process.version, loadavg: os.loadavg(), figures }, null, 2)}\n`);
