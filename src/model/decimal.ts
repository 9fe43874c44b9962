/**
 * The model's only decimal constructor and the helpers that quantize with it.
 *
 * @remarks A private clone: 200 significant digits keep every sum and product of inputs exact
 * (inputs have at most 48 significant digits and no formula multiplies more than four of them);
 * exponents are unbounded in practice so `toString` never switches to exponent notation.
 * @see docs/spec.md#1-numbers
 */
import Decimal from 'decimal.js';

export const Dec = Decimal.clone({
  precision: 200,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
  minE: -9e15,
  maxE: 9e15,
  modulo: Decimal.ROUND_FLOOR,
});
export type Dec = InstanceType<typeof Dec>;

export const ZERO: Dec = new Dec(0);
export const ONE: Dec = new Dec(1);

/** Rounds `x` up to a multiple of `step` (toward +∞). */
export function ceilTo(x: Dec, step: Dec): Dec {
  return x.div(step).ceil().mul(step);
}

/** Rounds `x` down to a multiple of `step` (toward −∞). */
export function floorTo(x: Dec, step: Dec): Dec {
  return x.div(step).floor().mul(step);
}

/** True when `x` is an integer multiple of `step`. */
export function isMultipleOf(x: Dec, step: Dec): boolean {
  return x.div(step).isInteger();
}

/** The quote unit `10^−scale`. */
export function unitOf(scale: number): Dec {
  return new Dec(10).pow(-scale);
}

/**
 * Canonical decimal string (spec §1.1): plain notation, no trailing fraction zeros, `"0"` for zero.
 */
export function toCanonical(x: Dec): string {
  if (x.isZero()) return '0';
  // toFixed() with no argument prints every digit in plain notation; then trim zeros.
  const s = x.toFixed();
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

export function dmin(a: Dec, b: Dec): Dec {
  return a.lt(b) ? a : b;
}

export function dmax(a: Dec, b: Dec): Dec {
  return a.gt(b) ? a : b;
}
