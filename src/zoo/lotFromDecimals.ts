/**
 * Zoo engine "lot from decimals": the lot size is taken as a number of decimals, so sizes are
 * rounded to `10^−d` where `d` is the lot's count of fraction digits — right for 0.001 or 0.01,
 * wrong for a lot of 0.25, 0.005 or 10.
 *
 * Bug class: a venue's "step size" stored as a precision (decimals) rather than an increment,
 * which holds for every power-of-ten lot and so for a profile that has only those.
 *
 * Violates LIQ-009 (fill and remaining sizes are lot multiples).
 */
import { Dec } from '../model/decimal.ts';
import type { Engine, MarketParams } from '../model/types.ts';
import { withInput } from './support.ts';

function asDecimals(m: MarketParams): MarketParams {
  return { ...m, lot: new Dec(10).pow(-m.lot.decimalPlaces()) };
}

export const lotFromDecimals: Engine = withInput((sc) => ({
  ...sc,
  params: { ...sc.params, markets: new Map([...sc.params.markets].map(([id, m]) => [id, asDecimals(m)])) },
}));
