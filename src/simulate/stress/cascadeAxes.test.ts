import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../arbitraries/defaultParams.ts';
import { Dec } from '../../model/decimal.ts';
import { resolveSimulation } from '../simulate.ts';
import { CASCADE_AXES, cascadeAxisNamed, withAxis } from './cascadeAxes.ts';
import { CascadeGridError, checkCascadeGrid, parseCascadeAxis } from './cascadeGrid.ts';

const axis = (name: string) => cascadeAxisNamed(name)!;

describe('withAxis', () => {
  it('sets the configuration field of the knob, leaving the base and its other fields alone', () => {
    const base = { steps: 40, liquidity: { kind: 'sqrt', lambda: '2' } };
    const c = withAxis(base, axis('depth'), '5000000');
    expect(c).toEqual({ steps: 40, liquidity: { kind: 'sqrt', lambda: '2', depth: '5000000' } });
    expect(base).toEqual({ steps: 40, liquidity: { kind: 'sqrt', lambda: '2' } });
    expect(withAxis({}, axis('shock'), '-0.25')).toEqual({ path: { shock: '-0.25' } });
  });

  it('writes whole-number knobs as JSON integers', () => {
    expect(withAxis({}, axis('accounts'), '300')).toEqual({ population: { count: 300 } });
  });

  it("sets a field of every keeper, starting from the spec's three default keepers when none are given", () => {
    expect(withAxis({}, axis('keeperCost'), '7')).toEqual({
      keepers: [
        { id: 'k1', capital: '1000000', latency: 0, cost: '7' },
        { id: 'k2', capital: '5000000', latency: 1, cost: '7' },
        { id: 'k3', capital: '20000000', latency: 2, cost: '7' },
      ],
    });
    // Venue mode (no keepers) stays venue mode.
    expect(withAxis({ keepers: [] }, axis('keeperCost'), '7')).toEqual({ keepers: [] });
  });
});

describe('parseCascadeAxis', () => {
  it('keeps a downward range in the order given, evenly spaced', () => {
    // By hand: −0.05 to −0.5 in 9 gaps of −0.05.
    expect(parseCascadeAxis('--x', 'shock=-0.05:-0.5:10').values).toEqual(['-0.05', '-0.1', '-0.15', '-0.2', '-0.25', '-0.3', '-0.35', '-0.4', '-0.45', '-0.5']);
    expect(parseCascadeAxis('--y', 'depth=1000000:100000000:5').values).toEqual(['1000000', '25750000', '50500000', '75250000', '100000000']);
  });

  it('names the option, the knob and the reason of a bad grid', () => {
    expect(() => parseCascadeAxis('--x', 'shok=-0.1:-0.2:2')).toThrow(/--x shok: unknown knob; known: shock, /);
    expect(() => parseCascadeAxis('--x', 'shock=-0.1:-1:2')).toThrow(/TO -1 is outside the domain/);
    expect(() => parseCascadeAxis('--x', 'shock=0:-0.5:2')).toThrow(/FROM 0 is outside/);
    expect(() => parseCascadeAxis('--x', 'accounts=100:200:3')).not.toThrow();
    expect(() => parseCascadeAxis('--x', 'accounts=100:200:4')).toThrow(/whole-number knob, but the grid has 133\.3/);
    expect(() => parseCascadeAxis('--y', 'depth=5:5:3')).toThrow(CascadeGridError);
    expect(() => checkCascadeGrid(parseCascadeAxis('--x', 'depth=1:2:2'), parseCascadeAxis('--y', 'depth=1:2:2'))).toThrow(/same knob/);
  });
});

describe('the knob table against the simulation configuration', () => {
  // One value inside each knob's domain; a knob missing here fails the test, so the table cannot grow untested.
  const SAMPLES: Readonly<Record<string, string>> = {
    shock: '-0.2', shockAt: '2', shockSteps: '3', drift: '0.001', depth: '5000000', lambda: '0.5', permanent: '0.25', recovery: '0.75', maxImpact: '0.3',
    keeperCost: '2', keeperLatency: '1', keeperCapital: '3000000', premium: '0.03', cusp: '0.5', tail: '10', dust: '50', bidderDiscount: '0.04', bidderCapital: '4000000',
    accounts: '30', longShare: '0.6', maxLeverage: '10', isolatedShare: '0.2', entrySpread: '0.01', minNotional: '200', maxNotional: '50000', insuranceFund: '5000', startPrice: '50000', maxRounds: '5',
  };

  it('sets a field the simulation reads: every knob at a value of its domain resolves, and shows in the resolved configuration', () => {
    for (const a of CASCADE_AXES) {
      const value = SAMPLES[a.name];
      expect(value, a.name).toBeDefined();
      expect(a.inDomain(new Dec(value!)), a.name).toBe(true);
      const r = resolveSimulation(withAxis({ population: { count: 20 }, steps: 3, liquidation: { mode: 'auction' } }, a, value!) as never, { params: defaultParams });
      expect(r.ok ? 'ok' : JSON.stringify(r.issues), a.name).toBe('ok');
      if (!r.ok) continue;
      // The resolved configuration (its JSON form) carries the value at the knob's field.
      const at = a.path.split('.').reduce<unknown>((node, key) => {
        const list = /^(.*)\[\*\]$/.exec(key);
        const o = node as Record<string, unknown>;
        return list === null ? o[key] : (o[list[1]!] as unknown[])[0];
      }, r.value.resolved);
      expect(new Dec(String(at)).eq(value!), a.name).toBe(true);
    }
  });
});
