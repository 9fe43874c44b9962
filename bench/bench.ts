/**
 * Throughput benchmark (not a test): the exact-decimal reference against the binary-float zoo
 * engine (wire scenario in, wire result out), the reference on parsed scenarios as the catalog
 * runs it, and the reference under the full invariant catalog, on 1- and 8-position cross
 * accounts near the liquidation boundary.
 *
 * Single thread, `process.hrtime.bigint()` loops: per measurement a time-bounded warm-up, then
 * REPS timed repetitions of a calibrated iteration count; the median rate is reported. Figures are
 * printed as a table and written to reports/bench.json (atomically).
 *
 * Run: `npm run bench` (`tsx bench/bench.ts`). Budget: well under a minute.
 */
import { machine } from './machine.ts';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { formatCount, formatDuration, formatFixed, formatPercent, formatSignificant } from '../src/io/formatFigure.ts';
import { liquidate } from '../src/model/liquidate.ts';
import { parseScenario } from '../src/model/parseScenario.ts';
import type { Engine, Outcome, ParsedScenario, Scenario } from '../src/model/types.ts';
import { floatEngine } from '../src/zoo/floatEngine.ts';
import { benchSets, type ScenarioSet } from './scenarios.ts';

// The goal of issue 9 ("Speed"): reference + full catalog, single position, per core.
const GOAL_CHECKS_PER_SEC = 10_000;
const WARMUP_MS = 300;
const REP_MS = 400;
const REPS = 5;
const SEED = 20240601;

// ---------------------------------------------------------------------------------------------
// Timing

interface Measurement {
  readonly scenario: string;
  readonly engine: string;
  readonly positions: number;
  /** median over REPS */
  readonly perSecond: number;
  readonly microsPerScenario: number;
  readonly minPerSecond: number;
  readonly maxPerSecond: number;
  readonly iterationsPerRep: number;
  /** filled in once the float baseline of the same scenario type is known */
  ratioVsFloat: number | null;
}

/** Keeps the optimizer from discarding results. */
let sink = 0;

function nowNs(): bigint {
  return process.hrtime.bigint();
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function runFor(fn: (s: Scenario) => number, scenarios: readonly Scenario[], iterations: number, offset: number): bigint {
  const n = scenarios.length;
  let acc = 0;
  const t0 = nowNs();
  for (let i = 0; i < iterations; i++) acc += fn(scenarios[(offset + i) % n]!);
  const dt = nowNs() - t0;
  sink += acc;
  return dt;
}

function measure(
  scenario: string,
  engine: string,
  positions: number,
  fn: (s: Scenario) => number,
  scenarios: readonly Scenario[],
): Measurement {
  // Warm-up: at least one pass over the set and WARMUP_MS of wall time; it also calibrates.
  let done = 0;
  let spent = 0n;
  const warmNs = BigInt(WARMUP_MS) * 1_000_000n;
  let chunk = Math.min(scenarios.length, 64);
  while (done < scenarios.length || spent < warmNs) {
    spent += runFor(fn, scenarios, chunk, done);
    done += chunk;
    chunk = Math.min(chunk * 2, scenarios.length);
  }
  const nsPerIteration = Number(spent) / done;
  const iterations = Math.max(1, Math.round((REP_MS * 1e6) / nsPerIteration));

  const rates: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const dt = runFor(fn, scenarios, iterations, r * iterations);
    rates.push(iterations / (Number(dt) / 1e9));
  }
  const perSecond = median(rates);
  return {
    scenario,
    engine,
    positions,
    perSecond,
    microsPerScenario: 1e6 / perSecond,
    minPerSecond: Math.min(...rates),
    maxPerSecond: Math.max(...rates),
    iterationsPerRep: iterations,
    ratioVsFloat: null,
  };
}

// ---------------------------------------------------------------------------------------------
// The engines under measurement, each reduced to a number so the work cannot be elided.

function digest(o: Outcome): number {
  return o.ok ? o.result.fills.length + o.result.groups.length : -1;
}

const runReference = (s: Scenario): number => digest(liquidate(s));

/**
 * The reference as the catalog runs it (parse once, src/model/parsedEngine.ts): a scenario parsed
 * beforehand in, the wire result and the parsed result out. Not a wire-to-wire figure, so it is
 * reported beside the `reference` row, not instead of it.
 */
