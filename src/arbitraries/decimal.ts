/**
 * Canonical decimal strings (spec §1.1) as a fast-check arbitrary.
 * @see docs/spec.md#11-representation
 */
import fc from 'fast-check';
import { Dec } from '../model/decimal.ts';

/** Bounds and fixed scale of {@link decimal}. */
export interface DecimalConstraints {
  /** Lowest value, a decimal string (need not be on the `scale` grid). */
  readonly min: string;
  /** Highest value, a decimal string (need not be on the `scale` grid). */
  readonly max: string;
  /** Number of fraction digits of the grid the values live on, 0…18. */
  readonly scale: number;
}

const MAX_SCALE = 18;
/** Any plain decimal, trailing zeros allowed: what a bound may be written as. */
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;
/** Exactly the canonical output form of spec §1.1. */
const CANONICAL = /^(-?)(0|[1-9]\d*)(?:\.(\d*[1-9]))?$/;

function assertScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
    throw new Error(`decimal scale must be an integer in 0…${MAX_SCALE}, got ${String(scale)}`);
  }
}

/**
 * The canonical string of `mantissa · 10^−scale`: plain notation, no trailing fraction zeros,
 * `"0"` for zero (never `"-0"`).
 *
 * @example canonicalDecimal(12500n, 4) === '1.25'
 */
export function canonicalDecimal(mantissa: bigint, scale: number): string {
  assertScale(scale);
  const negative = mantissa < 0n;
  const digits = (negative ? -mantissa : mantissa).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  const body = frac === '' ? int : `${int}.${frac}`;
  // A zero mantissa never reaches here negative, so "-0" cannot be produced.
  return negative ? `-${body}` : body;
}

/** `value · 10^scale` rounded toward −∞ (`floor`) or +∞ (`ceil`); `value` must be plain. */
function scaledBound(value: string, scale: number, direction: 'floor' | 'ceil', what: string): bigint {
  const m = PLAIN.exec(value);
  if (m === null) throw new Error(`decimal ${what} must be a plain decimal string, got ${JSON.stringify(value)}`);
  const sign = m[1] === '-' ? -1n : 1n;
  const frac = m[3] ?? '';
  const whole = BigInt((m[2] ?? '0') + frac.slice(0, scale).padEnd(scale, '0'));
  const cut = /[1-9]/.test(frac.slice(scale));
  // Truncation moved |value| toward zero; undo that when it went the wrong way for `direction`.
  if (!cut) return sign * whole;
  if (sign > 0n) return direction === 'ceil' ? whole + 1n : whole;
  return direction === 'floor' ? -(whole + 1n) : -whole;
}

/** Mantissa of a canonical string on the `scale` grid, or `undefined` when it is not one. */
function mantissaOf(value: unknown, scale: number): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  const m = CANONICAL.exec(value);
  if (m === null || value === '-0') return undefined;
  const frac = m[3] ?? '';
  if (frac.length > scale) return undefined;
  const abs = BigInt((m[2] ?? '0') + frac.padEnd(scale, '0'));
  return m[1] === '-' ? -abs : abs;
}

/**
 * Canonical decimal strings on the grid `10^−scale` within `[min, max]`.
 *
 * @remarks Built on a `bigint` mantissa, so values shrink like integers: toward 0 when the range
 * holds it, otherwise toward the bound closest to zero, so a failure shrinks to the failing value
 * of least magnitude. The unmapper lets hand-written values (`examples`) shrink too.
 * @throws Error when `scale` is not an integer in 0…18, a bound is not a decimal string, or no
 * grid value lies in `[min, max]` (which includes `min > max`).
 */
export function decimal(c: DecimalConstraints): fc.Arbitrary<string> {
  assertScale(c.scale);
  const lo = scaledBound(c.min, c.scale, 'ceil', 'min');
  const hi = scaledBound(c.max, c.scale, 'floor', 'max');
  if (new Dec(c.min).gt(new Dec(c.max))) throw new Error(`decimal: min ${c.min} > max ${c.max}`);
  if (lo > hi) throw new Error(`decimal: no multiple of 10^-${c.scale} lies in [${c.min}, ${c.max}]`);
  return fc.bigInt({ min: lo, max: hi }).map(
    (m) => canonicalDecimal(m, c.scale),
    (value) => {
      const m = mantissaOf(value, c.scale);
      if (m === undefined || m < lo || m > hi) throw new Error('not a value of this decimal arbitrary');
      return m;
    },
  );
}
