/**
 * The multi-asset view of a case (spec §13): the assets' parameters, prices and balances before,
 * the balances and sales the engine reports after, in exact amounts — read off the wire forms of
 * the scenario and the result, so that the invariants judge the engine's own numbers.
 *
 * @remarks Read from the wire and not from the parsed scenario: a case reaches an invariant only
 * when the scenario parsed (so every amount here is a valid decimal) and the result is well formed
 * (LIQ-000); the wire names are the spec's (§13.1, §13.4 *Result*), which keeps these invariants
 * independent of how the core holds the assets.
 * @see docs/spec.md#131-inputs
 * @internal
 */
import { Dec } from '../model/decimal.ts';
import { Fixed, floorDiv, floorTo, FONE, FZERO, fromDec } from '../model/fixed.ts';
import type { Case } from './invariant.ts';

export interface AssetTerms {
  readonly id: string;
  readonly unit: Fixed;
  /** maintenance weight `w` */
  readonly weight: Fixed;
  /** target weight `w′` (default `w`) */
  readonly targetWeight: Fixed;
  /** `p`, or null when the scenario gives none (an asset not held needs none, §13.1) */
  readonly price: Fixed | null;
  /** how a sale is priced: `π = p·(1 − δ)`, `π = p/φ`, or `π = p` */
  readonly sale: { readonly kind: 'discount'; readonly discount: Fixed } | { readonly kind: 'fee'; readonly factor: Fixed } | { readonly kind: 'plain' };
}

export interface AssetSale {
  readonly asset: string;
  readonly amount: Fixed;
  readonly proceeds: Fixed;
}

export type CollateralPart = { readonly kind: 'none' } | { readonly kind: 'sell'; readonly restore: 'deficit' | 'target' };

export interface AssetCase {
  /** in the order of `params.assets` */
  readonly assets: readonly AssetTerms[];
  readonly byId: ReadonlyMap<string, AssetTerms>;
  /** `l`, `l′` of a negative quote balance (§13.1; default 1, 1) */
  readonly debtWeight: Fixed;
  readonly debtTargetWeight: Fixed;
  /** balances before (absent: 0) */
  readonly before: ReadonlyMap<string, Fixed>;
  /** balances the engine reports after (absent: 0) */
  readonly after: ReadonlyMap<string, Fixed>;
  readonly sales: readonly AssetSale[];
  readonly collateral: CollateralPart;
}

interface AssetWire {
  readonly unit: string;
  readonly weight: string;
  readonly targetWeight?: string;
  readonly discount?: string;
  readonly feeFactor?: string;
}

/** The §13 fields of a scenario, as the wire names them. */
export interface MultiAssetScenario {
  readonly params: { readonly assets?: Readonly<Record<string, AssetWire>>; readonly quoteDebt?: { readonly weight: string; readonly targetWeight: string } };
  readonly assetPrices?: Readonly<Record<string, string>>;
  readonly account: { readonly assets?: Readonly<Record<string, string>> };
  readonly policy?: { readonly collateral?: CollateralPart };
}

interface MultiAssetResult {
  readonly account: { readonly assets?: Readonly<Record<string, string>> };
  readonly sales?: readonly { readonly asset: string; readonly amount: string; readonly proceeds: string }[];
}

const fx = (x: string): Fixed => fromDec(new Dec(x));

function balances(rec: Readonly<Record<string, string>> | undefined): Map<string, Fixed> {
  const out = new Map<string, Fixed>();
  for (const [id, a] of Object.entries(rec ?? {})) out.set(id, fx(a));
  return out;
}

const memo = new WeakMap<Case, AssetCase | null>();

/** Whether the scenario has `params.assets` (§13.1: then it is a multi-asset scenario). */
export function hasAssets(scenario: unknown): boolean {
  return (scenario as MultiAssetScenario).params.assets !== undefined;
}

/** The multi-asset view of a case; null without `params.assets` (nothing of §13 applies). */
export function assetsOf(c: Case): AssetCase | null {
  if (memo.has(c)) return memo.get(c)!;
  const out = build(c);
  memo.set(c, out);
  return out;
}

