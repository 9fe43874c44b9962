/**
 * The model's exact integer amounts: `value = mantissa · 10^−scale`, a bigint mantissa and a
 * non-negative scale (fraction digits).
 *
 * @remarks Why: the reference spends most of its time in arithmetic, and every amount it computes
 * is a sum or product of inputs (spec §1.2), so a bigint with a decimal scale is exact with no
 * precision to choose. `add`/`sub`/`mul` are exact (scales aligned by a power of ten; a product's
 * scale is the sum of its factors'); there is no general division, only the explicit integer
 * quotients and step roundings the spec lists (§1.3): {@link floorDiv}, {@link ceilDiv},
 * {@link floorTo}, {@link ceilTo}. Values are not normalised (`1.50` may be held as 150·10^−2);
 * comparisons align scales, and {@link toCanonical} strips trailing zeros at the edge.
 *
 * Why our own type and not a library: dnum 2.17 (bigint-based, maintained, one small dependency)
 * was evaluated. Its `multiply` rounds to the first operand's decimals unless told otherwise, its
 * rounding modes are half / up / down with no rounding to a step (lot, tick, quote unit), and its
 * functional API on `[bigint, decimals]` tuples re-normalises and re-allocates on every call: on a
 * loop of the model's mix (multiply, floor to the quote unit, add, subtract, compare) it measured
 * ≈ 12× slower than this class (≈ 710 ms against ≈ 57 ms for 300,000 steps, same machine and run).
 * The operations the model needs are few and each is checked against decimal.js (fixed.test.ts),
 * so a small own type is both the faster and the smaller risk.
 * @see docs/spec.md#12-arithmetic
 */
import { Dec, decOfDigits } from './decimal.ts';

const POW10: bigint[] = [1n];

/** `10^k` for `k ≥ 0`, memoised (scales stay below a few hundred). */
export function pow10(k: number): bigint {
  for (let i = POW10.length; i <= k; i++) POW10.push(POW10[i - 1]! * 10n);
  return POW10[k]!;
}

export class Fixed {
  constructor(
    /** the integer mantissa */
    readonly m: bigint,
    /** fraction digits: `value = m · 10^−s`, `s ≥ 0` */
    readonly s: number,
  ) {}

  // A zero operand at a scale no larger than the other's gives that other operand as it is (same
  // mantissa, same scale): no allocation for the many sums that start at, or add, FZERO.
  add(o: Fixed): Fixed {
    const d = this.s - o.s;
    if (o.m === 0n && d >= 0) return this;
    if (this.m === 0n && d <= 0) return o;
    if (d === 0) return new Fixed(this.m + o.m, this.s);
    return d > 0 ? new Fixed(this.m + o.m * pow10(d), this.s) : new Fixed(this.m * pow10(-d) + o.m, o.s);
  }

  sub(o: Fixed): Fixed {
    const d = this.s - o.s;
    if (o.m === 0n && d >= 0) return this;
    if (d === 0) return new Fixed(this.m - o.m, this.s);
    return d > 0 ? new Fixed(this.m - o.m * pow10(d), this.s) : new Fixed(this.m * pow10(-d) - o.m, o.s);
  }

  mul(o: Fixed): Fixed {
    return new Fixed(this.m * o.m, this.s + o.s);
  }

  neg(): Fixed {
    return new Fixed(-this.m, this.s);
  }

  abs(): Fixed {
    return this.m < 0n ? new Fixed(-this.m, this.s) : this;
  }

  /** −1, 0 or 1 as `this` is less than, equal to or greater than `o`. */
  cmp(o: Fixed): number {
    const d = this.s - o.s;
    const a = d >= 0 ? this.m : this.m * pow10(-d);
    const b = d <= 0 ? o.m : o.m * pow10(d);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  lt(o: Fixed): boolean {
    return this.cmp(o) < 0;
  }

  lte(o: Fixed): boolean {
    return this.cmp(o) <= 0;
  }

  gt(o: Fixed): boolean {
    return this.cmp(o) > 0;
  }

  gte(o: Fixed): boolean {
    return this.cmp(o) >= 0;
  }

  eq(o: Fixed): boolean {
    return this.cmp(o) === 0;
  }

  isZero(): boolean {
    return this.m === 0n;
  }

  /** −1, 0 or 1: the sign, with no alignment. */
  sign(): number {
    return this.m < 0n ? -1 : this.m > 0n ? 1 : 0;
  }
}

export const FZERO = new Fixed(0n, 0);
export const FONE = new Fixed(1n, 0);

/**
 * The exact amount of a decimal string already in the syntax of spec §1.1 (what a compiled wire
 * schema guarantees, or a string the code wrote itself), with no detour through decimal.js.
 * @see docs/spec.md#11-representation
 */
export function fixedOf(s: string): Fixed {
  const negative = s.charCodeAt(0) === 45; /* '-' */
  const body = negative ? s.slice(1) : s;
  const dot = body.indexOf('.');
  const m = BigInt(dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1));
  return new Fixed(negative ? -m : m, dot < 0 ? 0 : body.length - dot - 1);
}

/** `x` at its shortest scale: the same value with its trailing fraction zeros dropped. */
export function trimmed(x: Fixed): Fixed {
  let { m, s } = x;
  while (s > 0 && m % 10n === 0n) {
    m /= 10n;
    s--;
  }
  return s === x.s ? x : new Fixed(m, s);
}

/** `a`'s mantissa at the common scale of `a` and `b` (the larger of the two). */
function alignedM(a: Fixed, b: Fixed): bigint {
  return a.s >= b.s ? a.m : a.m * pow10(b.s - a.s);
}

