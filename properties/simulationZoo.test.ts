/**
 * The system zoo (docs/simulation.md S10): every wrong simulator of src/simulate/zoo/ is caught by
 * the invariant it is built to break, on a seeded run chosen so that its bug is exercised; the
 * other invariants it trips are printed (a bug rarely breaks one thing only).
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM_CATALOG } from '../src/simulate/judge/index.ts';
import { countsById, runTraced } from '../src/simulate/judge/__support__/runTraced.ts';
import { SYSTEM_ZOO, type WrongSimulator } from '../src/simulate/zoo/index.ts';
import type { SimulationConfig } from '../src/wire/simulation.ts';

const crash: SimulationConfig = { seed: 1, steps: 40, population: { count: 300 }, path: { shock: '-0.3', shockAt: 5, shockSteps: 5 } };
const slide: SimulationConfig = { seed: 5, steps: 50, population: { count: 300 }, path: { shock: '-0.25', shockAt: 2, shockSteps: 30 } };
const auction: SimulationConfig = {
  seed: 3,
  steps: 50,
  population: { count: 300 },
  bidders: [
    { id: 'b1', capital: '5000000', latency: 1, discount: '0.65' },
    { id: 'b2', capital: '5000000', latency: 2, discount: '0.3' },
  ],
  liquidation: { mode: 'auction' },
  path: { shock: '-0.3', shockAt: 3, shockSteps: 3 },
};

/** The run each wrong simulator is judged on: where its bug matters. */
const RUNS: Readonly<Record<string, { readonly profile: string | null; readonly config: SimulationConfig }>> = {
  // penalties are paid only by accounts liquidated before bankruptcy: the slow slide has them
  'forgotten-penalty': { profile: null, config: slide },
  'fee-split-skew': { profile: null, config: slide },
  'stale-mark': { profile: null, config: slide },
  'auction-follows-mark': { profile: 'okx-swap', config: auction },
  'auction-no-floor': { profile: 'okx-swap', config: auction },
};

function runOf(z: WrongSimulator): { readonly profile: string | null; readonly config: SimulationConfig } {
  return RUNS[z.name] ?? { profile: 'binance-usdm', config: crash };
}

describe('every wrong simulator is caught by the invariant it breaks', () => {
  for (const z of SYSTEM_ZOO) {
    it(`${z.name} breaks ${z.breaks}`, async () => {
      const { profile, config } = runOf(z);
      const run = await runTraced(profile, config, z);
      const counts = countsById(run.judgement);
      const others = Object.keys(counts).filter((id) => id !== z.breaks);
      console.log(`${z.name}: ${z.breaks} ×${counts[z.breaks] ?? 0}; also trips ${others.length === 0 ? 'nothing else' : others.map((id) => `${id} ×${counts[id]}`).join(', ')}`);
      expect(counts[z.breaks] ?? 0, `${z.name} not caught by ${z.breaks}: ${JSON.stringify(counts)}`).toBeGreaterThan(0);
    }, 20_000);
  }
});

describe('the zoo covers the catalog', () => {
  it('every system invariant has a wrong simulator, and every named one exists', () => {
    const names = new Set(SYSTEM_ZOO.map((z) => z.name));
    for (const inv of SYSTEM_CATALOG) {
      expect(SYSTEM_ZOO.some((z) => z.breaks === inv.id), inv.id).toBe(true);
      for (const n of inv.wrongSimulator.split(', ')) expect(names.has(n), `${inv.id} names ${n}`).toBe(true);
    }
    for (const z of SYSTEM_ZOO) expect(SYSTEM_CATALOG.some((inv) => inv.id === z.breaks), z.name).toBe(true);
  });
});