function build(c: Case): AssetCase | null {
  const sc = c.scenario as unknown as MultiAssetScenario;
  if (sc.params.assets === undefined) return null;
  const prices = sc.assetPrices ?? {};
  const assets: AssetTerms[] = Object.entries(sc.params.assets).map(([id, a]) => {
    const weight = fx(a.weight);
    const p = prices[id];
    return {
      id,
      unit: fx(a.unit),
      weight,
      targetWeight: a.targetWeight === undefined ? weight : fx(a.targetWeight),
      price: p === undefined ? null : fx(p),
      sale: a.discount !== undefined ? { kind: 'discount', discount: fx(a.discount) } : a.feeFactor !== undefined ? { kind: 'fee', factor: fx(a.feeFactor) } : { kind: 'plain' },
    };
  });
  const r = c.result as unknown as MultiAssetResult;
  const debt = sc.params.quoteDebt;
  return {
    assets,
    byId: new Map(assets.map((a) => [a.id, a])),
    debtWeight: debt === undefined ? FONE : fx(debt.weight),
    debtTargetWeight: debt === undefined ? FONE : fx(debt.targetWeight),
    before: balances(sc.account.assets),
    after: balances(r.account.assets),
    sales: (r.sales ?? []).map((x) => ({ asset: x.asset, amount: fx(x.amount), proceeds: fx(x.proceeds) })),
    collateral: sc.policy?.collateral ?? { kind: 'none' },
  };
}

/** A balance of a map of balances (absent: 0). */
export function balanceOf(m: ReadonlyMap<string, Fixed>, id: string): Fixed {
  return m.get(id) ?? FZERO;
}

/**
 * §13.4: the proceeds of selling `s` of an asset at `π`, `R = ⌊s·π⌋_u` — one exact quotient
 * `⌊s·p/(φ·u)⌋·u` when `π = p/φ` (rounded down: the venue's side).
 * @see docs/spec.md#134-collateral-step-policy-part-collateral
 */
export function proceedsOf(a: AssetTerms, s: Fixed, unit: Fixed): Fixed {
  const p = a.price ?? FZERO;
  switch (a.sale.kind) {
    case 'discount':
      return floorTo(s.mul(p).mul(FONE.sub(a.sale.discount)), unit);
    case 'fee':
      return floorDiv(s.mul(p), a.sale.factor.mul(unit)).mul(unit);
    case 'plain':
      return floorTo(s.mul(p), unit);
  }
}

/**
 * The first piece's slope of §13.4's `G` per unit of value sold, compared without dividing:
 * whether `π·l′ ≤ p·w′` (then the asset cannot help a negative balance reach the target).
 */
export function cannotHelp(a: AssetTerms, debtTargetWeight: Fixed): boolean {
  const p = a.price ?? FZERO;
  const pw = p.mul(a.targetWeight);
  switch (a.sale.kind) {
    case 'discount':
      return p.mul(FONE.sub(a.sale.discount)).mul(debtTargetWeight).lte(pw);
    case 'fee':
      // π·l′ ≤ p·w′ ⇔ p·l′ ≤ p·w′·φ (φ > 0)
      return p.mul(debtTargetWeight).lte(pw.mul(a.sale.factor));
    case 'plain':
      return p.mul(debtTargetWeight).lte(pw);
  }
}

/** Whether `π ≤ p·w′`: a sale at a non-negative quote balance cannot raise `E − T` (§13.4's second piece). */
export function secondPieceFlat(a: AssetTerms): boolean {
  return cannotHelp(a, FONE);
}

/** `Ĉ′(x)`: `x` for `x ≥ 0`, `l′·x` below (§13.2). */
export function targetQuote(x: Fixed, debtTargetWeight: Fixed): Fixed {
  return x.sign() < 0 ? x.mul(debtTargetWeight) : x;
}

/** `Ĉ(x)`: `x` for `x ≥ 0`, `l·x` below (§13.2). */
export function equityQuote(x: Fixed, debtWeight: Fixed): Fixed {
  return x.sign() < 0 ? x.mul(debtWeight) : x;
}

/**
 * §13.4's sale order: largest `a·p·w′` first, ties by id in code-unit order, over the assets held
 * (`a > 0`) at `balances`.
 */
export function saleOrder(ac: AssetCase, balances: ReadonlyMap<string, Fixed>): AssetTerms[] {
  const held = ac.assets.filter((a) => balanceOf(balances, a.id).sign() > 0);
  const key = (a: AssetTerms): Fixed => balanceOf(balances, a.id).mul(a.price ?? FZERO).mul(a.targetWeight);
  return held.sort((x, y) => {
    const d = key(y).cmp(key(x));
    return d !== 0 ? d : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  });
}