function parsedRunner(scenarios: readonly Scenario[]): { readonly run: (s: Scenario) => number; readonly inputs: readonly Scenario[] } {
  const parsed = new Map<Scenario, ParsedScenario>();
  for (const s of scenarios) {
    const p = parseScenario(s);
    if (p.ok) parsed.set(s, p.value);
  }
  const run = (s: Scenario): number => {
    const a = liquidate.runParsed(parsed.get(s)!);
    return a.outcome.ok ? a.output().fills.length + a.outcome.result.groups.length : -1;
  };
  return { run, inputs: scenarios.filter((s) => parsed.has(s)) };
}
const runFloat = (s: Scenario): number => digest(floatEngine(s));

type CheckCase = (engine: Engine, scenario: Scenario) => { readonly violations: readonly { readonly invariant: string }[] };

/** `checkCase` from src/invariants/checkCase.ts, or why it cannot be used (yet). */
async function loadCheckCase(): Promise<{ ok: true; checkCase: CheckCase } | { ok: false; why: string }> {
  const url = new URL('../src/invariants/checkCase.ts', import.meta.url).href;
  try {
    const mod = (await import(url)) as { checkCase?: unknown };
    if (typeof mod.checkCase !== 'function') return { ok: false, why: 'src/invariants/checkCase.ts has no checkCase export' };
    return { ok: true, checkCase: mod.checkCase as CheckCase };
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return { ok: false, why: /Cannot find module|ERR_MODULE_NOT_FOUND/.test(msg) ? 'src/invariants/checkCase.ts not found' : msg };
  }
}

// ---------------------------------------------------------------------------------------------
// Side figures: how often the float engine agrees with the reference, and catalog sanity.

function agreement(set: ScenarioSet): { statusAndSizes: number; whole: number } {
  let sizes = 0;
  let whole = 0;
  for (const s of set.scenarios) {
    const r = liquidate(s);
    const f = floatEngine(s);
    if (!r.ok || !f.ok) {
      if (JSON.stringify(r) === JSON.stringify(f)) whole++, sizes++;
      continue;
    }
    const key = (o: typeof r.result) => `${o.status}|${o.fills.map((x) => `${x.market}:${x.size}`).join(',')}`;
    if (key(r.result) === key(f.result)) sizes++;
    if (JSON.stringify(r.result) === JSON.stringify(f.result)) whole++;
  }
  const n = set.scenarios.length;
  return { statusAndSizes: sizes / n, whole: whole / n };
}

function statusMix(set: ScenarioSet): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const s of set.scenarios) {
    const o = liquidate(s);
    const k = o.ok ? o.result.status : o.error.code;
    mix[k] = (mix[k] ?? 0) + 1;
  }
  return mix;
}

// ---------------------------------------------------------------------------------------------
// Output

