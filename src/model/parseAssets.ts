/**
 * The inputs of spec §13.1, checked and parsed: `params.assets`, `params.quoteDebt`, the account's
 * asset balances and `assetPrices`. Issue paths from the scenario root, in the words of the spec.
 * @see docs/spec.md#131-inputs
 */
import { ONE, ZERO, isMultipleOf, toCanonical as show, unitOf, type Dec } from './decimal.ts';
import { fieldsOf } from '../wire/common.ts';
import { Asset as AssetSchema, QuoteDebt as QuoteDebtSchema } from '../wire/asset.ts';
import { dec, fieldPath, isMarketId, keyPath, readEntries, readObject, report, type Cx } from './parseScenario.ts';
import type { AssetParams, QuoteDebtParams } from './types.ts';

const ASSET_FIELDS = fieldsOf(AssetSchema);
const QUOTE_DEBT_FIELDS = fieldsOf(QuoteDebtSchema);
const ASSET_ID = 'an asset id that is not a property name of a plain object (spec §2.5)';

/** `params.assets`: at least one asset, each in the domain of §13.1. Undefined after an issue. */
export function readAssets(value: unknown, path: string, cx: Cx): ReadonlyMap<string, AssetParams> | undefined {
  const expected = 'an object of collateral assets by id, with at least one asset (spec §13.1)';
  const entries = readEntries(value, path, cx, expected);
  if (entries === undefined) return undefined;
  if (entries.length === 0) return report(cx, path, expected, value);
  const before = cx.issues.length;
  const out = new Map<string, AssetParams>();
  for (const [id, raw] of entries) {
    const at = keyPath(path, id);
    if (!isMarketId(id)) {
      report(cx, at, id === '' ? 'a non-empty asset id' : ASSET_ID, id);
      continue;
    }
    const a = readAsset(raw, at, cx);
    if (a !== undefined) out.set(id, a);
  }
  return cx.issues.length > before ? undefined : out;
}

function readAsset(value: unknown, path: string, cx: Cx): AssetParams | undefined {
  const f = readObject(value, path, cx, ASSET_FIELDS);
  if (f === undefined) return undefined;
  const at = (name: string): string => fieldPath(path, name);
  const before = cx.issues.length;
  const unit = dec(f.unit, at('unit'), cx, { min: 'positive' });
  // 10^−k, 0 ≤ k ≤ 18: an input decimal has at most 18 fraction digits already.
  if (unit !== undefined && !unit.eq(unitOf(unit.decimalPlaces()))) report(cx, at('unit'), 'a power of ten 10^−k with 0 ≤ k ≤ 18, e.g. "0.00000001" (spec §13.1)', f.unit);
  const weight = dec(f.weight, at('weight'), cx, { min: 'nonnegative' });
  if (weight !== undefined && weight.gt(ONE)) report(cx, at('weight'), 'a decimal in [0, 1] (spec §13.1)', f.weight);
  const targetWeight = f.targetWeight === undefined ? weight : dec(f.targetWeight, at('targetWeight'), cx, { min: 'nonnegative' });
  if (f.targetWeight !== undefined && targetWeight !== undefined && weight !== undefined && targetWeight.gt(weight)) {
    report(cx, at('targetWeight'), `a decimal in [0, weight = ${show(weight)}]: 0 ≤ w′ ≤ w (spec §13.1)`, f.targetWeight);
  }
  const discount = f.discount === undefined ? undefined : dec(f.discount, at('discount'), cx, { min: 'nonnegative' });
  if (discount !== undefined && !discount.lt(ONE)) report(cx, at('discount'), 'a decimal in [0, 1) (spec §13.1)', f.discount);
  const feeFactor = f.feeFactor === undefined ? undefined : dec(f.feeFactor, at('feeFactor'), cx, { min: 'positive' });
  if (feeFactor !== undefined && feeFactor.lt(ONE)) report(cx, at('feeFactor'), 'a decimal ≥ 1 (spec §13.1)', f.feeFactor);
  if (f.discount !== undefined && f.feeFactor !== undefined) {
    report(cx, at('feeFactor'), 'no feeFactor beside a discount: at most one of discount and feeFactor sets the sale price (spec §13.1)', f.feeFactor);
  }
  if (cx.issues.length > before || unit === undefined || weight === undefined || targetWeight === undefined) return undefined;
  return Object.freeze({
    unit,
    weight,
    targetWeight,
    ...(discount === undefined ? {} : { discount }),
    ...(feeFactor === undefined ? {} : { feeFactor }),
  });
}

