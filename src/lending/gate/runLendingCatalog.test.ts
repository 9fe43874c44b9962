/**
 * The lending runner (runLendingCatalog.ts): it tallies every case (never stopping at the first
 * violation), and each counterexample it reports is shrunk from the first violating case and still
 * violates its id on the engine — checked independently with the synchronous checkLendingCase.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lendingScenario } from '../arbitraries/lendingScenario.ts';
import { LENDING_CATALOG } from '../invariants/catalog.ts';
import { checkLendingCase } from '../invariants/checkLendingCase.ts';
import { liquidateLending } from '../liquidateLending.ts';
import { lendingProfileNamed } from '../profiles/index.ts';
import { triggerAtOne } from '../zoo/triggerAtOne.ts';
import { agreesWithLendingReference } from './agreesWithLendingReference.ts';
import { chunkSeed } from '../../runner/runCatalog.ts';
import { runLendingCatalog } from './runLendingCatalog.ts';

const params = lendingProfileNamed('aave-v3')!.params;
const scenarios = lendingScenario({ params: fc.constant(params) });
const invariants = [...LENDING_CATALOG, agreesWithLendingReference];

describe('runLendingCatalog', () => {
  it('on the reference: every case judged by every close-factor id, nothing violated', async () => {
    const r = await runLendingCatalog({ engine: async (sc) => liquidateLending(sc), scenarios, runs: 80, seed: 21, invariants, kind: 'close-factor' });
    expect(r.ok).toBe(true);
    expect(r.cases).toBe(80);
    expect(r.tallies.map((t) => [t.id, t.checked, t.violations])).toEqual(['LND-000', ...invariants.map((i) => i.id)].map((id) => [id, 80, 0]));
    expect(r.notJudged).toEqual([]);
  }, 60_000);

  it('on triggerAtOne: all violating cases counted, each counterexample shrunk and still a violation of its id', async () => {
    const r = await runLendingCatalog({ engine: async (sc) => triggerAtOne(sc), scenarios, runs: 150, seed: 21, invariants, kind: 'close-factor' });
    expect(r.ok).toBe(false);
    const violated = r.tallies.filter((t) => t.violations > 0);
    expect(violated.map((t) => t.id)).toEqual(expect.arrayContaining(['LND-001', 'LND-002', 'LREF-001']));
    for (const t of violated) {
      // More than one case: the first violation did not stop the tally.
      expect(t.violations, t.id).toBeGreaterThan(1);
      const cx = t.counterexample!;
      expect(cx.shrunk, t.id).toBe(true);
      const again = checkLendingCase(triggerAtOne, cx.scenario, { invariants: invariants.filter((i) => i.id === t.id) });
      expect(again.violations.map((v) => v.invariant), t.id).toContain(t.id);
      expect(cx.message.length).toBeGreaterThan(0);
    }
  }, 60_000);

  it('names the ids that do not presume the rules kind as not judged', async () => {
    const r = await runLendingCatalog({ engine: async (sc) => liquidateLending(sc), scenarios: lendingScenario({ params: fc.constant(lendingProfileNamed('compound-v3')!.params) }), runs: 10, seed: 3, invariants: LENDING_CATALOG, kind: 'absorb' });
    expect(r.notJudged.map((n) => n.id)).toEqual(LENDING_CATALOG.filter((i) => !i.presumes.includes('absorb')).map((i) => i.id));
    expect(r.tallies.map((t) => t.id)).not.toContain('LND-003');
  }, 60_000);
});

/** A run's report without what only says how it was run. */
const verdictOf = (r: Awaited<ReturnType<typeof runLendingCatalog>>): unknown => ({ ...r, concurrency: undefined });

