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

/**
 * The nonzero `Dec` ±0.d₁d₂… × 10^(e+1), built in decimal.js 10's own representation: `digits` its
 * significant digits (no leading or trailing zero), `e` the exponent of the leading one. `s` the
 * sign, `d` base-10^7 limbs aligned on the decimal point (the first unpadded, no trailing zero
 * limb), exactly as decimal.js's string parser lays them out — without that parse (its pattern
 * test and digit-by-digit work), which dominated parsing and the reference's parsed results. The
 * version is pinned; fixed.test.ts and parseDecimal.test.ts compare the fields with `new Dec`.
 */
export function decOfDigits(negative: boolean, digits: string, e: number): Dec {
  const len = digits.length;
  const limbs: number[] = [];
  let i = (((e + 1) % 7) + 7) % 7;
  if (i < len) {
    if (i > 0) limbs.push(+digits.slice(0, i));
    for (; i + 7 < len; i += 7) limbs.push(+digits.slice(i, i + 7));
    const rest = digits.slice(i);
    limbs.push(+rest * LIMB_PAD[7 - rest.length]!);
  } else {
    limbs.push(+digits * LIMB_PAD[i - len]!);
  }
  const x = Object.create(Dec.prototype) as { constructor: unknown; s: number; e: number; d: number[] };
  x.constructor = Dec;
  x.s = negative ? -1 : 1;
  x.e = e;
  x.d = limbs;
  return x as unknown as Dec;
}

/** `10^k` for the zero padding of a last limb (0 ≤ k ≤ 7). */
const LIMB_PAD: readonly number[] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];

// Rounding to a step uses the truncated integer quotient (`divToInt`, exact and far cheaper than
// a 200-digit division) and corrects by the sign of the remainder.

/** Rounds `x` up to a multiple of `step > 0` (toward +∞). */
export function ceilTo(x: Dec, step: Dec): Dec {
  const down = x.divToInt(step).mul(step);
  return x.gt(down) ? down.add(step) : down;
}

/** Rounds `x` down to a multiple of `step > 0` (toward −∞). */
export function floorTo(x: Dec, step: Dec): Dec {
  const toward0 = x.divToInt(step).mul(step);
  return x.lt(toward0) ? toward0.sub(step) : toward0;
}

/** True when `x` is an integer multiple of `step > 0`. */
export function isMultipleOf(x: Dec, step: Dec): boolean {
  // A step `10^−k` (every quote unit, most lots and ticks) divides exactly the decimals with at
  // most k fraction digits: no quotient needed.
  const k = fractionPowerOfTen(step);
  if (k !== null) return x.decimalPlaces() <= k;
  return x.divToInt(step).mul(step).eq(x);
}

/** `k` when `step = 10^−k` with `k ≥ 0`, else null (read from decimal.js's single limb). */
function fractionPowerOfTen(step: Dec): number | null {
  const limbs = (step as unknown as { d: readonly number[] | null }).d;
  if (limbs === null || limbs.length !== 1 || step.isNeg() || step.e > 0 || !LIMB_POWERS.has(limbs[0]!)) return null;
  return -step.e;
}

const LIMB_POWERS: ReadonlySet<number> = new Set([1, 10, 100, 1000, 10_000, 100_000, 1_000_000]);

/**
 * `10^−k` for the scales a decimal of spec §1.1 can have, made once (decimal.js values are
 * immutable): `pow` is a general exponentiation, and every market of every generated parameter
 * set asks for two units.
 */
const UNITS: readonly Dec[] = Array.from({ length: 19 }, (_, k) => new Dec(10).pow(-k));

/** The quote unit `10^−scale`. */
export function unitOf(scale: number): Dec {
  return UNITS[scale] ?? new Dec(10).pow(-scale);
}


/**
 * Canonical decimal string (spec §1.1): plain notation, no trailing fraction zeros, `"0"` for zero.
 */
export function toCanonical(x: Dec): string {
  // decimal.js keeps no trailing zeros and, with this clone's exponent limits, never uses
  // exponent notation; zero is the one value whose sign it would print ("-0").
  return x.isZero() ? '0' : x.toString();
}

export function dmin(a: Dec, b: Dec): Dec {
  return a.lt(b) ? a : b;
}

export function dmax(a: Dec, b: Dec): Dec {
  return a.gt(b) ? a : b;
}

/** `⌊a / b⌋` for `b > 0`, exactly. */
export function floorDiv(a: Dec, b: Dec): Dec {
  const q = a.divToInt(b);
  return a.lt(q.mul(b)) ? q.sub(1) : q;
}

/** `⌈a / b⌉` for `b > 0`, exactly. */
export function ceilDiv(a: Dec, b: Dec): Dec {
  const q = a.divToInt(b);
  return a.gt(q.mul(b)) ? q.add(1) : q;
}
