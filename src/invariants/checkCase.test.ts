import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { liquidate } from '../model/liquidate.ts';
import { runExactOf } from '../model/parsedEngine.ts';
import type { ParsedScenario, Scenario } from '../model/types.ts';
import { ZOO } from '../zoo/index.ts';
import { checkCase, checkCaseAsync } from './checkCase.ts';

const sample = fc.sample(scenario(), { seed: 7, numRuns: 60 });

describe('checkCase', () => {
  it('judges the same way whether the engine answers synchronously or not', async () => {
    for (const engine of [liquidate, ...ZOO.slice(0, 6).map((z) => z.engine)]) {
      for (const s of sample) {
        const sync = checkCase(engine, s);
        const async = await checkCaseAsync(async (x) => engine(x), s);
        expect(async.violations).toEqual(sync.violations);
        expect(async.checked).toEqual(sync.checked);
      }
    }
  });

  it('turns an engine that throws or rejects into an engine failure, never a violation or a crash', async () => {
    const s = sample[0]!;
    const threw = checkCase(() => { throw new Error('boom'); }, s);
    expect(threw.violations).toEqual([]);
    expect(threw.checked).toEqual([]);
    expect(threw.engineFailure).toEqual({ ok: false, error: { code: 'engine-threw', message: 'boom' } });
    const rejected = await checkCaseAsync(() => Promise.reject(new Error('gone')), s);
    expect(rejected.violations).toEqual([]);
    expect(rejected.engineFailure?.error.message).toBe('gone');
  });

  it('judges garbage as LIQ-000: a malformed result is an answer, and a wrong one', () => {
    const garbage = checkCase(() => ({ ok: true, result: { status: 'fine' } }) as never, sample[0]!);
    expect(garbage.engineFailure).toBeUndefined();
    expect(garbage.violations[0]!.invariant).toBe('LIQ-000');
    expect(garbage.violations[0]!.message).toMatch(/^malformed result: result\.status: expected/);
  });

  it('never charges a relation invariant with a derived run the engine did not answer (timeout, crash)', async () => {
    // Answers the scenario itself, then times out on every derived run: the metamorphic invariants
    // (LIQ-012…018) must not be violated by the silence, and judging stops at the first one.
    for (const s of sample.slice(0, 20)) {
      let calls = 0;
      const r = await checkCaseAsync(async (x) => (calls++ === 0 ? liquidate(x) : { ok: false, error: { code: 'timeout', message: 'no reply within 50 ms' } }), s);
      expect(r.violations).toEqual([]);
      expect(r.engineFailure?.error.code).toBe('timeout');
      expect(calls).toBe(2);
    }
  });

  it('judges the reference on its parsed path exactly as on the wire path, and needs the wire only for broken inputs', () => {
    let wireCalls = 0;
    const wireOnly = (x: Scenario) => (wireCalls++, liquidate(x));
    let parsedCalls = 0;
    const counted = Object.assign((x: Scenario) => (wireCalls++, liquidate(x)), {
      runParsed: (p: Parameters<typeof liquidate.runParsed>[0]) => (parsedCalls++, liquidate.runParsed(p)),
    });
    for (const s of sample) {
      wireCalls = 0;
      const viaWire = checkCase(wireOnly, s);
      const wireRuns = wireCalls;
      wireCalls = 0;
      parsedCalls = 0;
      const viaParsed = checkCase(counted, s);
      expect(viaParsed).toEqual(viaWire);
      // Only LIQ-018's deliberately broken scenario goes over the wire.
      expect(wireCalls).toBeLessThanOrEqual(1);
      expect(parsedCalls + wireCalls).toBe(wireRuns);
    }
  });

  it('judges exact-first derived runs as the wire path does, writing no wire result where the runs agree', () => {
    const exactFirst = runExactOf(liquidate.runParsed)!;
    let exactRuns = 0;
    let written = 0;
    const runParsed = Object.assign((p: ParsedScenario) => liquidate.runParsed(p), {
      exact: (p: ParsedScenario) => {
        exactRuns++;
        const a = exactFirst(p);
        return { exact: a.exact, outcome: () => (written++, a.outcome()) };
      },
    });
    const failures: unknown[] = [];
    for (const s of sample) {
      const viaWire = checkCase((x: Scenario) => liquidate(x), s);
      expect(checkCase(liquidate, s, { runParsed, onEngineFailure: (_i, f) => failures.push(f) })).toEqual(viaWire);
    }
    expect(exactRuns).toBeGreaterThan(sample.length);
    // The reference agrees with itself on every relation, so no derived result is read on the wire.
    expect(written).toBe(0);
    expect(failures).toEqual([]);
  });

  it('judges a parsed path that answers wrongly: the parsed path is checked, not trusted', () => {
    // Closes nothing, ever: a healthy answer for every parsed scenario.
    const lazy = Object.assign((x: Scenario) => liquidate(x), {
      runParsed: (p: Parameters<typeof liquidate.runParsed>[0]) => {
        const a = liquidate.runParsed(p);
        if (!a.outcome.ok || a.outcome.result.status === 'healthy') return a;
        return liquidate.runParsed({ ...p, collateral: p.collateral.add('1e40') });
      },
    });
    const caught = sample.some((s) => checkCase(lazy, s).violations.length > 0);
    expect(caught).toBe(true);
  });

  it('refuses an invalid scenario: that is the caller’s mistake', () => {
    const bad = { ...sample[0]!, insuranceFund: '-1' } as Scenario;
    expect(() => checkCase(liquidate, bad)).toThrow(/insuranceFund: expected a decimal ≥ 0/);
  });
});
