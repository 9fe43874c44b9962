import { ceilTo, dmax, dmin, floorTo, ZERO, type Dec } from './decimal.ts';
import { executionPrice } from './executionPrice.ts';
import { groupHealth, markOf, tiersOf, type Valuation } from './groupHealth.ts';
import type { MarginGroup } from './marginGroup.ts';

/** A fill computed by the model, with the quantities the spec names. */
export interface ModelFill {
  readonly market: string;
  readonly long: boolean;
  /** Δ, base units closed (> 0) */
  readonly size: Dec;
  /** x */
  readonly price: Dec;
  /** N_c = Δ·P */
  readonly notional: Dec;
  readonly penaltyRate: Dec;
  readonly penalty: Dec;
  readonly liquidatorFee: Dec;
  readonly insuranceFee: Dec;
  readonly realizedPnl: Dec;
  /** ρ, realized-PnL rounding residue credited to the insurance fund */
  readonly residue: Dec;
}

export interface CloseOutcome {
  readonly fill: ModelFill;
  /** the group after the fill, penalty capped (§7.3) */
  readonly group: MarginGroup;
  /** equity after the fill with the *uncapped* penalty: the ĝ of §6.3 plus the target */
  readonly uncappedEquity: Dec;
  /** the group's target requirement after the fill */
  readonly target: Dec;
}

/**
 * Closes `size` base units of the group's position in `market` at the execution price, realizing
 * PnL and charging the penalty at `rate`.
 *
 * @see docs/spec.md#72-a-fill
 * @see docs/spec.md#73-penalty-cap
 */
export function closeFill(v: Valuation, g: MarginGroup, market: string, size: Dec, rate: Dec): CloseOutcome {
  const { params } = v;
  const idx = g.positions.findIndex((p) => p.market === market);
  const pos = g.positions[idx]!;
  const long = pos.size.gt(0);
  const mark = markOf(v, market);
  const price = executionPrice(mark, long, params.priceImpact, tiersOf(v, market).tick);
  const signed = long ? size : size.neg();

  const exactPnl = signed.mul(price.sub(pos.entry));
  const realizedPnl = floorTo(exactPnl, params.unit);
  const residue = exactPnl.sub(realizedPnl);

  const left = pos.size.sub(signed);
  const positions = left.isZero()
    ? g.positions.filter((_, i) => i !== idx)
    : g.positions.map((p, i) => (i === idx ? { ...p, size: left } : p));
  const realized: MarginGroup = { id: g.id, collateral: g.collateral.add(realizedPnl), positions };

  const notional = size.mul(mark);
  const uncapped = ceilTo(rate.mul(notional), params.unit);
  // §7.3: never charge a penalty out of negative equity, never push equity below zero.
  const realizedHealth = groupHealth(v, realized);
  const equityBeforePenalty = realizedHealth.equity;
  const penalty = dmin(uncapped, dmax(ZERO, floorTo(equityBeforePenalty, params.unit)));
  const liquidatorFee = floorTo(penalty.mul(params.liquidatorShare), params.unit);

  return {
    fill: {
      market,
      long,
      size,
      price,
      notional,
      penaltyRate: rate,
      penalty,
      liquidatorFee,
      insuranceFee: penalty.sub(liquidatorFee),
      realizedPnl,
      residue,
    },
    group: { ...realized, collateral: realized.collateral.sub(penalty) },
    uncappedEquity: equityBeforePenalty.sub(uncapped),
    target: realizedHealth.target,
  };
}
