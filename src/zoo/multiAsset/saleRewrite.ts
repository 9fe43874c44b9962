/**
 * Plumbing of the multi-asset zoo: rewrite one sale of the reference's result (spec §13.4) and
 * carry the change through the balances it moves — the asset's balance after and the quote
 * balance, by the difference in amount and in proceeds — so that the bug is the only change.
 * @internal
 */
import { fixedAsset, proceedsOf, type FAsset } from '../../model/collateralAsset.ts';
import { Dec } from '../../model/decimal.ts';
import { fromDec, toCanonical, type Fixed } from '../../model/fixed.ts';
import type { LiquidationResult, ParsedScenario } from '../../model/types.ts';

export interface Sale {
  readonly asset: string;
  readonly amount: string;
  readonly proceeds: string;
}

/** The §13 result fields on the wire. */
export type MultiAssetResult = LiquidationResult & { readonly sales?: readonly Sale[]; readonly account: LiquidationResult['account'] & { readonly assets?: Readonly<Record<string, string>> } };

export const fx = (x: string): Fixed => fromDec(new Dec(x));
export const str = toCanonical;

/** An asset of the scenario on the integer core, with its price. */
export function assetOf(sc: ParsedScenario, id: string): { readonly asset: FAsset; readonly price: Fixed } {
  return { asset: fixedAsset(sc.params.assets!.get(id)!), price: fromDec(sc.assetPrices!.get(id)!) };
}

/** The reference's proceeds rule, `⌊s·π⌋_u`. */
export function proceeds(sc: ParsedScenario, id: string, amount: Fixed): Fixed {
  const { asset, price } = assetOf(sc, id);
  return proceedsOf(asset, price, amount, fromDec(sc.params.unit));
}

/**
 * The result with sale `i` replaced by `amount` for `paid`: the asset's balance after falls by
 * the extra amount (it may go negative: a bug may want that) and the quote balance rises by the
 * extra proceeds.
 */
export function rewriteSale(r: MultiAssetResult, i: number, amount: Fixed, paid: Fixed): MultiAssetResult {
  const was = r.sales![i]!;
  const more = amount.sub(fx(was.amount));
  const credit = paid.sub(fx(was.proceeds));
  const assets = { ...(r.account.assets ?? {}) };
  const left = fx(assets[was.asset] ?? '0').sub(more);
  if (left.isZero()) delete assets[was.asset];
  else assets[was.asset] = str(left);
  return {
    ...r,
    sales: r.sales!.map((x, k) => (k === i ? { ...x, amount: str(amount), proceeds: str(paid) } : x)),
    account: { ...r.account, collateral: str(fx(r.account.collateral).add(credit)), assets },
  };
}

/** Each sale's proceeds recomputed by `rule`, credited to the quote balance. */
export function repriceSales(r: MultiAssetResult, rule: (sale: Sale) => Fixed): MultiAssetResult {
  let out = r;
  (r.sales ?? []).forEach((x, i) => {
    out = rewriteSale(out, i, fx(x.amount), rule(x));
  });
  return out;
}

