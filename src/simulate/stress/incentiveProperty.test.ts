import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../arbitraries/defaultParams.ts';
import { Dec } from '../../model/decimal.ts';
import { resolveSimulation } from '../simulate.ts';
import { incentiveProperty } from './incentiveProperty.ts';

/**
 * Two cross longs at entry 100,000 on the built-in BTC-PERP (strict trigger, b = 0.002, tiers
 * 0.4 % below 50,000 notional and 0.5 % − 50 from 50,000, penalty 0.2 % at E/MM ≤ 1, liquidator
 * share ½, lot 0.001, tick 0.1, unit 10⁻⁶). By hand:
 *
 * a000001, 1 BTC, C = 1,000: E = m − 99,000, MM = 0.005·m − 50; E < MM iff m < 99,447.236…, so the
 * liquidation price is 99,447.2 (E 447.2 < MM 447.236; at 99,447.3, E 447.3 > MM 447.2365).
 * Closing δ at the mark costs pen = ⌈0.002·δ·m⌉_u; the target E' ≥ MM' + b·N' reads
 * 447.2 − 198.8944·δ ≥ 646.1304 − 696.1304·δ, i.e. δ ≥ 0.40007…: δ = 0.401 (0.400 misses it:
 * E' 367.64224 < T' 367.67824). pen = ⌈79.7566544⌉_u = 79.756655, reward ⌊pen/2⌋_u = 39.878327.
 *
 * a000002, 0.01 BTC, C = 10: E = 0.01·m − 990, MM = 0.00004·m; liquidation price 99,397.5 (m <
 * 99,397.59…). Target: 3.975 − 198.795·δ ≥ 5.96385 − 596.385·δ, δ ≥ 0.0050023: δ = 0.006;
 * pen = ⌈1.19277⌉_u = 1.19277, reward 0.596385. Notional at its price: 993.975.
 */
const accounts = [
  { id: 'a000001', side: 'long', size: '1', entry: '100000', collateral: '1000', mode: 'cross' },
  { id: 'a000002', side: 'long', size: '0.01', entry: '100000', collateral: '10', mode: 'cross' },
];

function setup() {
  const r = resolveSimulation({ market: 'BTC-PERP', startPrice: '100000', steps: 2 }, { params: defaultParams, accounts });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe('incentiveProperty', () => {
  it('dry-runs each account at its own liquidation price: the hand-computed prices and rewards', () => {
    const r = incentiveProperty(setup(), { cost: new Dec(1), minNotional: new Dec(500) });
    expect(r.liquidatable).toBe(2);
    expect(r.smallestProfitable).toEqual({ id: 'a000001', side: 'long', isolated: false, liquidationPrice: '99447.2', notional: '99447.2', reward: '39.878327', status: 'partial' });
    expect(r.smallestUnprofitableAbove).toEqual({ id: 'a000002', side: 'long', isolated: false, liquidationPrice: '99397.5', notional: '993.975', reward: '0.596385', status: 'partial' });
  });

  it('fails with the smallest unprofitable account at or above N*, and holds when N* is above it', () => {
    const fails = incentiveProperty(setup(), { cost: new Dec(1), minNotional: new Dec(500) });
    expect([fails.holds, fails.unprofitableAbove, fails.profitable, fails.largestUnprofitable?.id]).toEqual([false, 1, 1, 'a000002']);
    const holds = incentiveProperty(setup(), { cost: new Dec(1), minNotional: new Dec(1000) });
    expect([holds.holds, holds.unprofitableAbove, holds.smallestUnprofitableAbove]).toEqual([true, 0, null]);
    // At cost 0.596385 the small account pays exactly its cost (reward ≥ cost acts, spec S5); one unit more and it does not.
    expect(incentiveProperty(setup(), { cost: new Dec('0.596385'), minNotional: new Dec(0) }).holds).toBe(true);
    expect(incentiveProperty(setup(), { cost: new Dec('0.596386'), minNotional: new Dec(0) }).smallestUnprofitableAbove?.id).toBe('a000002');
    // Above both rewards nothing is profitable.
    const none = incentiveProperty(setup(), { cost: new Dec(40), minNotional: new Dec(0) });
    expect([none.profitable, none.smallestProfitable, none.smallestUnprofitableAbove?.id, none.largestUnprofitable?.id]).toEqual([0, null, 'a000002', 'a000001']);
  });
});