describe('runLendingCatalog with several cases in flight', () => {
  it('keeps up to `concurrency` requests in flight, answered out of order, and reports exactly what one at a time reports', async () => {
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    // Answers arrive out of generation order: the first violating case is held back (300 ticks) so
    // that later violating cases are answered before it, and the other calls wait 0–4 ticks.
    const generated = fc.sample(scenarios, { seed: chunkSeed(9, 0), numRuns: 120 });
    const held = JSON.stringify(generated.find((sc) => checkLendingCase(triggerAtOne, sc).violations.length > 0));
    const slow = async (sc: Parameters<typeof triggerAtOne>[0]) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const ticks = JSON.stringify(sc) === held ? 300 : (calls++ * 7) % 5;
      for (let t = 0; t < ticks; t++) await new Promise((r) => setTimeout(r, 0));
      inFlight--;
      return triggerAtOne(sc);
    };
    // The case each id's counterexample was found at, before shrinking: the earliest in generation order.
    const foundAt = (into: Map<string, string>) => (id: string, cx: { path?: string }, stage: 'found' | 'shrunk') => {
      if (stage === 'found') into.set(id, cx.path ?? '');
      return undefined;
    };
    const [at1, at8] = [new Map<string, string>(), new Map<string, string>()];
    const one = await runLendingCatalog({ engine: async (sc) => triggerAtOne(sc), scenarios, runs: 120, seed: 9, invariants, kind: 'close-factor', onCounterexample: foundAt(at1) });
    const eight = await runLendingCatalog({ engine: slow, scenarios, runs: 120, seed: 9, invariants, kind: 'close-factor', concurrency: 8, onCounterexample: foundAt(at8) });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(8);
    expect(eight.concurrency).toBe(8);
    expect(at1.size).toBeGreaterThan(0);
    expect([...at8].sort()).toEqual([...at1].sort());
    // The same tallies, counterexamples (the earliest case, shrunk) and labels.
    expect(one.ok).toBe(false);
    expect(verdictOf(eight)).toEqual(verdictOf(one));
  }, 60_000);

  it('the engine-failure examples are the earliest cases in generation order, whichever failed first', async () => {
    let calls = 0;
    const failing = async (): Promise<never> => {
      const ticks = (calls++ * 5) % 3;
      for (let t = 0; t < ticks; t++) await new Promise((r) => setTimeout(r, 0));
      throw new Error('out of gas (deliberately)');
    };
    const sample = fc.sample(scenarios, { seed: chunkSeed(4, 0), numRuns: 3 });
    const r = await runLendingCatalog({ engine: failing, scenarios, runs: 20, seed: 4, invariants, kind: 'close-factor', concurrency: 6 });
    expect(r.engineFailures.count).toBe(20);
    expect(r.engineFailures.examples.map((e) => e.scenario)).toEqual(sample);
  }, 60_000);
});

describe('runLendingCatalog stopped, or judging nothing', () => {
  it('an aborted signal: no case starts after it, nothing is shrunk, the report names the signal and is no pass', async () => {
    const controller = new AbortController();
    let calls = 0;
    const found: string[] = [];
    const engine = async (sc: Parameters<typeof triggerAtOne>[0]) => {
      if (++calls === 40) controller.abort('SIGTERM');
      return triggerAtOne(sc);
    };
    const r = await runLendingCatalog({ engine, scenarios, runs: 100_000, seed: 21, invariants, kind: 'close-factor', signal: controller.signal, onCounterexample: (id, _cx, stage) => void found.push(`${id}:${stage}`) });
    expect(r.interrupted).toBe('SIGTERM');
    expect(r.ok).toBe(false);
    expect(r.cases).toBeGreaterThan(0);
    expect(r.cases).toBeLessThan(100);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.endsWith(':found'))).toBe(true);
    for (const t of r.tallies) if (t.counterexample) expect(t.counterexample.shrunk, t.id).toBe(false);
  }, 60_000);

  it('an engine the adapter gave up on before the first case: nothing judged, stoppedEarly, no pass', async () => {
    const r = await runLendingCatalog({ engine: async (sc) => liquidateLending(sc), scenarios, runs: 10, seed: 1, invariants, kind: 'close-factor', gaveUp: () => 'failed 11 times (limit 10)' });
    expect(r).toMatchObject({ cases: 0, judged: 0, ok: false, stoppedEarly: 'after 0 case(s): the adapter stopped trying the engine (failed 11 times (limit 10))' });
  });

  it('an engine that answers nothing: every case run, none judged, no pass', async () => {
    const r = await runLendingCatalog({ engine: async () => ({ ok: false, error: { code: 'engine-threw', message: 'no' } }), scenarios, runs: 7, seed: 1, invariants, kind: 'close-factor' });
    expect(r).toMatchObject({ cases: 7, judged: 0, ok: false });
  });
});
