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
