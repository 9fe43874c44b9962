/**
 * Integer helpers of the lending generators: amounts, prices and values as bigint counts of their
 * smallest step (`raw · 10^−scale`), so every solve is exact integer arithmetic, never a float.
 * @internal
 */
import { canonicalDecimal } from '../../arbitraries/decimal.ts';

/** `10^k` for `k ≥ 0`. */
export const ten = (k: number): bigint => 10n ** BigInt(k);

export function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function lcm(a: bigint, b: bigint): bigint {
  return a === 0n || b === 0n ? 0n : (a / gcd(a, b)) * b;
}

/** `⌊a/b⌋` for `b > 0` (bigint division truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b > a ? q - 1n : q;
}

/** `⌈a/b⌉` for `b > 0`. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}

/** The least multiple of `m > 0` that is `≥ x`. */
export const ceilToMultiple = (x: bigint, m: bigint): bigint => ceilDiv(x, m) * m;

/** The greatest multiple of `m > 0` that is `≤ x`. */
export const floorToMultiple = (x: bigint, m: bigint): bigint => floorDiv(x, m) * m;

/** The canonical decimal string (spec §1.1) of `raw · 10^−scale`. */
export const decimalOf = (raw: bigint, scale: number): string => canonicalDecimal(raw, scale);

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * `x · 10^scale` as a bigint, for a plain decimal string `x` with at most `scale` fraction digits.
 * @throws Error when `x` is not such a string: a programming error in a generator, not user input.
 */
export function rawOf(x: string, scale: number): bigint {
  const m = PLAIN.exec(x);
  const frac = m?.[3] ?? '';
  if (m === null || frac.replace(/0+$/, '').length > scale) throw new Error(`lending arbitraries: ${JSON.stringify(x)} is not a decimal with ≤ ${scale} fraction digits`);
  const abs = BigInt((m[2] ?? '0') + frac.padEnd(scale, '0').slice(0, scale));
  return m[1] === '-' ? -abs : abs;
}

/** Fraction digits of a plain decimal string, trailing zeros ignored. */
export function scaleOf(x: string): number {
  const frac = x.split('.')[1] ?? '';
  return frac.replace(/0+$/, '').length;
}