function table(rows: readonly Measurement[]): string {
  const head = ['scenario', 'engine', 'scenarios/s', 'µs/scenario', 'spread (min–max/s)', 'ratio vs float'];
  const body = rows.map((m) => [
    m.scenario,
    m.engine,
    formatCount(m.perSecond),
    formatSignificant(m.microsPerScenario, 3),
    `${formatCount(m.minPerSecond)}–${formatCount(m.maxPerSecond)}`,
    m.ratioVsFloat === null ? '' : `${formatFixed(m.ratioVsFloat, 1)}×`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const right = [false, false, true, true, true, true];
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function writeJsonAtomic(path: string, value: unknown): void {
  mkdirSync('reports', { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  renameSync(tmp, path);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const machineFacts = machine();
  const { cpu, loadAverageAtStart: load } = machineFacts;
  console.log(`liqcheck bench — Node ${process.version}, ${cpu} (${os.cpus().length} logical CPUs; measured on one thread)`);
  console.log(`warm-up ${WARMUP_MS} ms, ${REPS} reps × ~${REP_MS} ms, median reported; load average ${formatFixed(load, 2)}`);
  if (load > os.cpus().length - 1) console.log(`warning: the machine is busy (load ${formatFixed(load, 2)} on ${os.cpus().length} CPUs): figures will be low and noisy`);
  console.log('');

  const sets = benchSets(SEED);
  const mixes = new Map(sets.map((set) => [set.label, statusMix(set)]));
  for (const set of sets) {
    console.log(`${set.label}: ${formatCount(set.scenarios.length)} distinct scenarios (${set.source}); reference outcomes ${JSON.stringify(mixes.get(set.label))}`);
  }

  const results: Measurement[] = [];
  for (const set of sets) {
    const float = measure(set.label, 'float (zoo)', set.positions, runFloat, set.scenarios);
    float.ratioVsFloat = 1;
    const ref = measure(set.label, 'reference', set.positions, runReference, set.scenarios);
    ref.ratioVsFloat = float.perSecond / ref.perSecond;
    const p = parsedRunner(set.scenarios);
    const parsed = measure(set.label, 'reference, parsed in/out', set.positions, p.run, p.inputs);
    parsed.ratioVsFloat = float.perSecond / parsed.perSecond;
    results.push(float, ref, parsed);
  }

  const catalog = await loadCheckCase();
  /** per scenario set: invariant id → number of bench scenarios on which the reference violates it */
  const catalogViolations: Record<string, Record<string, number>> = {};
  if (catalog.ok) {
    const { checkCase } = catalog;
    for (const set of sets) {
      // Sanity: the reference should pass its own catalog on every bench scenario.
      const byInvariant: Record<string, number> = {};
      for (const s of set.scenarios) {
        const ids = new Set(checkCase(liquidate, s).violations.map((v) => v.invariant));
        for (const id of ids) byInvariant[id] = (byInvariant[id] ?? 0) + 1;
      }
      catalogViolations[set.label] = byInvariant;
      const run = (s: Scenario): number => checkCase(liquidate, s).violations.length + 1;
      const m = measure(set.label, 'reference + catalog', set.positions, run, set.scenarios);
      const float = results.find((r) => r.scenario === set.label && r.engine === 'float (zoo)')!;
      m.ratioVsFloat = float.perSecond / m.perSecond;
      results.push(m);
    }
  } else {
    console.log(`\ncatalog: not available (${catalog.why})`);
  }

  results.sort((a, b) => a.positions - b.positions);
  console.log('\n' + table(results));

  const single = results.find((r) => r.positions === 1 && r.engine === 'reference + catalog');
  console.log(
    `\ngoal: ≥ ${formatCount(GOAL_CHECKS_PER_SEC)} single-position checks/s (reference + catalog) on one core → ` +
      (single === undefined
        ? 'not measured (catalog not available)'
        : `${formatCount(single.perSecond)}/s: ${single.perSecond >= GOAL_CHECKS_PER_SEC ? 'MET' : `NOT MET (${formatFixed(GOAL_CHECKS_PER_SEC / single.perSecond, 1)}× short)`}`),
  );
  for (const [label, byInvariant] of Object.entries(catalogViolations)) {
    for (const [id, n] of Object.entries(byInvariant)) {
      console.log(`warning: the reference violates ${id} on ${formatCount(n)} of ${formatCount(sets.find((x) => x.label === label)!.scenarios.length)} ${label} bench scenarios`);
    }
  }

  const agree = Object.fromEntries(sets.map((s) => [s.label, agreement(s)]));
  for (const [label, a] of Object.entries(agree)) {
    console.log(
      `float vs reference, ${label}: same status and fill sizes on ${formatPercent(a.statusAndSizes)}, identical result on ${formatPercent(a.whole)}`,
    );
  }

  const elapsedMs = Date.now() - started;
  const elapsed = elapsedMs / 1000;
  writeJsonAtomic('reports/bench.json', {
    ...machineFacts,
    method: { warmupMs: WARMUP_MS, repMs: REP_MS, reps: REPS, statistic: 'median', seed: SEED, threads: 1 },
    scenarios: sets.map((s) => ({ label: s.label, positions: s.positions, count: s.scenarios.length, source: s.source, outcomes: mixes.get(s.label) })),
    goal: {
      singlePositionChecksPerSecond: GOAL_CHECKS_PER_SEC,
      measured: single?.perSecond ?? null,
      met: single === undefined ? null : single.perSecond >= GOAL_CHECKS_PER_SEC,
    },
    catalog: catalog.ok ? { available: true, referenceViolations: catalogViolations } : { available: false, why: catalog.why },
    floatAgreement: agree,
    results,
    elapsedSeconds: elapsed,
  });
  console.log(`\nwrote reports/bench.json (${formatDuration(elapsedMs)}; checksum ${sink})`);
}

await main();
