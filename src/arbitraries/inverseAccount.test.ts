import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { Fixed, floorTo, fromDec } from '../model/fixed.ts';
import { INVERSE_POLICY, twoInverseMarkets } from '../model/__support__/inverseScenarios.ts';
import { liquidate } from '../model/liquidate.ts';
import type { RiskParams, Scenario } from '../model/types.ts';
import { parsePolicy } from '../policy/parsePolicy.ts';
import type { Policy } from '../wire/policy.ts';
import { defaultParams } from './defaultParams.ts';
import { hasInverseMarket, inverseAccount, tierRequirement } from './inverseAccount.ts';
import { scenariosUnder } from './policyScenario.ts';
import { scenario } from './scenario.ts';

const fx = (s: string): Fixed => fromDec(new Dec(s));

/** Test params, ours (not a venue's): BTC tiers in coin, continuous (cum = L·Δr: 150·0.005 = 0.75, + 300·0.005 = 2.25). */
const INVERSE: RiskParams = twoInverseMarkets();

const POLICY = INVERSE_POLICY;

function under(policy: Policy, base: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> {
  const parsed = parsePolicy(policy);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return scenariosUnder(parsed.value, policy, base);
}

const onGrid = (x: string, step: Fixed): boolean => floorTo(fx(x), step).eq(fx(x));

describe('tierRequirement', () => {
  // hand-computed, not a published vector: MM(N) = N·r_n − a_n of the BTCUSD tiers above
  it('reads the bracket of the value, a floor in the upper bracket', () => {
    const m = { contract: { kind: 'inverse' as const, value: fx('1') }, lot: fx('1'), tick: fx('0.5'), tiers: INVERSE.markets['BTCUSD']!.tiers.map((t) => ({ floor: fx(t.notionalFloor), rate: fx(t.maintenanceRate), amount: fx(t.maintenanceAmount) })) };
    expect(tierRequirement(m, fx('100')).eq(fx('0.5'))).toBe(true); // 100·0.005
    expect(tierRequirement(m, fx('150')).eq(fx('0.75'))).toBe(true); // 150·0.01 − 0.75, = 150·0.005 (continuous)
    expect(tierRequirement(m, fx('200')).eq(fx('1.25'))).toBe(true); // 200·0.01 − 0.75
    expect(tierRequirement(m, fx('400')).eq(fx('3.75'))).toBe(true); // 400·0.015 − 2.25
  });
});

describe('inverseAccount', () => {
  it('tells inverse params from linear ones', () => {
    expect(hasInverseMarket(INVERSE)).toBe(true);
    expect(hasInverseMarket(defaultParams)).toBe(false);
  });

  it('draws positions in whole lots of 1 … 10^7 contracts, prices on the tick, amounts on the coin grid', () => {
    const u = new Fixed(1n, 8);
    for (const s of fc.sample(inverseAccount(INVERSE), { numRuns: 400, seed: 5 })) {
      expect(Object.keys(s.marks).sort()).toEqual(['BTCUSD', 'ETHUSD']);
      expect(onGrid(s.account.collateral, u) && fx(s.account.collateral).sign() >= 0).toBe(true);
      expect(onGrid(s.insuranceFund, u)).toBe(true);
      for (const q of s.account.positions) {
        const m = INVERSE.markets[q.market]!;
        const size = fx(q.size).abs();
        expect(size.sign() > 0 && onGrid(q.size, fx(m.lotSize)) && size.lte(fx('10000000')), q.size).toBe(true);
        for (const price of [q.entryPrice, s.marks[q.market]!]) expect(fx(price).sign() > 0 && onGrid(price, fx(m.tickSize)), price).toBe(true);
        if (q.isolatedMargin !== undefined) expect(onGrid(q.isolatedMargin, u) && fx(q.isolatedMargin).sign() >= 0).toBe(true);
      }
    }
  });

  it('honours the margin and positions constraints', () => {
    for (const s of fc.sample(inverseAccount(INVERSE, { margin: 'cross', positions: { min: 2, max: 2 } }), { numRuns: 100, seed: 6 })) {
      expect(s.account.positions.length).toBe(2);
      expect(s.account.positions.every((q) => q.isolatedMargin === undefined)).toBe(true);
    }
    for (const s of fc.sample(inverseAccount(INVERSE, { margin: 'isolated' }), { numRuns: 100, seed: 6 })) {
      expect(s.account.positions.every((q) => q.isolatedMargin !== undefined)).toBe(true);
    }
  });

  it('solves the ratio first: under the valuation it was solved for, E = MM exactly in a good share of groups', () => {
    // Pinned to the policy's valuation (entry): the reference's own before-figures must show E = MM.
    const draws = fc.sample(under(POLICY, scenario({ params: fc.constant(INVERSE), inverseValuation: 'entry' })), { numRuns: 400, seed: 8 });
    let groups = 0;
    let exact = 0;
    for (const s of draws) {
      const o = liquidate(s);
      expect(o.ok ? 'ok' : JSON.stringify(o.error)).toBe('ok');
      if (!o.ok) continue;
      for (const g of o.result.groups) {
        groups++;
        if (fx(g.before.equity).eq(fx(g.before.maintenance))) exact++;
      }
    }
    // the boundary modes are 14 % of ratio draws ('eq'); a share well above chance, not a tuned number
    expect(exact / groups).toBeGreaterThan(0.05);
  });
});

describe('scenario() on inverse params (the hook)', () => {
  it('draws inverse accounts, valid under a policy that runs inverse markets', () => {
    for (const policy of [POLICY, { ...POLICY, name: 'inv-mark', requirement: { kind: 'tiers', valuation: 'mark' } } as Policy]) {
      for (const s of fc.sample(under(policy, scenario({ params: fc.constant(INVERSE) })), { numRuns: 300, seed: 11 })) {
        const o = liquidate(s);
        expect(o.ok ? 'ok' : `${JSON.stringify(o.error)} on ${JSON.stringify(s)}`).toBe('ok');
      }
    }
  });

  it('is valid input under every close size, price and penalty cap an inverse market runs under (spec §12.1)', () => {
    const closes = [{ kind: 'step-down' }, { kind: 'fixed-portion', portion: '0.25', minimumNotional: '0.01' }, { kind: 'requested', closeFactor: '0.5' }];
    for (const closeSize of closes) {
      for (const price of ['mark', 'bankruptcy']) {
        const policy = { name: 'inv-any', requirement: { kind: 'tiers', valuation: 'mark', lossBuffer: '0.1' }, closeSize, price: { kind: price }, penalty: { kind: 'steps' } } as Policy;
        for (const s of fc.sample(under(policy, scenario({ params: fc.constant(INVERSE) })), { numRuns: 60, seed: 12 })) {
          const o = liquidate(s);
          expect(o.ok ? 'ok' : `${JSON.stringify(o.error)} under ${JSON.stringify(policy)}`).toBe('ok');
        }
      }
    }
  });

  it('leaves linear draws as they were: the same seed gives the same scenarios with or without the inverse knob', () => {
    const a = fc.sample(scenario({ params: fc.constant(defaultParams) }), { numRuns: 50, seed: 3 });
    const b = fc.sample(scenario({ params: fc.constant(defaultParams), inverseValuation: 'entry' }), { numRuns: 50, seed: 3 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.every((s) => !hasInverseMarket(s.params))).toBe(true);
  });
});
