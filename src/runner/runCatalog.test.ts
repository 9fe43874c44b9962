import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import type { Answer } from '../invariants/invariant.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import { oneLotShort } from '../zoo/oneLotShort.ts';
import { runCatalog, type Counterexample, type EngineUnderTest } from './runCatalog.ts';

const crash: Answer = { ok: false, error: { code: 'crash', message: 'the engine is no longer restarted: it failed 11 times' } };

/**
 * An engine behind an adapter that gives up after `limit` requests: from then on every answer is
 * an immediate crash, as the subprocess adapter's are after its last restart.
 */
function givingUp(engine: (s: Scenario) => Answer, limit: number): EngineUnderTest & { calls: () => number } {
  let calls = 0;
  return {
    name: 'gives-up',
    policy: 'minimal-close',
    run: async (s) => (++calls > limit ? crash : engine(s)),
    gaveUp: () => (calls > limit ? 'it failed 11 times (limit 10 restarts)' : null),
    calls: () => calls,
  };
}

const scenarios = scenario();

describe('runCatalog against an engine the adapter gave up on', () => {
  it('stops generating cases, shrinks nothing and keeps the real counterexample found before', async () => {
    // one-lot-short violates LIQ-003 within the first few hundred cases; after 3,000 requests the
    // adapter gives up. Before this rule the shrinker went on against the crashing engine and
    // saved a "counterexample" whose only fault was the crash.
    const engine = givingUp(oneLotShort, 3000);
    const found: [string, string][] = [];
    const r = await runCatalog({ engine, scenarios, runs: 20_000, seed: 5, onCounterexample: (id, _cx, stage) => found.push([id, stage]) });
    const liq3 = r.tallies.find((t) => t.id === 'LIQ-003')!;
    expect(liq3.violations).toBeGreaterThan(0);
    expect(liq3.counterexample?.message).not.toMatch(/no longer restarted|crash/);
    // Every violation recorded is of a real answer: none is the crash's.
    for (const t of r.tallies) if (t.counterexample) expect(t.counterexample.message, t.id).not.toMatch(/answered .* with crash/);
    expect(r.tallies.find((t) => t.id === 'LIQ-000')!.violations).toBe(0);
    expect(r.stoppedEarly).toMatch(/the adapter stopped trying the engine/);
    expect(r.cases).toBeLessThan(20_000);
    expect(r.ok).toBe(false);
    expect(found.every(([, stage]) => stage === 'found')).toBe(true);
    expect(engine.calls()).toBeLessThan(3000 + 200); // at most the cases in flight, not thousands of shrink steps
  });

  it('counts crash and timeout answers as engine failures, never as violations of any invariant', async () => {
    let n = 0;
    const flaky: EngineUnderTest = {
      name: 'flaky',
      policy: 'minimal-close',
      // Every third request (the scenario itself or a derived one) gets no answer.
      run: async (s) => (++n % 3 === 0 ? { ok: false, error: { code: n % 2 ? 'timeout' : 'crash', message: 'no reply within 50 ms' } } : liquidate(s)),
    };
    const r = await runCatalog({ engine: flaky, scenarios, runs: 300, seed: 9 });
    expect(r.tallies.filter((t) => t.violations > 0).map((t) => t.id)).toEqual([]);
    expect(r.engineFailures.count).toBeGreaterThan(50);
    expect(r.ok).toBe(false);
  });
});

describe('runCatalog interrupted', () => {
  it('stops at the abort, reports what ran, marks the report and saves what it found unshrunk', async () => {
    const ac = new AbortController();
    const seen: Counterexample[] = [];
    let judged = 0;
    const engine: EngineUnderTest = { name: 'one-lot-short', policy: 'minimal-close', run: async (s) => oneLotShort(s), concurrency: 4 };
    const r = await runCatalog({
      engine,
      scenarios,
      runs: 1_000_000,
      seed: 5,
      signal: ac.signal,
      onCase: () => void (++judged === 2000 && ac.abort('SIGTERM')),
      onCounterexample: (_id, cx) => seen.push(cx),
    });
    expect(r.interrupted).toBe('SIGTERM');
    expect(r.ok).toBe(false);
    expect(r.cases).toBeGreaterThanOrEqual(2000);
    expect(r.cases).toBeLessThan(2100);
    const liq3 = r.tallies.find((t) => t.id === 'LIQ-003')!;
    expect(liq3.violations).toBeGreaterThan(0);
    // Not shrunk: the counterexample is the case that was found, the one handed out at once.
    expect(seen).toContain(liq3.counterexample);
  });

  it('hands out a counterexample the moment it is found, then its shrunk form', async () => {
    const stages: string[] = [];
    const engine: EngineUnderTest = { name: 'one-lot-short', policy: 'minimal-close', run: async (s) => oneLotShort(s) };
    const r = await runCatalog({ engine, scenarios, runs: 400, seed: 5, onCounterexample: (id, _cx, stage) => void (id === 'LIQ-003' && stages.push(stage)) });
    expect(r.tallies.find((t) => t.id === 'LIQ-003')!.violations).toBeGreaterThan(0);
    expect(stages[0]).toBe('found');
    expect(stages.at(-1)).toBe('shrunk');
  });
});

describe('runCatalog tallies', () => {
  it('counts cases, not messages: an invariant reporting two violations in one case counts that case once', async () => {
    const twice = {
      kind: 'output' as const,
      id: 'TST-002',
      title: 'fails twice on every case',
      statement: 'A test invariant that reports two violations on every case.',
      domain: 'every case',
      spec: '#8-result',
      presumes: [],
      check: () => ['first problem', 'second problem'],
    };
    const r = await runCatalog({ engine: { name: 'reference', policy: 'minimal-close', run: async (s) => liquidate(s) }, scenarios, runs: 7, seed: 2, invariants: [twice] });
    const t = r.tallies.find((x) => x.id === 'TST-002')!;
    expect([t.checked, t.violations]).toEqual([7, 7]);
  });
});
