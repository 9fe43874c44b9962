/**
 * Where the time of one catalog check goes (companion of bench.ts): run `tsx bench/breakdown.ts`.
 *
 * For each bench scenario set, times `checkCase(liquidate, scenario)` with every catalog entry and
 * the engine wrapped in timers, and separately the parsing the check does itself, then prints
 * µs per case for: the check's own `parseScenario`, every engine run (the case itself through
 * `liquidate.runParsed`, the relations' derived scenarios exact first where they are known parsed,
 * on the wire form — parsing it — otherwise), building the case's
 * parsed result, what `parseResult` of it would cost an engine without `runParsed`, the
 * `parseParams` share of one parse, and each invariant's own work.
 */
import { liquidate } from '../src/model/liquidate.ts';
import { runExactOf } from '../src/model/parsedEngine.ts';
import { parseResult } from '../src/model/parseResult.ts';
import { parseParams, parseScenario } from '../src/model/parseScenario.ts';
import type { LiquidationResult, ParsedScenario, Scenario } from '../src/model/types.ts';
import { CATALOG } from '../src/invariants/catalog.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import type { Invariant } from '../src/invariants/invariant.ts';
import { benchSets } from './scenarios.ts';

const now = (): bigint => process.hrtime.bigint();

function timed(times: Map<string, bigint>, key: string): <T>(f: () => T) => T {
  return (f) => {
    const t = now();
    const r = f();
    times.set(key, (times.get(key) ?? 0n) + (now() - t));
    return r;
  };
}

for (const set of benchSets(20240601)) {
  const scenarios = set.scenarios.slice(0, set.positions === 1 ? 1000 : 250);
  const n = scenarios.length;
  const times = new Map<string, bigint>();
  let engineCalls = 0;
  const wireTimer = timed(times, 'engine runs on wire scenarios: liquidate, incl. its own parseScenario');
  const parsedTimer = timed(times, 'engine run of the case: liquidate.runParsed (result formatted)');
  const exactTimer = timed(times, 'engine runs of derived parsed scenarios: exact first (liquidateToExact)');
  const outputTimer = timed(times, "  the case's parsed result, built from the reference's amounts (when an invariant reads it)");
  const runExact = runExactOf(liquidate.runParsed)!;
  // The reference as checkCase sees it: the wire entry, the parsed one and its exact-first entry
  // for derived runs (parse once), all timed.
  const engine = Object.assign(
    (s: Scenario) => {
      engineCalls++;
      return wireTimer(() => liquidate(s));
    },
    {
      runParsed: Object.assign(
        (sc: ParsedScenario) => {
          engineCalls++;
          const a = parsedTimer(() => liquidate.runParsed(sc));
          return { outcome: a.outcome, output: () => outputTimer(a.output) };
        },
        {
          exact: (sc: ParsedScenario) => {
            engineCalls++;
            return exactTimer(() => runExact(sc));
          },
        },
      ),
    },
  );
  const invariants: Invariant[] = CATALOG.map((inv) => {
    if (inv.kind === 'output') {
      const t = timed(times, `${inv.id} ${inv.title}`);
      return { ...inv, check: (c) => t(() => inv.check(c)) };
    }
    const t = timed(times, `${inv.id} ${inv.title} (derive + compare)`);
    return { ...inv, derive: (c) => t(() => inv.derive(c)), compare: (c, runs) => t(() => inv.compare(c, runs)) };
  });

  let total = 0n;
  for (let round = 0; round < 2; round++) {
    // round 0 warms up
    times.clear();
    engineCalls = 0;
    const t = now();
    for (const s of scenarios) checkCase(engine, s, { invariants });
    total = now() - t;
  }
  const results = scenarios.map((s) => liquidate(s)).filter((o) => o.ok).map((o) => (o as { result: LiquidationResult }).result);
  const parse = timed(times, "checkCase's own parseScenario");
  parse(() => scenarios.forEach((s) => parseScenario(s)));
  const params = timed(times, '  of which parseParams (repeated by every engine run too)');
  params(() => scenarios.forEach((s) => parseParams(s.params)));
  const result = timed(times, 'parseResult of the case (for comparison: an engine without runParsed)');
  result(() => results.forEach((r) => parseResult(r)));

  const us = (x: bigint): string => (Number(x) / n / 1000).toFixed(1).padStart(8);
  console.log(`\n${set.label} (${n} scenarios): checkCase ${us(total).trim()} µs/case, ${(engineCalls / n).toFixed(2)} engine runs/case`);
  for (const [k, v] of [...times].sort((a, b) => Number(b[1] - a[1]))) console.log(`${us(v)} µs  ${k}`);
}
