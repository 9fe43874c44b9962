/**
 * Zoo engine "tier off by one": the maintenance bracket lookup returns the bracket BELOW the
 * right one — a notional in bracket `n ≥ 1` is charged `N·r_{n−1} − cum_{n−1}`.
 *
 * Bug class: an off-by-one in a bracket search (`floor < N` vs `floor ≤ N`, a binary search
 * returning the insertion point minus one, a 1-based tier table read 0-based). Large positions
 * are under-margined: they are liquidated too late and partial closes stop short of the real
 * target.
 *
 * Violates LIQ-002 (a liquidatable group is left alone), LIQ-003 (a partial close that does
 * not restore the real target) and LIQ-017 (the maintenance it reports is not the real one).
 */
import type { Engine, MarketParams } from '../model/types.ts';
import { withInput } from './support.ts';

function shifted(m: MarketParams): MarketParams {
  return { ...m, tiers: m.tiers.map((t, n) => (n === 0 ? t : { ...t, rate: m.tiers[n - 1]!.rate, amount: m.tiers[n - 1]!.amount })) };
}

export const tierOffByOne: Engine = withInput((sc) => ({
  ...sc,
  params: { ...sc.params, markets: new Map([...sc.params.markets].map(([id, m]) => [id, shifted(m)])) },
}));
