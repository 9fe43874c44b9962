/**
 * Multi-asset zoo engine "sells past zero": a sale that takes an asset's whole balance takes one
 * unit more, leaving the balance at `−unit`, and credits its proceeds.
 *
 * Bug class: §13.4's `min(a_j, ⌈(−C)/π_j⌉)` without the `min` — a deficit larger than the asset
 * sold as if the balance could be borrowed (a non-quote borrow this model does not have, §13.1).
 *
 * Violates LIQ-033 (no negative asset).
 */
import { withResult } from '../support.ts';
import { fx, proceeds, rewriteSale, type MultiAssetResult } from './saleRewrite.ts';

export const sellsPastZero = withResult((result, sc) => {
  const r = result as MultiAssetResult;
  const i = (r.sales ?? []).findIndex((x) => fx(r.account.assets?.[x.asset] ?? '0').isZero());
  if (i < 0) return r;
  const sale = r.sales![i]!;
  const amount = fx(sale.amount).add(fx(sc.params.assets!.get(sale.asset)!.unit.toString()));
  return rewriteSale(r, i, amount, proceeds(sc, sale.asset, amount));
});
