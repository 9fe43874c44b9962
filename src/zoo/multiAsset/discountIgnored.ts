/**
 * Multi-asset zoo engine "discount ignored": each sale credits `⌊s·p⌋_u`, the asset's full price,
 * instead of `⌊s·π⌋_u` with `π = p·(1 − δ)` or `p/φ`.
 *
 * Bug class: the liquidation discount (Binance's haircut on auto-exchange, Mango's fee factor)
 * applied to the weight but not to the sale. Shows on every asset with `δ > 0` or `φ > 1`.
 *
 * Violates LIQ-032: the proceeds are not `⌊s·π⌋_u`. (The amounts sold are the reference's, so
 * value still balances: LIQ-007 holds.)
 */
import { floorTo, fromDec } from '../../model/fixed.ts';
import { withResult } from '../support.ts';
import { assetOf, fx, repriceSales, type MultiAssetResult } from './saleRewrite.ts';

export const discountIgnored = withResult((result, sc) => {
  const unit = fromDec(sc.params.unit);
  return repriceSales(result as MultiAssetResult, (sale) => floorTo(fx(sale.amount).mul(assetOf(sc, sale.asset).price), unit));
});
