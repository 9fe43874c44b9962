/**
 * The population (docs/simulation.md S2.1): the same seed gives the same accounts, the
 * distributions are the documented ones (printed, and checked within sampling tolerances), no
 * account opens liquidatable, and a population file is read with its issues' paths.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../arbitraries/defaultParams.ts';
import { Dec, toCanonical } from '../model/decimal.ts';
import { parseParams } from '../model/parseScenario.ts';
import type { ParsedParams } from '../model/types.ts';
import { healthCheck } from './liquidatable.ts';
import { generatePopulation, logUniform, readPopulation, type PopulationSpec } from './population.ts';

const d = (x: string | number) => new Dec(x);
const pp = (parseParams(defaultParams) as { ok: true; value: ParsedParams }).value;
const BTC = pp.markets.get('BTC-PERP')!;
const check = healthCheck(pp, 'BTC-PERP', undefined);
const SPEC: PopulationSpec = { count: 2000, longShare: d('0.5'), minNotional: d(100), maxNotional: d(1000000), entrySpread: d('0.05'), maxLeverage: d(20), isolatedShare: d('0.3') };
const X0 = d(100000);

describe('generated population (S2.1)', () => {
  const pop = generatePopulation(SPEC, 7, X0, BTC, pp.unit, check);

  it('is the same for the same seed, another for another seed', () => {
    const again = generatePopulation(SPEC, 7, X0, BTC, pp.unit, check);
    const key = (p: typeof pop) => JSON.stringify(p.accounts.map((a) => [a.id, toCanonical(a.collateral), toCanonical(a.size), toCanonical(a.entry), a.isolated]));
    expect(key(again)).toBe(key(pop));
    expect(key(generatePopulation(SPEC, 8, X0, BTC, pp.unit, check))).not.toBe(key(pop));
  });

  it('has the documented distributions (printed)', () => {
    const n = pop.accounts.length;
    const longs = pop.accounts.filter((a) => a.size.gt(0)).length;
    const isolated = pop.accounts.filter((a) => a.isolated).length;
    const decades = [0, 0, 0, 0];
    const leverage = new Map<string, number>();
    for (const a of pop.accounts) {
      const notional = a.size.abs().mul(a.entry);
      const k = Math.min(3, Math.max(0, Math.floor(Math.log10(notional.toNumber())) - 2));
      decades[k]!++;
      const lev = notional.div(a.collateral).toNumber();
      const bucket = lev < 2 ? '1-2' : lev < 5 ? '2-5' : lev < 10 ? '5-10' : '10-20';
      leverage.set(bucket, (leverage.get(bucket) ?? 0) + 1);
      // Bounds of S2.1: entry within ±5 % of x0 on the tick, leverage at most 20 (and ≥ 1 up to the unit rounding).
      expect(a.entry.gte(d(95000)) && a.entry.lte(d(105000))).toBe(true);
      expect(lev).toBeLessThanOrEqual(20 + 1e-9);
      expect(check.at(a, X0)).toBe(false);
    }
    console.log(
      `population n=${n}: long ${longs} short ${n - longs}; isolated ${isolated} cross ${n - isolated}; redrawn ${pop.redrawn}\n` +
        `  notional [1e2,1e3) ${decades[0]} [1e3,1e4) ${decades[1]} [1e4,1e5) ${decades[2]} [1e5,1e6] ${decades[3]}\n` +
        `  leverage ${[...leverage].sort().map(([k, v]) => `${k}: ${v}`).join(', ')}`,
    );
    // Binomial tolerances (≈ 4.5 σ at n = 2000): long share 0.5 (σ ≈ 22), isolated 0.3 (σ ≈ 20.5).
    expect(Math.abs(longs - 1000)).toBeLessThan(100);
    expect(Math.abs(isolated - 600)).toBeLessThan(95);
    // Log-uniform over four decades: a quarter in each (σ ≈ 19.4).
    for (const c of decades) expect(Math.abs(c - 500)).toBeLessThan(90);
    // Log-uniform leverage in [1, 20] (the first tiers allow 1/0.008 ≥ 20): P(L < 2) = ln 2/ln 20 ≈ 0.231.
    expect(Math.abs((leverage.get('1-2') ?? 0) - 2000 * 0.2314)).toBeLessThan(90);
  });

  it('log-uniform draws by table: the ends and a hand-computed middle', () => {
    const f = logUniform(d(100), d(1000000));
    expect(toCanonical(f(d(0)))).toBe('100');
    // u = 0.5: 100·10^(4·0.5) = 10,000
    expect(toCanonical(f(d('0.5')))).toBe('10000');
    // u = 0.25: 100·10^1 = 1,000 (up to the 40-digit products, truncated to 12 fraction digits)
    expect(f(d('0.25')).sub(1000).abs().lt(d('1e-9'))).toBe(true);
  });
});

describe('population file (S2.1)', () => {
  it('reads accounts in id order with signed sizes', () => {
    const r = readPopulation(
      [
        { id: 'a2', side: 'short', size: '1.5', entry: '100', collateral: '10', mode: 'cross' },
        { id: 'a1', side: 'long', size: '1', entry: '100.1', collateral: '5', mode: 'isolated' },
      ],
      BTC,
      pp.unit,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.accounts.map((a) => [a.id, toCanonical(a.size), a.isolated])).toEqual([
      ['a1', '1', true],
      ['a2', '-1.5', false],
    ]);
  });

  it('names every problem with its path', () => {
    const r = readPopulation(
      [
        { id: 'a1', side: 'long', size: '0.0001', entry: '100.05', collateral: '-1', mode: 'cross' },
        { id: 'a1', side: 'up', size: '1', entry: '100', collateral: '1', mode: 'cross' },
      ],
      BTC,
      pp.unit,
    );
    expect(r.ok === false && r.issues.map((i) => i.path)).toEqual(['accounts[1].side']);
    const grids = readPopulation(
      [
        { id: 'a1', side: 'long', size: '0.0001', entry: '100.05', collateral: '-1', mode: 'cross' },
        { id: 'a1', side: 'long', size: '1', entry: '100', collateral: '1', mode: 'cross' },
      ],
      BTC,
      pp.unit,
    );
    expect(grids.ok === false && grids.issues.map((i) => i.path)).toEqual(['accounts[0].size', 'accounts[0].entry', 'accounts[0].collateral', 'accounts[1].id']);
  });
});
