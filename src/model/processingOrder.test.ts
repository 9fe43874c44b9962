/**
 * Processing order (spec §4.1, §6.2): isolated groups by market id after the cross group, and within
 * a group positions by descending notional with ties broken by market id — whatever the order of the
 * positions in the input. Every expected number is derived by hand in the comment above it.
 */
import { describe, expect, it } from 'vitest';
import { ok, oneTier, oneTierMarket } from './__support__/oneTier.ts';
import type { PositionInput, Scenario } from './types.ts';

const market = oneTierMarket();

const params = oneTier({ markets: { BTC: market, ETH: market, SOL: market } });

const scenario = (collateral: string, positions: PositionInput[]): Scenario => ({
  params,
  marks: { BTC: '50000', ETH: '50000', SOL: '50000' },
  account: { collateral, positions },
  insuranceFund: '0',
});


function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('margin groups are processed cross first, then isolated by market id (§4.1)', () => {
  // Each isolated long of 1 at mark = entry = 50000 has U = 0, MM = 250 and margin 1000: healthy.
  const isolated = (id: string): PositionInput => ({ market: id, size: '1', entryPrice: '50000', isolatedMargin: '1000' });

  it.each(permutations(['SOL', 'BTC', 'ETH']).map((ids) => [ids.join(', '), ids] as const))('input order %s', (_, ids) => {
    const r = ok(scenario('0', ids.map(isolated)));
    expect(r.groups.map((g) => [g.group, g.status])).toEqual([
      ['cross', 'healthy'],
      ['BTC', 'healthy'],
      ['ETH', 'healthy'],
      ['SOL', 'healthy'],
    ]);
    // The account keeps the input order of positions.
    expect(r.account.positions.map((p) => p.market)).toEqual(ids);
  });
});

describe('positions of equal notional are processed by market id (§6.2)', () => {
  // Cross longs BTC and ETH, each q = 1, e = 51000, P = 50000: N = 50000 each, U = −1000 each.
  // C = 2450 → E = 2450 − 2000 = 450; MM = 2·250 = 500 → liquidatable, ratio 0.9 → f = 0.002.
  // Closing Δ of the first processed position, the rest unchanged (§6.3):
  //   g(Δ) = 450 − 0.002·50000·Δ − [250 + 250·(1−Δ) + 0.001·(50000 + 50000·(1−Δ))] = −150 + 200Δ,
  // so Δ* = 0.75, a multiple of the lot. At Δ = 0.75 nothing is rounded: R = 0.75·(−1000) = −750,
  // pen = 0.002·37500 = 75 (split 37.5 / 37.5), so ĝ = g = 0 meets the strict target.
  // C′ = 2450 − 750 − 75 = 1625.
  const btc: PositionInput = { market: 'BTC', size: '1', entryPrice: '51000' };
  const eth: PositionInput = { market: 'ETH', size: '1', entryPrice: '51000' };

  it.each([
    ['BTC first in the input', [btc, eth]],
    ['ETH first in the input', [eth, btc]],
  ])('%s: BTC is reduced, ETH untouched', (_, positions) => {
    const r = ok(scenario('2450', positions));
    expect(r.status).toBe('partial');
    expect(r.fills).toEqual([
      {
        market: 'BTC',
        side: 'sell',
        size: '0.75',
        price: '50000',
        notional: '37500',
        penaltyRate: '0.002',
        penalty: '75',
        liquidatorFee: '37.5',
        insuranceFee: '37.5',
        realizedPnl: '-750',
      },
    ]);
    expect(r.account.collateral).toBe('1625');
    expect(Object.fromEntries(r.account.positions.map((p) => [p.market, p.size]))).toEqual({ BTC: '0.25', ETH: '1' });
  });
});
