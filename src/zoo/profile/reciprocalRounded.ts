/**
 * Profile zoo engine "reciprocal rounded": an inverse fill's realized PnL is computed from the
 * reciprocal prices each rounded down to the coin's unit first, `⌊q_c·v·(⌊1/e⌋_u − ⌊1/x⌋_u)⌋_u`,
 * instead of §12.3's one exact quotient `⌊q_c·v·(x − e)/(e·x)⌋_u`. Linear markets, and everything
 * else, are the policy's.
 *
 * Bug class: the textbook inverse PnL `q·v·(1/e − 1/x)` coded as written, with each `1/price` held
 * in the coin's fixed-point precision (satoshis per USD). At a BTC price near 50 000 a reciprocal
 * has only four significant digits in satoshis, at a tenfold price three: the error depends on
 * the price's magnitude, which the contract's value does not change. Realistic; no venue report
 * of this exact form found.
 *
 * Violates LIQ-030 (price scaling: with every price and `v` ×10 the coin amounts must be the
 * same) even at `v = 1`, where the inverse zoo's contractValueOne equals the reference.
 */
import { isInverse } from '../../model/contract.ts';
import { FONE, floorDiv, floorTo, type Fixed } from '../../model/fixed.ts';
import { marketOf } from '../../model/fixedCore.ts';
import type { Engine } from '../../model/types.ts';
import { regrouped, withExecution } from './support.ts';

export const reciprocalRounded: Engine = withExecution((cx, before, closed, market) => {
  const { contract } = marketOf(cx.v, market);
  const pos = before.positions.find((p) => p.market === market);
  if (!isInverse(contract) || pos === undefined) return closed;
  const { unit } = cx.v.params;
  const recip = (x: Fixed): Fixed => floorDiv(FONE, x.mul(unit)).mul(unit);
  let delta = unit.sub(unit);
  const fills = closed.fills.map((f) => {
    const qc = f.long ? f.size : f.size.neg();
    const pnl = floorTo(qc.mul(contract.value).mul(recip(pos.entry).sub(recip(f.price))), unit);
    delta = delta.add(pnl.sub(f.realizedPnl));
    return { ...f, realizedPnl: pnl };
  });
  return { fills, group: regrouped(cx, closed.group, closed.group.collateral.add(delta)) };
});
