import { describe, expect, it } from 'vitest';
import type { CascadeSweepReport } from '../../wire/cascadeSweepReport.ts';
import { parseCascadeAxis } from './cascadeGrid.ts';
import { finalizeCascadeReport, runCascadeSweep, type CascadeSweepOptions } from './runCascadeSweep.ts';

/**
 * The documented example of docs/simulation.md S11.3: binance-usdm, 300 accounts, 40 steps, seed 7,
 * depth 10⁸, stressed when bad debt exceeds 0.1 % of the opening open interest.
 */
const EXAMPLE: Omit<CascadeSweepOptions, 'x' | 'resolution'> = {
  base: { profile: 'binance-usdm', paramsFile: null, params: null },
  config: { seed: 7, steps: 40, population: { count: 300 }, liquidity: { lambda: '1', depth: '100000000' } },
  maxBadDebt: '0.001',
  cascadeRounds: null,
  judge: false,
  workers: 1,
};

const withoutMs = (r: CascadeSweepReport) => JSON.stringify({ ...r, ms: 0 });

describe('runCascadeSweep', () => {
  it('re-finds the documented threshold: stressed from a 3.5 % fall, not at 3.4 %', async () => {
    const r = await runCascadeSweep({ ...EXAMPLE, x: parseCascadeAxis('--x', 'shock=-0.01:-0.1:10'), resolution: '0.001' });
    expect(r.thresholds).toHaveLength(1);
    const t = r.thresholds[0]!;
    expect([t.status, t.threshold, t.lastUnstressed, t.monotone]).toEqual(['found', '-0.035', '-0.034', true]);
    // The search simulated both ends of its answer.
    const at = (shock: string) => t.evaluations.find((e) => e.shock === shock);
    expect(at('-0.035')?.stressed).toBe(true);
    expect(at('-0.034')?.stressed).toBe(false);
    // The grid agrees at its own points: not stressed to 3 %, stressed from 4 %.
    expect(r.cells.map((c) => c!.stressed)).toEqual([false, false, false, true, true, true, true, true, true, true]);
  }, 40_000);

  it('agrees with a scan of every point of the resolution lattice around the threshold', async () => {
    const r = await runCascadeSweep({ ...EXAMPLE, x: parseCascadeAxis('--x', 'shock=-0.03:-0.04:11'), resolution: '0.001' });
    const scan = r.cells.map((c) => [c!.at[0]!.value, c!.stressed] as const);
    const first = scan.findIndex(([, stressed]) => stressed);
    expect(scan[first]![0]).toBe('-0.035');
    expect(scan[first - 1]![0]).toBe('-0.034');
    expect(scan.slice(first).every(([, stressed]) => stressed)).toBe(true);
    expect(scan.slice(0, first).some(([, stressed]) => stressed)).toBe(false);
    expect([r.thresholds[0]!.threshold, r.thresholds[0]!.lastUnstressed, r.thresholds[0]!.monotone]).toEqual(['-0.035', '-0.034', true]);
  }, 40_000);

  it('gives the same report on two worker threads as on one', async () => {
    const small = { ...EXAMPLE, config: { ...EXAMPLE.config, population: { count: 120 }, steps: 30 }, x: parseCascadeAxis('--x', 'shock=-0.02:-0.06:3'), y: parseCascadeAxis('--y', 'depth=100000000:200000000:2'), resolution: '0.01' };
    const one = await runCascadeSweep(small);
    const two = await runCascadeSweep({ ...small, workers: 2 });
    expect(one.cells.every((c) => c !== null)).toBe(true);
    expect(one.thresholds.every((t) => t !== null)).toBe(true);
    expect(withoutMs(two)).toBe(withoutMs(one));
  }, 60_000);
});

describe('runCascadeSweep with the judge', () => {
  it('replays every cell through the system invariants: the reference simulator breaks none', async () => {
    const r = await runCascadeSweep({ ...EXAMPLE, judge: true, config: { ...EXAMPLE.config, population: { count: 80 }, steps: 20 }, x: parseCascadeAxis('--x', 'shock=-0.05:-0.3:2'), resolution: '0.05' });
    expect(r.cells.map((c) => c!.violations)).toEqual([0, 0]);
    // The runs liquidated: the judge had settlements to check.
    expect(r.cells.some((c) => c!.liquidations > 0)).toBe(true);
  }, 30_000);
});

describe('runCascadeSweep on a cell the simulation refuses', () => {
  it('keeps the cell, with the field and the reason, and no figures', async () => {
    // maxNotional 1,000 with minNotional 500 is a configuration; with minNotional 2,000 it is not.
    const r = await runCascadeSweep({ ...EXAMPLE, base: { profile: null, paramsFile: null, params: null }, config: { market: 'BTC-PERP', steps: 3, population: { count: 10, maxNotional: '1000' } }, x: parseCascadeAxis('--x', 'minNotional=500:2000:2'), resolution: '0.005' });
    expect(r.cells[0]!.refused).toBeUndefined();
    expect(r.cells[1]!.refused).toBe('population.maxNotional: expected a decimal ≥ population.minNotional, received "1000"');
    expect([r.cells[1]!.stressed, r.cells[1]!.liquidations, r.thresholds]).toEqual([false, 0, []]);
  }, 20_000);
});

describe('finalizeCascadeReport', () => {
  it("flags the grid points of a row that contradict the monotonicity the search presumed", () => {
    const cell = (shock: string, stressed: boolean) => ({ at: [{ name: 'shock', value: shock }, { name: 'depth', value: '1' }], openingNotional: '1', badDebt: '0', badDebtShare: '0', socialized: '0', cascadeDepth: 0, cascadeSteps: 0, liquidations: 0, liquidatedNotional: '0', adlVolume: '0', adlEvents: 0, violations: null, stressed });
    const r: CascadeSweepReport = {
      format: 'liqcheck-cascade-sweep/1',
      source: { profile: null, params: null, sha256: '0'.repeat(64) },
      config: {},
      x: { name: 'shock', values: ['-0.1', '-0.2', '-0.3'] },
      y: { name: 'depth', values: ['1'] },
      criterion: { maxBadDebt: '0', cascadeRounds: null },
      resolution: '0.05',
      // Stressed at −0.2 but not at −0.3: the search, which ran −0.1, −0.3 and −0.2, saw only the ends.
      cells: [cell('-0.1', false), cell('-0.2', true), cell('-0.3', false)],
      thresholds: [{ at: [{ name: 'depth', value: '1' }], status: 'above-range', threshold: null, lastUnstressed: '-0.3', evaluations: [{ shock: '-0.1', badDebtShare: '0', cascadeDepth: 0, stressed: false }, { shock: '-0.3', badDebtShare: '0', cascadeDepth: 0, stressed: false }], monotone: true, contradictions: [] }],
      shard: { index: 1, count: 1 },
      interrupted: false,
      ms: 0,
    };
    const t = finalizeCascadeReport(r).thresholds[0]!;
    expect([t.monotone, t.contradictions]).toEqual([false, [{ stressedAt: '-0.2', notStressedAt: '-0.3' }]]);
  });
});
