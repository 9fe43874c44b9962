/**
 * Fractions of the simulation (docs/simulation.md S1): decimals with at most Φ = 12 fraction
 * digits, a computed one truncated toward zero, and the one square root (S4) the integer square
 * root at that scale — so impact, premia and curve values are the same bytes on every platform.
 * @see docs/simulation.md#s1-numbers-and-scope
 */
import { Dec } from '../model/decimal.ts';

/** Φ: the fraction digits of every fraction. */
export const PHI = 12;

/** 10^Φ */
export const PHI_SCALE = new Dec(10).pow(PHI);
const SCALE = PHI_SCALE;
/** 10^−Φ, the smallest positive fraction. */
export const FRACTION_UNIT = new Dec(10).pow(-PHI);

/** `⌊x⌋_Φ`: `x` truncated toward zero to Φ fraction digits. */
export function truncPhi(x: Dec): Dec {
  return x.mul(SCALE).trunc().div(SCALE);
}

/** `⌊√n⌋` for an integer `n ≥ 0` (Newton's method on bigints). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // Newton from a float estimate; the two corrections make it exact whatever the estimate's error.
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/**
 * `√x` at Φ digits for `x ≥ 0` (S4): `x` truncated to 2Φ digits, `⌊√(x·10^{2Φ})⌋·10^−Φ`, i.e. the
 * largest Φ-digit fraction whose square does not exceed `⌊x⌋_{2Φ}`.
 */
export function sqrtPhi(x: Dec): Dec {
  return sqrtOfInteger(x.mul(SCALE).mul(SCALE).trunc());
}

/** `⌊√n⌋·10^−Φ` for an integer `n = ⌊x⌋_{2Φ}·10^{2Φ}`: the Φ-digit square root of `x`. */
export function sqrtOfInteger(n: Dec): Dec {
  return new Dec(isqrt(BigInt(n.toFixed(0))).toString()).div(SCALE);
}
