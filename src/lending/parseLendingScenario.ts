/**
 * Validation of a lending scenario (spec §11.1): the wire schema first (structure and decimal
 * syntax, with field paths), then the semantic rules, each issue naming its field, what was
 * expected and what was received.
 *
 * @remarks Why two passes: the schema cannot say "a multiple of this asset's unit" or "an asset
 * the account borrows"; those rules read several fields at once and only make sense on a value
 * whose structure holds, so they run only when the schema accepted it.
 * @see docs/spec.md#111-inputs-and-units
 */
import { FZERO, Fixed, pow10, toCanonical } from '../model/fixed.ts';
import { describeValue } from '../model/parseDecimal.ts';
import type { ParseOutcome } from '../model/parseScenario.ts';
import type { Issue } from '../model/types.ts';
import { LendingScenario, MAX_DEBT } from '../wire/lending.ts';
import { fieldPath, keyPath, validator } from '../wire/validate.ts';
import { fixedOf } from '../model/fixed.ts';
import { isUnitPowerOfTen } from './isUnitPowerOfTen.ts';
import type { Balances, FLendingAsset, FLendingRules, FLendingScenario, FRequest } from './types.ts';

const checkShape = validator(LendingScenario);

type Wire = LendingScenario;

/** A closed interval test on a decimal, with its words for `expected`. */
interface Domain {
  readonly words: string;
  readonly test: (x: Fixed) => boolean;
}

const ONE = new Fixed(1n, 0);
const NONNEGATIVE: Domain = { words: 'a decimal ≥ 0', test: (x) => x.sign() >= 0 };
const POSITIVE: Domain = { words: 'a decimal > 0', test: (x) => x.sign() > 0 };
const THRESHOLD: Domain = { words: 'a decimal in [0, 1)', test: (x) => x.sign() >= 0 && x.lt(ONE) };
const COLLATERAL_THRESHOLD: Domain = { words: 'a decimal in (0, 1) for a collateral asset', test: (x) => x.sign() > 0 && x.lt(ONE) };
const BONUS: Domain = { words: 'a decimal ≥ 1', test: (x) => x.gte(ONE) };
const SHARE: Domain = { words: 'a decimal in [0, 1]', test: (x) => x.sign() >= 0 && x.lte(ONE) };
const FACTOR: Domain = { words: 'a decimal in (0, 1]', test: (x) => x.sign() > 0 && x.lte(ONE) };

export function parseLendingScenario(input: unknown): ParseOutcome<FLendingScenario> {
  const shape = checkShape(input);
  if (!shape.ok) return shape;
  const w = shape.value;
  const issues: Issue[] = [];
  const read = (raw: string, path: string, domain: Domain): Fixed | undefined => {
    const x = fixedOf(raw);
    if (domain.test(x)) return x;
    issues.push({ path, expected: domain.words, received: describeValue(raw) });
    return undefined;
  };
  const base = new Fixed(1n, w.params.baseScale);
  const absorbRules = w.params.rules.kind === 'absorb';

  // Verify each asset's parameters (§11.1).
  const assets = new Map<string, FLendingAsset>();
  for (const [id, a] of Object.entries(w.params.assets)) {
    const at = keyPath('params.assets', id);
    const unitPath = fieldPath(at, 'unit');
    const unit = fixedOf(a.unit);
    if (!isValidUnit(unit)) {
      issues.push({ path: unitPath, expected: 'a power of ten ≤ 1 ("1", "0.1", …, "0.000000000000000001")', received: describeValue(a.unit) });
    }
    const lt = read(a.liquidationThreshold, fieldPath(at, 'liquidationThreshold'), a.collateral ? COLLATERAL_THRESHOLD : THRESHOLD);
    const lb = read(a.liquidationBonus, fieldPath(at, 'liquidationBonus'), BONUS);
    const fee = read(a.protocolFee, fieldPath(at, 'protocolFee'), SHARE);
    let lf: Fixed | undefined;
    if (a.liquidationFactor !== undefined) lf = read(a.liquidationFactor, fieldPath(at, 'liquidationFactor'), FACTOR);
    else if (absorbRules && a.collateral) {
      issues.push({ path: fieldPath(at, 'liquidationFactor'), expected: 'a required field for a collateral asset under absorb rules (a decimal in (0, 1])', received: 'nothing (missing)' });
    }
    if (lt !== undefined && lb !== undefined && fee !== undefined) {
      assets.set(id, { unit, liquidationThreshold: lt, liquidationBonus: lb, protocolFee: fee, liquidationFactor: lf, collateral: a.collateral });
    }
  }

  const rules = readRules(w, base, read, issues);
  const prices = readPrices(w, issues, read);
  const supplies = readBalances(w, 'supplies', issues, read);
  const borrows = readBalances(w, 'borrows', issues, read);
  const held = new Set([...supplies.keys(), ...borrows.keys()].filter((k) => !(supplies.get(k) ?? FZERO).isZero() || !(borrows.get(k) ?? FZERO).isZero()));
  for (const id of [...held].sort()) {
    if (w.params.assets[id] !== undefined && w.prices[id] === undefined) {
      issues.push({ path: keyPath('prices', id), expected: 'a price > 0 (the account holds the asset)', received: 'nothing (missing)' });
    }
  }

  if (absorbRules) checkAbsorbAccount(supplies, borrows, issues);
  const request = readRequest(w, supplies, borrows, issues);
  let reserves: Fixed | undefined;
  if (w.reserves !== undefined) {
    if (absorbRules) reserves = fixedOf(w.reserves);
    else issues.push({ path: 'reserves', expected: 'no such field under close-factor rules (reserves are read by absorb only)', received: describeValue(w.reserves) });
  }

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { market: { base, assets, prices }, rules: rules!, account: { supplies, borrows }, request, reserves } };
}

