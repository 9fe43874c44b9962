/**
 * Multi-asset zoo engine "over-sell": the collateral step's last sale takes one unit more of the
 * asset than the goal needs (when any is left), credited at the same rule `⌊s·π⌋_u`.
 *
 * Bug class: an amount rounded up twice — `⌈(−C)/π⌉` on the unit grid and then one unit "to be
 * safe" — or a `≤` where §13.4's stepping stops at the first unit meeting the goal. The trader
 * pays the discount on a unit it did not need to sell.
 *
 * Violates LIQ-032 (sales bounded by the goal): one unit less already meets the goal.
 */
import { withResult } from '../support.ts';
import { fx, proceeds, rewriteSale, type MultiAssetResult } from './saleRewrite.ts';

export const overSell = withResult((result, sc) => {
  const r = result as MultiAssetResult;
  const sales = r.sales ?? [];
  const i = sales.length - 1;
  if (i < 0) return r;
  const last = sales[i]!;
  if (fx(r.account.assets?.[last.asset] ?? '0').sign() <= 0) return r;
  const unit = fx(sc.params.assets!.get(last.asset)!.unit.toString());
  const amount = fx(last.amount).add(unit);
  return rewriteSale(r, i, amount, proceeds(sc, last.asset, amount));
});
