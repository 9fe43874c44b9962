/**
 * The reference on the exact integer core (fixedCore.ts, what `liquidate` runs) and the same rules
 * on decimal.js (the model's spec-shaped functions, what the zoo and the invariants compose with)
 * give the same outcome, byte for byte, on generated scenarios of every shape: single and
 * multi-position, cross, isolated and mixed, notional ties and inexact negative margin ratios.
 * Also the two shortcuts of the core on their own: the group health carried from fill to fill
 * equals the health summed afresh, and the binary-search tier lookup finds the bracket its
 * definition names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../src/arbitraries/scenario.ts';
import { Dec } from '../src/model/decimal.ts';
import { FONE, Fixed, floorDiv, fromDec } from '../src/model/fixed.ts';
import * as core from '../src/model/fixedCore.ts';
import { liquidateOnDec, liquidateOnFixed } from '../src/model/liquidate.ts';
import { tierIndex } from '../src/model/maintenanceMargin.ts';
import { parseScenario } from '../src/model/parseScenario.ts';
import type { Scenario } from '../src/model/types.ts';
import { params } from './profile.ts';

const FILE = 'properties/integerCore.test.ts';

const scenarios: fc.Arbitrary<Scenario> = fc.oneof(
  scenario({ positions: { min: 1, max: 1 }, margin: 'cross', inexactRatios: true }),
  scenario({ positions: { min: 2, max: 8 }, margin: 'cross', ties: true }),
  scenario({ positions: { min: 1, max: 4 }, margin: 'mixed' }),
  scenario({ positions: { min: 1, max: 3 }, margin: 'isolated', region: 'any' }),
);

describe('integer core', () => {
  const name = 'same outcome as the decimal.js rules, byte for byte';
  it(name, () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenarios, (s) => {
        const parsed = parseScenario(s);
        if (!parsed.ok) throw new Error('generator produced an invalid scenario');
        const onFixed = liquidateOnFixed(parsed.value);
        expect(JSON.stringify(onFixed)).toBe(JSON.stringify(liquidateOnDec(parsed.value)));
        seen.add(onFixed.ok ? onFixed.result.status : onFixed.error.code);
      }),
      params(FILE, name),
    );
    // Agreement on healthy accounts alone would prove little: every outcome must have been reached.
    expect([...seen].sort()).toEqual(expect.arrayContaining(['bankrupt', 'full', 'healthy', 'partial']));
  });
});

describe('integer core shortcuts', () => {
  const healthName = 'the health carried through a fill equals the health summed over the group';
  it(healthName, () => {
    let fills = 0;
    fc.assert(
      fc.property(scenarios, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (s, picks) => {
        const parsed = parseScenario(s);
        if (!parsed.ok) throw new Error('generator produced an invalid scenario');
        const sc = parsed.value;
        const v: core.FValuation = { params: core.fixedParams(sc.params), marks: core.fixedMarks(sc.marks) };
        for (let g of core.marginGroups(v, fromDec(sc.collateral), core.fixedPositions(sc))) {
          const rate = v.params.steps[picks[0]! % v.params.steps.length]!.rate;
          // Close a drawn number of lots of each position in turn, some positions entirely.
          for (let i = 0; g.positions.length > 0 && i < picks.length; i++) {
            const pos = g.positions[picks[i]! % g.positions.length]!;
            const { lot } = v.params.markets.get(pos.market)!;
            const lots = floorDiv(pos.size.abs(), lot); // sizes are lot multiples (§2.3)
            const size = lot.mul(new Fixed(BigInt(1 + (picks[i]! % Number(lots.m))), 0));
            g = core.closeFill(v, g, pos.market, size, rate).group;
            fills++;
            const fresh = core.groupHealth(v, g);
            for (const k of ['equity', 'maintenance', 'notional', 'target'] as const) {
              expect(g.health[k].eq(fresh[k]), `${k} after fill ${i} of ${g.id}`).toBe(true);
            }
          }
        }
      }),
      params(FILE, healthName),
    );
    expect(fills).toBeGreaterThan(0);
  });

  const tierName = 'tier lookup finds the largest k with floor_k ≤ n';
  it(tierName, () => {
    // Strictly increasing floors from 0, and notionals on, between, below and above them.
    const floors = fc.uniqueArray(fc.bigInt({ min: 1n, max: 10n ** 30n }), { maxLength: 12 }).map((xs) => [0n, ...xs.sort((a, b) => (a < b ? -1 : 1))]);
    fc.assert(
      fc.property(floors, fc.bigInt({ min: -10n, max: 10n ** 30n + 10n }), fc.nat(), fc.integer({ min: 0, max: 18 }), (fl, free, pick, scale) => {
        const n = pick % 3 === 0 ? fl[pick % fl.length]! + BigInt((pick % 5) - 2) : free;
        const tiers = fl.map((f) => ({ floor: new Dec(`${f}e-${scale}`), rate: new Dec(0), amount: new Dec(0), initialRate: new Dec(1) }));
        const fTiers = fl.map((f) => ({ floor: new Fixed(f, scale), rate: FONE, amount: FONE }));
        const want = fl.reduce((k, f, i) => (f <= n ? i : k), 0);
        expect(tierIndex(tiers, new Dec(`${n}e-${scale}`))).toBe(want);
        expect(core.tierIndex(fTiers, new Fixed(n, scale))).toBe(want);
      }),
      params(FILE, tierName),
    );
  });
});
