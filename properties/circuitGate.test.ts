/**
 * The circuit engine with the TypeScript relation as its oracle passes the gate under
 * fixtures/circuit/params.json (the library entry `liqcheck check` runs: runCatalog through
 * checkEngine, with REF-001), and each of the three planted circuit bugs (relation.ts
 * `relationWith`) makes it fail: the engine's adversarial answers plus the gate catch them before
 * they are planted in the circom source.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { circuitEngine } from '../src/circuit/circuitEngine.ts';
import { checkRelation, relationWith, type PlantedBug } from '../src/circuit/relation.ts';
import relationEngine, * as relationModule from '../src/circuit/relationEngine.ts';
import { checkEngine, formatViolations } from '../src/gate/checkEngine.ts';
import type { RiskParams } from '../src/model/types.ts';

const PARAMS = JSON.parse(readFileSync('fixtures/circuit/params.json', 'utf8')) as RiskParams;
const SEED = 20261202;

describe('circuit profile: the relation engine through the gate', () => {
  it('passes the gate on 1,000 scenarios (inclusive trigger) and 300 under the strict one', async () => {
    const t0 = performance.now();
    const report = await checkEngine(relationEngine, { params: PARAMS, runs: 1000, seed: SEED, name: relationModule.name });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`relation engine: 1000 gate runs in ${seconds.toFixed(1)} s (${(1000 / seconds).toFixed(0)} runs/s), ${report.tallies.filter((t) => t.checked > 0).length} invariants checked`);
    expect(report.ok, formatViolations(report)).toBe(true);
    expect(report.tallies.find((t) => t.id === 'REF-001')?.checked).toBeGreaterThanOrEqual(1000);
    const strict = await checkEngine(relationEngine, { params: { ...PARAMS, trigger: 'strict' }, runs: 300, seed: SEED + 1 });
    expect(strict.ok, formatViolations(strict)).toBe(true);
  });

  // What catches each bug, by construction of the alternatives: the inclusive boundary E = MM is
  // proved healthy (LIQ-002, REF-001); a penalty one unit short is proved (LIQ-006, REF-001); with
  // the target check at j gone, one lot less is proved (LIQ-003, REF-001).
  const CAUGHT_BY: Readonly<Record<PlantedBug, readonly string[]>> = {
    'trigger-strict-lt': ['LIQ-002', 'REF-001'],
    'penalty-truncated': ['LIQ-006', 'REF-001'],
    'missing-range-check': ['LIQ-003', 'REF-001'],
  };
  for (const bug of Object.keys(CAUGHT_BY) as PlantedBug[]) {
    it(`the planted bug ${bug} fails the gate`, async () => {
      const engine = circuitEngine({ accepts: (inputs) => relationWith(inputs, bug).ok });
      const report = await checkEngine(engine, { params: PARAMS, runs: 200, seed: SEED, name: `relation-${bug}` });
      const violated = report.tallies.filter((t) => t.violations > 0).map((t) => t.id);
      console.log(`${bug}: violated ${report.tallies.filter((t) => t.violations > 0).map((t) => `${t.id} (${t.violations})`).join(', ')}`);
      expect(report.ok).toBe(false);
      for (const id of CAUGHT_BY[bug]) expect(violated).toContain(id);
    });
  }

  it('honest mode answers the honest claim, and an oracle accepting nothing is a failed request', async () => {
    const scenario = {
      params: PARAMS,
      marks: { 'BTC-PERP': '10000' },
      account: { collateral: '180', positions: [{ market: 'BTC-PERP', size: '1', entryPrice: '10000' }] },
      insuranceFund: '0',
    };
    const honest = await circuitEngine({ accepts: (i) => checkRelation(i).ok, mode: 'honest' })(scenario);
    // By hand (properties/circuitWitness.test.ts): 481 lots under the inclusive trigger.
    expect(honest).toMatchObject({ ok: true, result: { status: 'partial', fills: [{ size: '0.481' }] } });
    await expect(circuitEngine({ accepts: () => false })(scenario)).rejects.toThrow('the circuit accepts no claim');
  });
});
