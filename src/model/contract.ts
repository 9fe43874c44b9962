/**
 * A market's contract kind and the value functions that depend on it (spec §12.2–§12.5): the one
 * place where "a position's value" and "a position's PnL" are computed, so that the integer core,
 * the policy parts and the invariants agree on both kinds.
 *
 * A linear market's values are §1–§10's exactly (products, no rounding here); an inverse market's
 * are §12.2's coin values, one exact integer quotient each, rounded in the venue's favour.
 * @see docs/spec.md#12-inverse-contracts
 */
import { ceilDiv, FONE, FZERO, Fixed, floorDiv, fmax } from './fixed.ts';

/** `{ kind: 'inverse', value }`: contracts of `value` quote currency, settled in the coin (§12.1). */
export type FContract = { readonly kind: 'linear' } | { readonly kind: 'inverse'; readonly value: Fixed };

export const LINEAR: FContract = Object.freeze({ kind: 'linear' });

export function isInverse(c: FContract): c is { readonly kind: 'inverse'; readonly value: Fixed } {
  return c.kind === 'inverse';
}

/**
 * The value (notional) of `absSize ≥ 0` valued at `price > 0`: `|q|·x` (linear, exact) or
 * `⌈|q|·v/x⌉_u` (inverse, up: §12.2).
 */
export function valueOf(c: FContract, absSize: Fixed, price: Fixed, unit: Fixed): Fixed {
  if (c.kind === 'linear') return absSize.mul(price);
  if (absSize.isZero()) return FZERO;
  return ceilDiv(absSize.mul(c.value), price.mul(unit)).mul(unit);
}

/**
 * The PnL of a signed size `q` entered at `entry` and valued at `price`: `q·(x − e)` (linear,
 * exact: §7.2 floors it where it is realized) or `⌊q·v·(x − e)/(e·x)⌋_u` (inverse, down: §12.2).
 */
export function pnlOf(c: FContract, size: Fixed, entry: Fixed, price: Fixed, unit: Fixed): Fixed {
  if (c.kind === 'linear') return size.mul(price.sub(entry));
  if (size.isZero()) return FZERO;
  return floorDiv(size.mul(c.value).mul(price.sub(entry)), entry.mul(price).mul(unit)).mul(unit);
}

/**
 * The largest lot multiple `s = j·ℓ ≥ 0` whose value at `price` is below `bound` (§12.5): linear
 * `(⌈F/(ℓ·P)⌉ − 1)·ℓ`, inverse `max(0, ⌊(⌈F⌉_u − u)·P/(v·ℓ)⌋)·ℓ`.
 */
export function largestBelow(c: FContract, bound: Fixed, lot: Fixed, price: Fixed, unit: Fixed): Fixed {
  if (c.kind === 'linear') return ceilDiv(bound, lot.mul(price)).sub(FONE).mul(lot);
  const grid = ceilDiv(bound, unit).mul(unit).sub(unit);
  return fmax(FZERO, floorDiv(grid.mul(price), c.value.mul(lot))).mul(lot);
}

/**
 * The smallest lot multiple `s = j·ℓ` whose value at `price` is at least `bound` (§12.5): linear
 * `⌈F/(ℓ·P)⌉·ℓ`, inverse {@link largestBelow} plus one lot.
 */
export function smallestAtLeast(c: FContract, bound: Fixed, lot: Fixed, price: Fixed, unit: Fixed): Fixed {
  if (c.kind === 'linear') return ceilDiv(bound, lot.mul(price)).mul(lot);
  return largestBelow(c, bound, lot, price, unit).add(lot);
}

/** `−(exact PnL)` numerator/denominator helpers for the exact-rational checks (LIQ-007 on inverse, §12.6). */
export interface Ratio {
  /** numerator */
  readonly n: bigint;
  /** denominator, > 0 */
  readonly d: bigint;
}

/** `a` as a ratio of integers. */
export function ratioOf(a: Fixed): Ratio {
  return { n: a.m, d: 10n ** BigInt(a.s) };
}

export function ratioAdd(a: Ratio, b: Ratio): Ratio {
  return a.d === b.d ? { n: a.n + b.n, d: a.d } : { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

export function ratioSub(a: Ratio, b: Ratio): Ratio {
  return ratioAdd(a, { n: -b.n, d: b.d });
}

export function ratioSign(a: Ratio): -1 | 0 | 1 {
  return a.n === 0n ? 0 : a.n > 0n ? 1 : -1;
}

/** `a < b` for ratios with positive denominators. */
export function ratioLt(a: Ratio, b: Ratio): boolean {
  return a.n * b.d < b.n * a.d;
}

/**
 * The exact (unrounded) PnL `q·(x − e)` or `q·v·(x − e)/(e·x)` as a ratio (§12.6).
 */
export function exactPnlOf(c: FContract, size: Fixed, entry: Fixed, price: Fixed): Ratio {
  if (c.kind === 'linear') return ratioOf(size.mul(price.sub(entry)));
  const n = ratioOf(size.mul(c.value).mul(price.sub(entry)));
  const d = ratioOf(entry.mul(price));
  // n/d with both as decimals: (n.n/n.d) / (d.n/d.d) = n.n·d.d / (n.d·d.n); d.n > 0 (prices > 0)
  return { n: n.n * d.d, d: n.d * d.n };
}

/** `Fixed` re-exported for callers that build contracts by hand (tests, generators). */
export { Fixed };