type Read = (raw: string, path: string, domain: Domain) => Fixed | undefined;

function readRules(w: Wire, base: Fixed, read: Read, issues: Issue[]): FLendingRules | undefined {
  const r = w.params.rules;
  if (r.kind === 'absorb') return { kind: 'absorb' };
  const baseAmount: Domain = {
    words: `a decimal ≥ 0, a multiple of the base unit ${toCanonical(base)} (baseScale ${w.params.baseScale})`,
    test: (x) => x.sign() >= 0 && isMultiple(x, base),
  };
  const closeFactor = read(r.closeFactor, 'params.rules.closeFactor', FACTOR);
  const fullBelowHealth = read(r.fullBelowHealth, 'params.rules.fullBelowHealth', NONNEGATIVE);
  const fullBelowBase = read(r.fullBelowBase, 'params.rules.fullBelowBase', baseAmount);
  const minLeftoverBase = read(r.minLeftoverBase, 'params.rules.minLeftoverBase', baseAmount);
  if (closeFactor === undefined || fullBelowHealth === undefined || fullBelowBase === undefined || minLeftoverBase === undefined) return undefined;
  return { kind: 'close-factor', closeFactor, fullBelowHealth, closeFactorOf: r.closeFactorOf, fullBelowBase, minLeftoverBase, deficit: r.deficit, rounding: r.rounding ?? 'exact' };
}

function readPrices(w: Wire, issues: Issue[], read: Read): Map<string, Fixed> {
  const prices = new Map<string, Fixed>();
  for (const [id, raw] of Object.entries(w.prices)) {
    const path = keyPath('prices', id);
    if (w.params.assets[id] === undefined) {
      issues.push({ path, expected: 'a price of an asset of params.assets', received: describeValue(raw) });
      continue;
    }
    const p = read(raw, path, POSITIVE);
    if (p !== undefined) prices.set(id, p);
  }
  return prices;
}

function readBalances(w: Wire, side: 'supplies' | 'borrows', issues: Issue[], read: Read): Map<string, Fixed> {
  const out = new Map<string, Fixed>();
  for (const [id, raw] of Object.entries(w.account[side])) {
    const path = keyPath(`account.${side}`, id);
    const asset = w.params.assets[id];
    if (asset === undefined) {
      issues.push({ path, expected: 'an amount of an asset of params.assets', received: describeValue(raw) });
      continue;
    }
    const unit = fixedOf(asset.unit);
    // An invalid unit is reported at the asset; the amount is then checked for its sign only.
    const domain: Domain = isValidUnit(unit)
      ? { words: `a decimal ≥ 0, a multiple of the asset unit ${toCanonical(unit)}`, test: (v) => v.sign() >= 0 && isMultiple(v, unit) }
      : NONNEGATIVE;
    const x = read(raw, path, domain);
    if (x !== undefined) out.set(id, x);
  }
  return out;
}

