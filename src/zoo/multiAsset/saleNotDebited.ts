/**
 * Multi-asset zoo engine "sale not debited": the collateral step credits each sale's proceeds to
 * the quote balance but leaves the asset's balance as it was before the sale.
 *
 * Bug class: two ledgers updated by one transfer, only one of them written (the quote leg of an
 * auto-exchange booked, the asset leg lost). The account keeps what it sold.
 *
 * Violates LIQ-007 (value conservation with §13.5's terms: the trader keeps `s·p` of asset value
 * and gains `R`, while the liquidator is counted as receiving `s`) and LIQ-033 (the balance does
 * not fall by what the sales report).
 */
import { withResult } from '../support.ts';
import type { MultiAssetResult } from './saleRewrite.ts';

export const saleNotDebited = withResult((result, sc) => {
  const r = result as MultiAssetResult;
  if ((r.sales ?? []).length === 0) return r;
  const assets: Record<string, string> = {};
  for (const [id, a] of sc.assets ?? new Map()) if (!a.isZero()) assets[id] = a.toFixed();
  return { ...r, account: { ...r.account, assets } };
});
