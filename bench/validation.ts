/**
 * Validation speed: µs per parseScenario (1- and 8-position bench scenarios, with the params object
 * shared across runs as in fuzzing, and as fresh JSON copies as from the wire), per parseResult of
 * the reference's results, and per fixture-schema check of the committed fixtures.
 *
 * `npx tsx bench/validation.ts` — figures are CPU µs per call, the median of 7 rounds; report
 * them with the load average (`uptime`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liquidate } from '../src/model/liquidate.ts';
import { parseResult } from '../src/model/parseResult.ts';
import { parseScenario } from '../src/model/parseScenario.ts';
import { validateFixture } from '../src/fixtures/format.ts';
import { benchSets } from './scenarios.ts';

const ROUNDS = 7;

/** Median µs per call of `f` over `inputs`, each round one pass over every input (after a warm-up pass). */
function usPer<T>(inputs: readonly T[], f: (x: T) => unknown, minCalls = 20_000): number {
  const passes = Math.max(1, Math.ceil(minCalls / inputs.length));
  for (const x of inputs) f(x);
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // CPU time of this process, not wall time: on a shared machine it is what the call costs.
    const t = process.cpuUsage();
    for (let p = 0; p < passes; p++) for (const x of inputs) f(x);
    const used = process.cpuUsage(t);
    rounds.push((used.user + used.system) / (passes * inputs.length));
  }
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(ROUNDS / 2)]!;
}

function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bench input rejected: ${what}`);
}

const rows: [string, number][] = [];
for (const set of benchSets(20261125)) {
  const fresh = set.scenarios.map((s) => JSON.parse(JSON.stringify(s)) as unknown);
  must(set.scenarios.every((s) => parseScenario(s).ok), set.label);
  rows.push([`parseScenario ${set.label}, shared params`, usPer(set.scenarios, parseScenario)]);
  // Fresh copies defeat the params cache: what a scenario read from a file or a socket costs.
  rows.push([`parseScenario ${set.label}, fresh JSON`, usPer(fresh, parseScenario, 5_000)]);
  const results = set.scenarios.flatMap((s) => {
    const o = liquidate(s);
    return o.ok ? [JSON.parse(JSON.stringify(o.result)) as unknown] : [];
  });
  must(results.every((r) => parseResult(r).ok), `${set.label} results`);
  rows.push([`parseResult ${set.label}`, usPer(results, parseResult)]);
}

const dir = 'fixtures/cases';
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'manifest.json')
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
must(fixtures.every((f) => validateFixture(f).length === 0), 'fixtures');
rows.push([`fixture schema check (${fixtures.length} committed cases)`, usPer(fixtures, validateFixture, 2_000)]);

for (const [label, us] of rows) console.log(`${label.padEnd(48)} ${us.toFixed(2).padStart(8)} µs`);
