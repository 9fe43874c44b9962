/**
 * Inverse zoo engine "inverse PnL rounded up": a fill's realized coin PnL
 * `q_c·v·(1/e − 1/x)` is rounded up to the coin's unit instead of down (§12.3), so the trader
 * is credited the fraction of a satoshi the exact PnL does not have.
 *
 * Bug class: a ceiling where the venue's side is the floor — the "round in the user's favour"
 * slip of a division that is exact on linear markets and never exact on inverse ones.
 *
 * Violates LIQ-007 (value conservation on inverse markets, §12.6): value is created.
 */
import { exactPnlOf, isInverse, ratioOf, type Ratio } from '../../model/contract.ts';
import { marketOf } from '../../model/fixedCore.ts';
import type { Engine } from '../../model/types.ts';
import { regrouped, withExecution } from '../profile/support.ts';

function same(a: Ratio, b: Ratio): boolean {
  return a.n * b.d === b.n * a.d;
}

export const inversePnlRoundedUp: Engine = withExecution((cx, before, closed, market) => {
  const { contract } = marketOf(cx.v, market);
  const pos = before.positions.find((p) => p.market === market);
  if (!isInverse(contract) || pos === undefined) return closed;
  const { unit } = cx.v.params;
  let extra = unit.sub(unit);
  const fills = closed.fills.map((f) => {
    const qc = f.long ? f.size : f.size.neg();
    if (same(exactPnlOf(contract, qc, pos.entry, f.price), ratioOf(f.realizedPnl))) return f;
    extra = extra.add(unit);
    return { ...f, realizedPnl: f.realizedPnl.add(unit) };
  });
  return { fills, group: regrouped(cx, closed.group, closed.group.collateral.add(extra)) };
});
