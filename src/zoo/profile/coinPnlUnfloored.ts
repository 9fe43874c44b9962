/**
 * Profile zoo engine "coin PnL unfloored": an inverse fill's realized PnL
 * `q_c·v·(x − e)/(e·x)` is credited at three digits below the coin's unit (the engine's internal
 * precision) instead of floored to the unit (spec §12.3), so the collateral leaves the unit grid.
 * Linear markets, and everything else, are the policy's.
 *
 * Bug class: the linear engine's pnlUnrounded slip in its inverse form. On a linear market the
 * exact PnL is a decimal, so a missed floor leaves a residue the reference reports; on an inverse
 * market the quotient is almost never a decimal, and an engine that divides "at full precision"
 * (a fixed 11 decimals for a satoshi coin) keeps digits the coin does not have. Realistic; no
 * venue report of this exact form found.
 *
 * Violates LIQ-009 (a coin amount off the unit grid) whenever the quotient is not on the unit.
 */
import { isInverse } from '../../model/contract.ts';
import { Fixed, floorDiv } from '../../model/fixed.ts';
import { marketOf } from '../../model/fixedCore.ts';
import type { Engine } from '../../model/types.ts';
import { regrouped, withExecution } from './support.ts';

const THOUSANDTH = new Fixed(1n, 3);

export const coinPnlUnfloored: Engine = withExecution((cx, before, closed, market) => {
  const { contract } = marketOf(cx.v, market);
  const pos = before.positions.find((p) => p.market === market);
  if (!isInverse(contract) || pos === undefined) return closed;
  const fine = cx.v.params.unit.mul(THOUSANDTH);
  let delta = fine.sub(fine);
  const fills = closed.fills.map((f) => {
    const qc = f.long ? f.size : f.size.neg();
    const pnl = floorDiv(qc.mul(contract.value).mul(f.price.sub(pos.entry)), pos.entry.mul(f.price).mul(fine)).mul(fine);
    delta = delta.add(pnl.sub(f.realizedPnl));
    return { ...f, realizedPnl: pnl };
  });
  return { fills, group: regrouped(cx, closed.group, closed.group.collateral.add(delta)) };
});
