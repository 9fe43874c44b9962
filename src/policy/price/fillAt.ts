/**
 * One fill at a given price (spec §7.2, §7.3): the fill of §7.2 with `x` given instead of the
 * price of §7.1, so that a book level's price or the bankruptcy price can be filled (spec §10.4).
 * At `x = executionPrice(…)` it is exactly fixedCore's `closeFill` (fillAt.test.ts checks it).
 * @see docs/spec.md#72-a-fill
 * @see docs/spec.md#104-execution-price
 */
import { FZERO, ceilTo, floorTo, fmax, fmin, type Fixed } from '../../model/fixed.ts';
import { healthAfter, healthOf, markOf, type FFill, type FGroup, type FValuation } from '../../model/fixedCore.ts';

export interface FilledAt {
  readonly fill: FFill;
  readonly group: FGroup;
}

/** Fills `size` (> 0, at most |q|) of the position in `market` at `price`, penalty rate `rate`. */
export function fillAt(v: FValuation, g: FGroup, market: string, size: Fixed, price: Fixed, rate: Fixed): FilledAt {
  const { params } = v;
  const idx = g.positions.findIndex((p) => p.market === market);
  const pos = g.positions[idx]!;
  const long = pos.size.sign() > 0;
  const signed = long ? size : size.neg();

  // §7.2: PnL floored to the quote unit, the residue to the insurance fund.
  const exactPnl = signed.mul(price.sub(pos.entry));
  const realizedPnl = floorTo(exactPnl, params.unit);
  const residue = exactPnl.sub(realizedPnl);
  const left = pos.size.sub(signed);

  // §5.2: the penalty is on the notional at mark, whatever the execution price.
  const notional = size.mul(markOf(v, market));
  const uncapped = ceilTo(rate.mul(notional), params.unit);
  // §7.3: never charged out of negative equity, never pushing equity below zero.
  const realized = healthAfter(v, g, pos, left, realizedPnl);
  const penalty = fmin(uncapped, fmax(FZERO, floorTo(realized.equity, params.unit)));
  const liquidatorFee = floorTo(penalty.mul(params.liquidatorShare), params.unit);

  const positions = left.isZero() ? g.positions.filter((_, i) => i !== idx) : g.positions.map((p, i) => (i === idx ? { ...p, size: left } : p));
  return {
    fill: { market, long, size, price, notional, penaltyRate: rate, penalty, liquidatorFee, insuranceFee: penalty.sub(liquidatorFee), realizedPnl, residue },
    group: {
      id: g.id,
      collateral: g.collateral.add(realizedPnl).sub(penalty),
      positions,
      health: healthOf(v, realized.equity.sub(penalty), realized.maintenance, realized.notional),
    },
  };
}
