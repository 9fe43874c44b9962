import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { ZOO } from '../zoo/index.ts';
import { liquidate } from './liquidate.ts';
import { exactResultOf, runExactOf, runParsedOf } from './parsedEngine.ts';
import { parseResult } from './parseResult.ts';
import { parseScenario } from './parseScenario.ts';

// Every region of the default arbitrary: cross and isolated, healthy to bankrupt, 1–4 positions.
const sample = fc.sample(scenario(), { seed: 20261201, numRuns: 300 });

describe('liquidate.runParsed (parse once)', () => {
  it('answers as liquidate does on the wire, and its parsed result is what parseResult reads back', () => {
    let results = 0;
    for (const s of sample) {
      const parsed = parseScenario(s);
      if (!parsed.ok) throw new Error(`the arbitrary drew an invalid scenario: ${JSON.stringify(parsed.issues[0])}`);
      const wire = liquidate(s);
      const a = liquidate.runParsed(parsed.value);
      expect(a.outcome).toEqual(wire);
      if (!wire.ok) continue;
      results++;
      const read = parseResult(wire.result);
      expect(read.ok).toBe(true);
      if (read.ok) expect(a.output()).toEqual(read.value);
    }
    expect(results).toBeGreaterThan(sample.length / 2);
  });

  it('answers exact first: the exact result now, and on demand the very outcome runParsed gives', () => {
    const runExact = runExactOf(liquidate.runParsed);
    if (runExact === undefined) throw new Error('the reference carries no exact-first entry');
    let results = 0;
    for (const s of sample) {
      const parsed = parseScenario(s);
      if (!parsed.ok) throw new Error(`the arbitrary drew an invalid scenario: ${JSON.stringify(parsed.issues[0])}`);
      const full = liquidate.runParsed(parsed.value).outcome;
      const a = runExact(parsed.value);
      const outcome = a.outcome();
      expect(outcome).toEqual(liquidate(s));
      expect(a.outcome()).toBe(outcome); // written once
      if (!outcome.ok) {
        expect(a.exact).toBeUndefined();
        continue;
      }
      results++;
      expect(a.exact).toEqual(exactResultOf(full));
      expect(exactResultOf(outcome)).toBe(a.exact);
    }
    expect(results).toBeGreaterThan(sample.length / 2);
  });

  it('is found on the reference and on no zoo engine (they keep the wire path)', () => {
    expect(runParsedOf(liquidate)).toBe(liquidate.runParsed);
    for (const z of ZOO) expect(runParsedOf(z.engine), z.name).toBeUndefined();
    // A wrapper around the parsed entry has no exact-first entry: its answers are used as given.
    expect(runExactOf((p) => liquidate.runParsed(p))).toBeUndefined();
  });
});
