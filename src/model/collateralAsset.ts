/**
 * The values of the cross group's collateral assets on the integer core (spec §13.1, §13.2): the
 * weighted terms they add to the equity and the target, the price a sale gets, and its proceeds.
 * Every rule that depends on the assets reads them through this module, as contract.ts is for §12.
 * @see docs/spec.md#13-multi-asset-collateral-hybrid-margin
 */
import { ceilDiv, FONE, FZERO, floorDiv, fromDec, type Fixed } from './fixed.ts';
import type { AssetParams, QuoteDebtParams } from './types.ts';

/** An asset of `params.assets` on the integer core. `discount` and `feeFactor` are never both set (§13.1). */
export interface FAsset {
  readonly unit: Fixed;
  readonly weight: Fixed;
  readonly targetWeight: Fixed;
  readonly discount: Fixed | null;
  readonly feeFactor: Fixed | null;
}

/** The weights `l`, `l′` of a negative quote balance (§13.1); `1`, `1` when `params.quoteDebt` is absent. */
export interface FQuoteDebt {
  readonly weight: Fixed;
  readonly targetWeight: Fixed;
}

export const UNIT_DEBT: FQuoteDebt = Object.freeze({ weight: FONE, targetWeight: FONE });

export function fixedAsset(a: AssetParams): FAsset {
  return Object.freeze({
    unit: fromDec(a.unit),
    weight: fromDec(a.weight),
    targetWeight: fromDec(a.targetWeight),
    discount: a.discount === undefined ? null : fromDec(a.discount),
    feeFactor: a.feeFactor === undefined ? null : fromDec(a.feeFactor),
  });
}

export function fixedQuoteDebt(q: QuoteDebtParams | undefined): FQuoteDebt {
  return q === undefined ? UNIT_DEBT : Object.freeze({ weight: fromDec(q.weight), targetWeight: fromDec(q.targetWeight) });
}

/**
 * The cross group's assets (spec §13.2): the balances (only `a > 0`), their prices and the two
 * constant sums they add, `Σ a·p·w` to the equity and `Σ a·p·(w − w′)` to the target. Carried by
 * the cross group's valuation only (`FValuation.holdings`), so an isolated group never sees them.
 */
export interface FHoldings {
  readonly assets: ReadonlyMap<string, FAsset>;
  readonly quoteDebt: FQuoteDebt;
  readonly balances: ReadonlyMap<string, Fixed>;
  readonly prices: ReadonlyMap<string, Fixed>;
  /** `Σ a·p·w` (exact) */
  readonly equity: Fixed;
  /** `Σ a·p·(w − w′)` (exact) */
  readonly target: Fixed;
}

/** {@link FHoldings} of `balances` (zero balances dropped): the sums of §13.2, exact products. */
export function holdingsOf(
  assets: ReadonlyMap<string, FAsset>,
  quoteDebt: FQuoteDebt,
  prices: ReadonlyMap<string, Fixed>,
  balances: ReadonlyMap<string, Fixed>,
): FHoldings {
  let equity = FZERO;
  let target = FZERO;
  const held = new Map<string, Fixed>();
  for (const [id, a] of balances) {
    if (a.isZero()) continue;
    held.set(id, a);
    const asset = assets.get(id)!; // parse guarantees it
    const value = a.mul(prices.get(id)!);
    equity = equity.add(value.mul(asset.weight));
    target = target.add(value.mul(asset.weight.sub(asset.targetWeight)));
  }
  return Object.freeze({ assets, quoteDebt, balances: held, prices, equity, target });
}

/**
 * The kink of §13.2 at `C = 0`: what `Ĉ − C` adds to the equity and `Ĉ − Ĉ′` to the target, with
 * `Ĉ = l·C`, `Ĉ′ = l′·C` for `C < 0` (both zero for `C ≥ 0` or `l = l′ = 1`).
 */
export function quoteDebtTerms(q: FQuoteDebt, collateral: Fixed): { readonly equity: Fixed; readonly target: Fixed } {
  if (collateral.sign() >= 0) return { equity: FZERO, target: FZERO };
  return { equity: q.weight.sub(FONE).mul(collateral), target: q.weight.sub(q.targetWeight).mul(collateral) };
}

/** `Ĉ′(x)`: `x` for `x ≥ 0`, `l′·x` below (§13.4's G). */
export function targetQuote(q: FQuoteDebt, x: Fixed): Fixed {
  return x.sign() >= 0 ? x : q.targetWeight.mul(x);
}

/**
 * The sale price `π` of §13.1 as an exact fraction `num/den` (`den > 0`): `p·(1 − δ)/1`, `p/φ` or
 * `p/1`. A fraction, since `p/φ` is in general no decimal: every rule using π multiplies through.
 */
export function salePrice(asset: FAsset, price: Fixed): { readonly num: Fixed; readonly den: Fixed } {
  if (asset.discount !== null) return { num: price.mul(FONE.sub(asset.discount)), den: FONE };
  if (asset.feeFactor !== null) return { num: price, den: asset.feeFactor };
  return { num: price, den: FONE };
}

/** `R = ⌊s·π⌋_u`: the proceeds of selling `amount`, one exact floor quotient (§13.4; down: the venue's side). */
export function proceedsOf(asset: FAsset, price: Fixed, amount: Fixed, unit: Fixed): Fixed {
  const { num, den } = salePrice(asset, price);
  return floorDiv(amount.mul(num), den.mul(unit)).mul(unit);
}

/** `⌈y/π⌉_{unit_j}` for `y ≥ 0`: the least amount on the asset's grid with `s·π ≥ y` (§13.4 deficit). */
export function amountCovering(asset: FAsset, price: Fixed, y: Fixed): Fixed {
  const { num, den } = salePrice(asset, price);
  return ceilDiv(y.mul(den), num.mul(asset.unit)).mul(asset.unit);
}