// bigint `/` truncates toward zero; floor and ceil correct by comparing the product back, exactly
// as decimal.ts does with `divToInt` (so the two agree even for a divisor the model never uses).
function floorQ(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < q * b ? q - 1n : q;
}

function ceilQ(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a > q * b ? q + 1n : q;
}

// The four roundings align the two mantissas one at a time, not as a returned tuple: they run on
// every fill and every candidate, and a tuple per call is garbage for the collector to sweep.

/** `⌊a / b⌋` for `b > 0`, an integer (scale 0). */
export function floorDiv(a: Fixed, b: Fixed): Fixed {
  return new Fixed(floorQ(alignedM(a, b), alignedM(b, a)), 0);
}

/** `⌈a / b⌉` for `b > 0`, an integer (scale 0). */
export function ceilDiv(a: Fixed, b: Fixed): Fixed {
  return new Fixed(ceilQ(alignedM(a, b), alignedM(b, a)), 0);
}

/** Rounds `x` down to a multiple of `step > 0` (toward −∞). */
export function floorTo(x: Fixed, step: Fixed): Fixed {
  const b = alignedM(step, x);
  return new Fixed(floorQ(alignedM(x, step), b) * b, x.s >= step.s ? x.s : step.s);
}

/** Rounds `x` up to a multiple of `step > 0` (toward +∞). */
export function ceilTo(x: Fixed, step: Fixed): Fixed {
  const b = alignedM(step, x);
  return new Fixed(ceilQ(alignedM(x, step), b) * b, x.s >= step.s ? x.s : step.s);
}

export function fmin(a: Fixed, b: Fixed): Fixed {
  return a.lt(b) ? a : b;
}

export function fmax(a: Fixed, b: Fixed): Fixed {
  return a.gt(b) ? a : b;
}

/**
 * Canonical decimal string (spec §1.1): plain notation, no trailing fraction zeros, `"0"` for zero.
 */
export function toCanonical(x: Fixed): string {
  const { m, s } = x;
  if (m === 0n) return '0';
  const neg = m < 0n;
  const digits = (neg ? -m : m).toString();
  const sign = neg ? '-' : '';
  if (s === 0) return sign + digits;
  // Work on the digit string: one bigint-to-text conversion instead of a division per zero.
  const padded = digits.length > s ? digits : '0'.repeat(s - digits.length + 1) + digits;
  const cut = padded.length - s;
  let end = padded.length;
  while (end > cut && padded.charCodeAt(end - 1) === 48 /* '0' */) end--;
  return end === cut ? sign + padded.slice(0, cut) : `${sign}${padded.slice(0, cut)}.${padded.slice(cut, end)}`;
}

/**
 * The exact amount of a finite decimal.js value.
 *
 * @remarks Read from the value's digits (`d`: base-10^7 limbs, the first unpadded; `e`: the
 * exponent of the leading digit; `s`: the sign), not through `toFixed()`, whose string building was
 * a tenth of the integer core's time. These fields are decimal.js 10's representation (the
 * version is pinned); fixed.test.ts checks the round trip on every scale 0…54.
 */
const LIMB = 10n ** 7n;

/** Decimal digits of a limb `1 ≤ limb < 10^7`. */
function digitCount(limb: number): number {
  return limb < 1e3 ? (limb < 10 ? 1 : limb < 100 ? 2 : 3) : limb < 1e5 ? (limb < 1e4 ? 4 : 5) : limb < 1e6 ? 6 : 7;
}

export function fromDec(d: Dec): Fixed {
  const limbs = (d as unknown as { d: readonly number[] }).d;
  const first = limbs[0]!;
  if (first === 0) return FZERO;
  // The first two limbs (< 10^14 < 2^53) are combined exactly as a double, so most amounts take
  // one bigint conversion and no bigint arithmetic.
  const two = limbs.length > 1;
  let m = BigInt(two ? first * 1e7 + limbs[1]! : first);
  for (let i = two ? 2 : 1; i < limbs.length; i++) m = m * LIMB + BigInt(limbs[i]!);
  // value = m · 10^shift: the leading digit sits at 10^e, the last limb's last digit 7·(n−1) places lower.
  const shift = d.e - (digitCount(first) - 1) - 7 * (limbs.length - 1);
  if (shift > 0) m *= pow10(shift);
  return new Fixed(d.isNeg() ? -m : m, shift < 0 ? -shift : 0);
}

/**
 * The same amount as a decimal.js value (for the diagnostics that divide, the parsed result of
 * the reference, and the oracle).
 *
 * @remarks Writes the value's digits straight into decimal.js 10's representation, the converse
 * of {@link fromDec}: `e` the exponent of the leading digit, `d` base-10^7 limbs aligned on the
 * decimal point (the first one unpadded, trailing zero limbs dropped), exactly as decimal.js's own
 * string parser lays them out. Going through `new Dec(toCanonical(x))` instead costs a string
 * with its trailing zeros trimmed, a regular expression and that same parse: most of the time the
 * reference spends handing its parsed result to the invariants. fixed.test.ts checks the result
 * equal, field for field, to `new Dec(toCanonical(x))` on every scale 0…54.
 */
export function toDec(x: Fixed): Dec {
  if (x.m === 0n) return new Dec(0);
  const neg = x.m < 0n;
  const digits = (neg ? -x.m : x.m).toString();
  let len = digits.length;
  while (digits.charCodeAt(len - 1) === 48 /* '0' */) len--;
  return decOfDigits(neg, digits.slice(0, len), digits.length - 1 - x.s);
}
