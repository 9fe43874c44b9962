/**
 * Multi-asset zoo engine "proceeds rounded up": each sale credits `⌈s·π⌉_u` instead of
 * `⌊s·π⌋_u`.
 *
 * Bug class: the rounding direction of a transfer chosen for the payer's convenience, not the
 * venue's side (§1.3). Only a sale whose `s·π` is not on the quote grid shows it (an inexact
 * discount product or `p/φ`).
 *
 * Violates LIQ-032: the proceeds are not `⌊s·π⌋_u`. (LIQ-007 does not see it: the liquidator
 * pays what the trader is credited, so value is moved, not created.)
 */
import { salePrice } from '../../model/collateralAsset.ts';
import { ceilDiv, fromDec } from '../../model/fixed.ts';
import { withResult } from '../support.ts';
import { assetOf, fx, repriceSales, type MultiAssetResult } from './saleRewrite.ts';

export const proceedsRoundedUp = withResult((result, sc) => {
  const unit = fromDec(sc.params.unit);
  return repriceSales(result as MultiAssetResult, (sale) => {
    const { asset, price } = assetOf(sc, sale.asset);
    const { num, den } = salePrice(asset, price);
    return ceilDiv(fx(sale.amount).mul(num), den.mul(unit)).mul(unit);
  });
});
