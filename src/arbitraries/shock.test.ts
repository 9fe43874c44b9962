import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { Scenario } from '../model/types.ts';
import { defaultParams } from './defaultParams.ts';
import { scenario } from './scenario.ts';
import { adverseMark, applyShock, applyShockPath, priceShock, type Shock } from './shock.ts';

const factors = (s: Shock): readonly string[] => (s.kind === 'jump' ? [s.factor] : s.factors);

function held(s: Scenario): { market: string; long: boolean } {
  const p = s.account.positions[0]!;
  return { market: p.market, long: !p.size.startsWith('-') };
}

describe('priceShock', () => {
  it('draws factors in 0.5…1.5, mostly small moves and more often down', () => {
    const xs = fc.sample(priceShock(), { numRuns: 1000, seed: 5 });
    const all = xs.flatMap(factors).map((f) => new Dec(f));
    for (const f of all) expect(f.gte('0.5') && f.lte('1.5')).toBe(true);
    expect(xs.some((s) => s.kind === 'path')).toBe(true);
    expect(xs.some((s) => s.kind === 'jump')).toBe(true);
    const small = all.filter((f) => f.sub(1).abs().lte('0.05')).length;
    expect(small / all.length).toBeGreaterThan(0.5);
    expect(all.filter((f) => f.lt(1)).length).toBeGreaterThan(all.filter((f) => f.gt(1)).length);
  });

  it('honours a direction and a path length', () => {
    fc.assert(
      fc.property(priceShock({ direction: 'down', pathLength: { min: 3, max: 3 } }), (s) => {
        for (const f of factors(s)) expect(new Dec(f).lt(1)).toBe(true);
        if (s.kind === 'path') expect(s.factors).toHaveLength(3);
      }),
    );
    fc.assert(
      fc.property(priceShock({ direction: 'up' }), (s) => {
        for (const f of factors(s)) expect(new Dec(f).gt(1)).toBe(true);
      }),
    );
    expect(() => priceShock({ pathLength: { min: 1, max: 3 } })).toThrow(/pathLength/);
  });
});

describe('applyShock', () => {
  it('moves one mark onto the tick grid, keeps it positive and the scenario valid', () => {
    fc.assert(
      fc.property(scenario(), priceShock(), (s, shock) => {
        const { market } = held(s);
        const tick = new Dec(s.params.markets[market]!.tickSize);
        for (const next of applyShockPath(s, market, shock)) {
          const mark = new Dec(next.marks[market]!);
          expect(mark.gt(0)).toBe(true);
          expect(mark.div(tick).isInteger()).toBe(true);
          for (const id of Object.keys(s.marks)) if (id !== market) expect(next.marks[id]).toBe(s.marks[id]);
          expect(next.account).toBe(s.account);
          expect(parseScenario(next).ok).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('rounds to the nearest tick and never below one tick', () => {
    const s: Scenario = {
      params: defaultParams,
      marks: { 'BTC-PERP': '50000', 'ETH-PERP': '3000' },
      account: { collateral: '100', positions: [{ market: 'BTC-PERP', size: '0.1', entryPrice: '50000' }] },
      insuranceFund: '0',
    };
    expect(applyShock(s, 'BTC-PERP', '0.9').marks['BTC-PERP']).toBe('45000');
    expect(applyShock(s, 'BTC-PERP', '0.0000033').marks['BTC-PERP']).toBe('0.2'); // 0.165 → 0.2
    expect(applyShock(s, 'BTC-PERP', '0.0000001').marks['BTC-PERP']).toBe('0.1');
    expect(applyShock(s, 'BTC-PERP', '1').marks).toEqual(s.marks);
    expect(() => applyShock(s, 'SOL-PERP', '0.9')).toThrow(/SOL-PERP/);
  });
});

describe('adverseMark', () => {
  it('is strictly more adverse for the position, on the grid and positive', () => {
    const withMark = scenario().chain((s) => {
      const { market } = held(s);
      return fc.tuple(fc.constant(s), adverseMark(s, market));
    });
    fc.assert(
      fc.property(withMark, ([s, mark]) => {
        const { market, long } = held(s);
        const before = new Dec(s.marks[market]!);
        const after = new Dec(mark);
        expect(long ? after.lt(before) : after.gt(before)).toBe(true);
        expect(after.gt(0)).toBe(true);
        expect(after.div(s.params.markets[market]!.tickSize).isInteger()).toBe(true);
        expect(parseScenario({ ...s, marks: { ...s.marks, [market]: mark } }).ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses when there is nothing more adverse', () => {
    const s: Scenario = {
      params: defaultParams,
      marks: { 'BTC-PERP': '0.1', 'ETH-PERP': '3000' },
      account: { collateral: '100', positions: [{ market: 'BTC-PERP', size: '0.1', entryPrice: '50000' }] },
      insuranceFund: '0',
    };
    expect(() => adverseMark(s, 'BTC-PERP')).toThrow(/one tick/);
    expect(() => adverseMark(s, 'ETH-PERP')).toThrow(/no position/);
    const short = { ...s, account: { ...s.account, positions: [{ market: 'BTC-PERP', size: '-0.1', entryPrice: '1' }] } };
    expect(fc.sample(adverseMark(short, 'BTC-PERP'), 20).every((m) => new Dec(m).gt('0.1'))).toBe(true);
  });
});
