import { describe, expect, it } from 'vitest';
import { INVERSE_POLICY, oneInverseMarket } from '../model/__support__/inverseScenarios.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import { inverseLabels, reachesInverseFallback } from './inverseLabels.ts';

/** One inverse market, ours (not a venue's): 1 USD contracts, a single 0.5 % bracket in coin. */
const PARAMS = oneInverseMarket();

const POLICY = INVERSE_POLICY;

/** An isolated short of 100 contracts entered at 100, marked at 40,000, with margin `margin`. */
function shortAt1x(margin: string): Scenario {
  return {
    params: PARAMS,
    marks: { BTCUSD: '40000' },
    account: { collateral: '0', positions: [{ market: 'BTCUSD', size: '-100', entryPrice: '100', isolatedMargin: margin }] },
    insuranceFund: '0',
    policy: POLICY,
  } as Scenario;
}

// Hand-computed, not a published vector (spec §12.2, §12.4). Value at entry ⌈100·1/100⌉ = 1 BTC,
// MM = 0.005; U = ⌊−100·(40000 − 100)/(100·40000)⌋_u = −0.9975 exactly.
// - margin 1: E = 0.0025 ≤ MM; full close, B = 1, K = −1, D′ = 100·1 + (−1)·100 = 0 ≤ 0: no price
//   reaches K, the fill is at the mark 40,000.
// - margin 0.99: E = −0.0075; K = −0.99, D′ = 100 − 99 = 1 > 0: x_b = ⌊100·1·100/(1·0.5)⌋·0.5 = 10,000.
describe('reachesInverseFallback', () => {
  it('sees the fill at mark of a short whose margin covers its whole coin loss (D′ ≤ 0)', () => {
    const s = shortAt1x('1');
    const o = liquidate(s);
    expect(o.ok && o.result.fills.map((f) => [f.price, f.realizedPnl])).toEqual([['40000', '-0.9975']]);
    expect(reachesInverseFallback(s, o)).toBe(true);
    expect(inverseLabels(s, o)).toContain('bankruptcy-fallback');
  });

  it('not when one coin cent less leaves D′ > 0 and a bankruptcy price of 10,000', () => {
    const s = shortAt1x('0.99');
    const o = liquidate(s);
    expect(o.ok && o.result.fills.map((f) => [f.price, f.realizedPnl])).toEqual([['10000', '-0.99']]);
    expect(reachesInverseFallback(s, o)).toBe(false);
    expect(inverseLabels(s, o)).not.toContain('bankruptcy-fallback');
  });

  it('not under a price part other than the bankruptcy price', () => {
    const s = { ...shortAt1x('1'), policy: { ...POLICY, price: { kind: 'mark' } } } as Scenario;
    const o = liquidate(s);
    expect(o.ok && o.result.fills[0]!.price).toBe('40000');
    expect(reachesInverseFallback(s, o)).toBe(false);
  });
});

describe('inverseLabels', () => {
  it('labels the shape, the boundary and the tier edge from the scenario and the outcome', () => {
    // Hand-computed: 150 contracts entered at 1 have the value 150 = the floor exactly (at entry);
    // mark 1.5: U = ⌊150·(1.5 − 1)/(1·1.5)⌋ = 50; MM at entry = 150·0.01 − 0.75 = 0.75. Margin
    // 0.75 − 50 < 0 is impossible, so a short instead: U = −50, margin 50.75 gives E = 0.75 = MM.
    const s = {
      params: PARAMS,
      marks: { BTCUSD: '1.5' },
      account: { collateral: '0', positions: [{ market: 'BTCUSD', size: '-150', entryPrice: '1', isolatedMargin: '50.75' }] },
      insuranceFund: '0',
      policy: POLICY,
    } as Scenario;
    const o = liquidate(s);
    const g = o.ok ? o.result.groups.find((x) => x.group === 'BTCUSD') : undefined;
    expect(g && [g.before.equity, g.before.maintenance]).toEqual(['0.75', '0.75']);
    expect(inverseLabels(s, o)).toEqual(['full', 'at-trigger-boundary', 'tier-edge', 'short', 'isolated']);
  });

  it('labels invalid input as such (a scenario without a policy cannot run an inverse market)', () => {
    const { policy: _, ...bare } = shortAt1x('1') as Scenario & { policy: unknown };
    const o = liquidate(bare);
    expect(o.ok).toBe(false);
    expect(inverseLabels(bare as Scenario, o)).toEqual(['short', 'isolated', 'invalid']);
  });
});