/** `params.quoteDebt`: `1 ≤ l ≤ l′` (§13.1). */
export function readQuoteDebt(value: unknown, path: string, cx: Cx): QuoteDebtParams | undefined {
  const f = readObject(value, path, cx, QUOTE_DEBT_FIELDS);
  if (f === undefined) return undefined;
  const before = cx.issues.length;
  const weight = dec(f.weight, fieldPath(path, 'weight'), cx, { min: 'positive' });
  if (weight !== undefined && weight.lt(ONE)) report(cx, fieldPath(path, 'weight'), 'a decimal ≥ 1: a borrowed quote counts at least its value (spec §13.1)', f.weight);
  const targetWeight = dec(f.targetWeight, fieldPath(path, 'targetWeight'), cx, { min: 'positive' });
  if (targetWeight !== undefined && weight !== undefined && targetWeight.lt(weight)) {
    report(cx, fieldPath(path, 'targetWeight'), `a decimal ≥ weight = ${show(weight)}: 1 ≤ l ≤ l′ (spec §13.1)`, f.targetWeight);
  }
  if (cx.issues.length > before || weight === undefined || targetWeight === undefined) return undefined;
  return Object.freeze({ weight, targetWeight });
}

/** Whether `q` has a weight other than 1, so that the cross group may hold no position (§13.1). */
export function isWeightedDebt(q: QuoteDebtParams | undefined): boolean {
  return q !== undefined && !(q.weight.eq(ONE) && q.targetWeight.eq(ONE));
}

/**
 * `account.assets`: every key an asset of `params.assets`, each balance `≥ 0` and a multiple of the
 * asset's unit. `assets` undefined: the params were invalid (their issues say why), so only the
 * decimals are checked. Zero balances are dropped from the map returned.
 */
export function readBalances(value: unknown, path: string, cx: Cx, assets: ReadonlyMap<string, AssetParams> | undefined): Map<string, Dec> | undefined {
  const entries = readEntries(value, path, cx, 'an object of asset balances by asset id (spec §13.1)');
  if (entries === undefined) return undefined;
  const before = cx.issues.length;
  const out = new Map<string, Dec>();
  for (const [id, raw] of entries) {
    const at = keyPath(path, id);
    const a = assets?.get(id);
    if (assets !== undefined && a === undefined) {
      report(cx, at, `an asset id defined in params.assets (${[...assets.keys()].map((k) => JSON.stringify(k)).join(', ')})`, id);
      continue;
    }
    const x = dec(raw, at, cx, { min: 'nonnegative' });
    if (x === undefined) continue;
    if (a !== undefined && !isMultipleOf(x, a.unit)) {
      report(cx, at, `a multiple of the asset's unit ${show(a.unit)} (spec §13.1)`, raw);
      continue;
    }
    if (!x.eq(ZERO)) out.set(id, x);
  }
  return cx.issues.length > before ? undefined : out;
}

/** `assetPrices`: each `> 0`, each key an asset of `params.assets`, and a price for every asset held (§13.1). */
export function readAssetPrices(
  value: unknown,
  path: string,
  cx: Cx,
  assets: ReadonlyMap<string, AssetParams> | undefined,
  held: ReadonlyMap<string, Dec> | undefined,
): Map<string, Dec> | undefined {
  const before = cx.issues.length;
  const out = new Map<string, Dec>();
  const given = new Set<string>();
  if (value !== undefined) {
    const entries = readEntries(value, path, cx, 'an object of asset prices by asset id (spec §13.1)');
    if (entries === undefined) return undefined;
    for (const [id, raw] of entries) {
      given.add(id);
      const at = keyPath(path, id);
      if (assets !== undefined && !assets.has(id)) {
        report(cx, at, `an asset id defined in params.assets (${[...assets.keys()].map((k) => JSON.stringify(k)).join(', ')})`, id);
        continue;
      }
      const p = dec(raw, at, cx, { min: 'positive' });
      if (p !== undefined) out.set(id, p);
    }
  }
  for (const id of held?.keys() ?? []) {
    if (!given.has(id)) report(cx, keyPath(path, id), `a price for asset ${JSON.stringify(id)} (held at ${keyPath('account.assets', id)})`, undefined);
  }
  return cx.issues.length > before ? undefined : out;
}
