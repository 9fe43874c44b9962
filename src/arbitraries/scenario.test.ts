import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { liquidate } from '../model/liquidate.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { RiskParams, Scenario } from '../model/types.ts';
import { knownParsed } from '../invariants/caseInput.ts';
import { defaultParams } from './defaultParams.ts';
import { defaultRunScenarios } from './defaultRun.ts';
import { riskParams } from './riskParams.ts';
import { scenario, singlePositionScenario } from './scenario.ts';

function issuesOf(s: Scenario): string {
  const r = parseScenario(s);
  return r.ok ? '' : JSON.stringify(r.issues);
}

describe('scenario', () => {
  it('is always valid, and the reference liquidates it without error', () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        expect(issuesOf(s)).toBe('');
        const o = liquidate(s);
        expect(o.ok ? 'ok' : JSON.stringify(o.error)).toBe('ok');
      }),
      { numRuns: 200 },
    );
  });

  it('marks every market of the params, and only those', () => {
    fc.assert(
      fc.property(scenario(), (s) => {
        expect(Object.keys(s.marks).sort()).toEqual(Object.keys(s.params.markets).sort());
      }),
      { numRuns: 100 },
    );
  });

  it('honours positions and margin constraints', () => {
    const params = riskParams({ markets: { min: 3, max: 3 } });
    const check = (margin: 'cross' | 'isolated' | 'mixed', ok: (isolated: boolean[]) => boolean): void => {
      fc.assert(
        fc.property(scenario({ params, positions: { min: 2, max: 3 }, margin }), (s) => {
          expect(issuesOf(s)).toBe('');
          const n = s.account.positions.length;
          expect(n >= 2 && n <= 3).toBe(true);
          expect(ok(s.account.positions.map((p) => p.isolatedMargin !== undefined))).toBe(true);
        }),
        { numRuns: 60 },
      );
    };
    check('cross', (iso) => iso.every((x) => !x));
    check('isolated', (iso) => iso.every((x) => x));
    check('mixed', (iso) => iso.some((x) => x) && iso.some((x) => !x));
  });

  it('caps the position count at the number of markets', () => {
    fc.assert(
      fc.property(scenario({ params: riskParams({ markets: { min: 1, max: 1 } }), positions: { min: 2, max: 3 } }), (s) => {
        expect(s.account.positions).toHaveLength(1);
      }),
      { numRuns: 30 },
    );
  });

  it('singlePositionScenario has exactly one cross position', () => {
    fc.assert(
      fc.property(singlePositionScenario(), (s) => {
        expect(issuesOf(s)).toBe('');
        expect(s.account.positions).toHaveLength(1);
        expect(s.account.positions[0]!.isolatedMargin).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  it('works on the built-in profile and in the `any` region', () => {
    for (const arb of [scenario({ params: fc.constant(defaultParams) }), scenario({ region: 'any' })]) {
      fc.assert(
        fc.property(arb, (s) => {
          expect(issuesOf(s)).toBe('');
          expect(liquidate(s).ok).toBe(true);
        }),
        { numRuns: 50 },
      );
    }
  });

  it('puts groups exactly on the trigger boundary and on penalty thresholds', () => {
    const xs = fc.sample(scenario(), { numRuns: 500, seed: 7 });
    let onTrigger = 0;
    let onStep = 0;
    let onFloor = 0;
    for (const s of xs) {
      const o = liquidate(s);
      if (!o.ok) continue;
      const steps = s.params.penalty.steps.map((st) => new Dec(st.maxMarginRatio)).filter((t) => t.lt(1) && t.gt(0));
      for (const g of o.result.groups) {
        const e = new Dec(g.before.equity);
        const mm = new Dec(g.before.maintenance);
        if (mm.isZero()) continue;
        if (e.eq(mm)) onTrigger++;
        if (steps.some((t) => e.eq(t.mul(mm)))) onStep++;
      }
      for (const p of s.account.positions) {
        const n = new Dec(p.size).abs().mul(s.marks[p.market]!);
        if (s.params.markets[p.market]!.tiers.slice(1).some((t) => n.eq(t.notionalFloor))) onFloor++;
      }
    }
    // Printed so that anyone can see the exact cases really occur.
    console.log(`exact placements in 500 scenarios: E = MM in ${onTrigger} groups, E = t·MM (0 < t < 1) in ${onStep}, notional on a floor in ${onFloor} positions`);
    expect(onTrigger).toBeGreaterThan(25);
    expect(onStep).toBeGreaterThan(10);
    expect(onFloor).toBeGreaterThan(10);
  });

  it('draws insurance funds of every kind: zero, on the quote grid, and with sub-unit residues', () => {
    const xs = fc.sample(scenario(), { numRuns: 300, seed: 8 });
    const digits = (x: string): number => (x.split('.')[1] ?? '').length;
    expect(xs.some((s) => s.insuranceFund === '0')).toBe(true);
    expect(xs.some((s) => s.insuranceFund !== '0' && digits(s.insuranceFund) <= s.params.quoteScale)).toBe(true);
    expect(xs.some((s) => digits(s.insuranceFund) > s.params.quoteScale)).toBe(true);
    expect(xs.some((s) => new Dec(s.insuranceFund).gt(0) && new Dec(s.insuranceFund).lt(new Dec(10).pow(-s.params.quoteScale)))).toBe(true);
  });

  it('hands over its parsed form: exactly what parseScenario reads from the wire form, frozen', () => {
    const sources: [string, fc.Arbitrary<Scenario>][] = [
      ['default run', defaultRunScenarios()],
      ['isolated, any region', scenario({ margin: 'isolated', region: 'any' })],
      ['mixed, ties, inexact', scenario({ params: fc.constant(defaultParams), margin: 'mixed', positions: { min: 2, max: 2 }, ties: true, inexactRatios: true })],
    ];
    for (const [what, arb] of sources) {
      for (const s of fc.sample(arb, { seed: 20261203, numRuns: 150 })) {
        const known = knownParsed(s);
        const read = parseScenario(s);
        expect(read.ok, what).toBe(true);
        expect(known, what).toBeDefined();
        if (!read.ok || known === undefined) continue;
        // toEqual compares the Decimal fields, sign included: a computed −0 would show here.
        expect(known, `${what}: ${JSON.stringify(s)}`).toEqual(read.value);
        // One parse of the params, the arbitrary's: being frozen, they were cached at once.
        expect(known.params, what).toBe(read.value.params);
        expect(() => ((s.account as { collateral: string }).collateral = '1'), what).toThrow(TypeError);
      }
    }
  });

  it('hands nothing over under params that are not deeply frozen: they could change before the check', () => {
    const thawed: RiskParams = structuredClone(defaultParams);
    const drawn = fc.sample(scenario({ params: fc.constant(thawed) }), { seed: 5, numRuns: 20 });
    expect(drawn.every((s) => knownParsed(s) === undefined && s.params === thawed)).toBe(true);
  });

  it('reports invalid params from a custom arbitrary clearly', () => {
    const broken: RiskParams = { ...defaultParams, targetBuffer: '-1' };
    expect(() => fc.sample(scenario({ params: fc.constant(broken) }), 1)).toThrow(/invalid params .*targetBuffer/);
    expect(() => scenario({ positions: { min: 0, max: 2 } })).toThrow(/positions/);
  });
});