/** Compound's base balance is one signed number: one borrowed asset, not also supplied. */
function checkAbsorbAccount(supplies: Balances, borrows: Balances, issues: Issue[]): void {
  const borrowed = [...borrows].filter(([, q]) => !q.isZero()).map(([id]) => id);
  if (borrowed.length > 1) {
    issues.push({ path: 'account.borrows', expected: 'at most one borrowed asset under absorb rules (Compound v3 base asset)', received: `${borrowed.length} assets borrowed (${borrowed.map((id) => JSON.stringify(id)).join(', ')})` });
    return;
  }
  for (const id of borrowed) {
    const supplied = supplies.get(id);
    if (supplied !== undefined && !supplied.isZero()) {
      issues.push({ path: keyPath('account.supplies', id), expected: 'no supply of the borrowed asset under absorb rules (0)', received: describeValue(toCanonical(supplied)) });
    }
  }
}

function readRequest(w: Wire, supplies: Balances, borrows: Balances, issues: Issue[]): FRequest | undefined {
  const q = w.request;
  if (w.params.rules.kind === 'absorb') {
    if (q !== undefined) issues.push({ path: 'request', expected: 'no such field under absorb rules (the protocol absorbs the whole account)', received: describeValue(q) });
    return undefined;
  }
  if (q === undefined) {
    issues.push({ path: 'request', expected: 'a required field under close-factor rules ({debtAsset, collateralAsset, debtToCover})', received: 'nothing (missing)' });
    return undefined;
  }
  let ok = true;
  const debt = w.params.assets[q.debtAsset];
  if (debt === undefined || (borrows.get(q.debtAsset) ?? FZERO).sign() <= 0) {
    issues.push({ path: 'request.debtAsset', expected: 'an asset the account borrows (account.borrows > 0)', received: describeValue(q.debtAsset) });
    ok = false;
  }
  const coll = w.params.assets[q.collateralAsset];
  if (coll === undefined || !coll.collateral || (supplies.get(q.collateralAsset) ?? FZERO).sign() <= 0) {
    issues.push({ path: 'request.collateralAsset', expected: 'a collateral asset the account supplies (collateral: true, account.supplies > 0)', received: describeValue(q.collateralAsset) });
    ok = false;
  }
  if (q.debtToCover === MAX_DEBT) return ok ? { debtAsset: q.debtAsset, collateralAsset: q.collateralAsset, debtToCover: 'max' } : undefined;
  const x = fixedOf(q.debtToCover);
  const unit = debt === undefined || !isValidUnit(fixedOf(debt.unit)) ? undefined : fixedOf(debt.unit);
  if (x.sign() <= 0 || (unit !== undefined && !isMultiple(x, unit))) {
    const words = unit === undefined ? 'a decimal > 0 or "max"' : `a decimal > 0, a multiple of the debt asset unit ${toCanonical(unit)}, or "max"`;
    issues.push({ path: 'request.debtToCover', expected: words, received: describeValue(q.debtToCover) });
    return undefined;
  }
  return ok ? { debtAsset: q.debtAsset, collateralAsset: q.collateralAsset, debtToCover: x } : undefined;
}

/** A token unit of spec §11.1: `10^−k`, `k ≥ 0`. */
function isValidUnit(unit: Fixed): boolean {
  return unit.sign() > 0 && unit.lte(ONE) && isUnitPowerOfTen(unit);
}

/** Whether `x` is an integer multiple of `step > 0`. */
function isMultiple(x: Fixed, step: Fixed): boolean {
  const s = Math.max(x.s, step.s);
  const a = x.m * pow10(s - x.s);
  const b = step.m * pow10(s - step.s);
  return a % b === 0n;
}
