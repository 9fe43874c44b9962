/**
 * BitMEX's ADL score (spec S9) as an exact fraction, and a float estimate for cheap comparisons.
 *
 * @remarks Why a fraction and not a decimal: the score divides twice, and a 200-digit division per
 * candidate is what makes a 10,000-account ADL slow; comparing `a/b` with `c/d` as `a·d` vs `c·b`
 * on bigints is exact and needs no division at all. Why a float too: even the bigint fraction
 * costs about a microsecond a candidate, while the float estimate, built from the decimals' exact
 * integer mantissas (so `m − e` is exact before any rounding), costs a tenth of that and is within
 * a relative ≈10^−15 of the score. Rankings compare estimates and fall back to the exact fractions
 * only for pairs within a relative {@link NEAR} of each other, so the order is exact.
 */
import { Fixed, fromDec, pow10, toDec } from '../../model/fixed.ts';
import type { Dec } from '../../model/decimal.ts';

/** `score = num / den`, `den > 0`. */
export interface ScoreFraction {
  readonly num: Fixed;
  readonly den: Fixed;
}

/**
 * The exact score of a position `size ≠ 0` at `entry > 0` with `equity > 0`, at `mark > 0`:
 * `PNL% = side·(m − e)/e`, `EffLev = |q|·m/E`; `PNL%·EffLev = q·(m − e)·m / (e·E)` when PNL% > 0,
 * else `PNL%/EffLev = side·(m − e)·E / (e·|q|·m)`.
 */
export function bitmexScore(size: Dec, entry: Dec, equity: Dec, mark: Dec): ScoreFraction {
  const q = fromDec(size);
  const e = fromDec(entry);
  const E = fromDec(equity);
  const m = fromDec(mark);
  const move = m.sub(e);
  const gain = q.mul(move);
  if (gain.sign() > 0) return { num: gain.mul(m), den: e.mul(E) };
  return { num: (q.sign() > 0 ? move : move.neg()).mul(E), den: e.mul(q.abs()).mul(m) };
}

/** −1, 0 or 1 as the score `a` is below, equal to or above `b`, exactly. */
export function compareFractions(a: ScoreFraction, b: ScoreFraction): number {
  return a.num.mul(b.den).cmp(b.num.mul(a.den));
}

/** Relative gap of two estimates below which they are compared exactly instead. */
export const NEAR = 1e-12;

/**
 * −1, 0 or 1 as estimate `x` is clearly below or above `y`, or 0 when they are within {@link NEAR}
 * (or either is NaN): then only the exact fractions can tell.
 */
export function compareEstimates(x: number, y: number): number {
  if (x !== x || y !== y) return 0;
  const gap = x - y;
  const tol = NEAR * Math.max(Math.abs(x), Math.abs(y));
  return gap > tol ? 1 : gap < -tol ? -1 : 0;
}

/** An integer-mantissa view of a decimal: `value = m·10^−s` with `m` an exact safe integer. */
export interface Mantissa {
  readonly m: number;
  readonly s: number;
}

// The scale of the last `mantissa` call: returning it through a module slot instead of an object
// keeps the per-candidate pass free of allocations (it runs 10,000 times per ADL).
let lastScale = 0;

/**
 * The mantissa of `d` when it has at most 14 significant digits in decimal.js's limbs (every
 * amount of a realistic market), else NaN; its scale is left in `lastScale`.
 *
 * @remarks Reads decimal.js 10's representation as src/model/fixed.ts `fromDec` does (the version
 * is pinned): `d` base-10^7 limbs aligned on the decimal point, `e` the leading digit's exponent.
 */
function mantissa(d: Dec): number {
  const raw = d as unknown as { d: readonly number[]; e: number; s: number };
  const limbs = raw.d;
  const first = limbs[0]!;
  if (first === 0) {
    lastScale = 0;
    return 0;
  }
  const n = limbs.length;
  if (n > 2) return Number.NaN;
  const digits = first < 1e3 ? (first < 10 ? 1 : first < 100 ? 2 : 3) : first < 1e5 ? (first < 1e4 ? 4 : 5) : first < 1e6 ? 6 : 7;
  lastScale = digits - 1 + (n === 2 ? 7 : 0) - raw.e;
  const m = n === 2 ? first * 1e7 + limbs[1]! : first;
  return raw.s < 0 ? -m : m;
}

/** {@link mantissa} as a value, or null (for the mark, read once per ranking). */
export function mantissaOf(d: Dec): Mantissa | null {
  const m = mantissa(d);
  return m === m ? { m, s: lastScale } : null;
}

// Beyond these magnitudes a double may be subnormal or overflow and its relative error unbounded.
const TRUSTED_MIN = 1e-280;
const TRUSTED_MAX = 1e280;

/**
 * The score of {@link bitmexScore} as a double, within a relative 10^−14 of the exact one, or NaN
 * when the inputs are not exact doubles (then rankings use the fraction).
 *
 * @remarks `m − e` is computed on the aligned integer mantissas, exactly; the five products and
 * quotients after it round by at most 2^−53 each, and the power of ten by about one ulp.
 */
export function estimateScore(size: Dec, entry: Dec, equity: Dec, mark: Mantissa): number {
  const q = mantissa(size);
  const qs = lastScale;
  const e = mantissa(entry);
  const es = lastScale;
  const E = mantissa(equity);
  const Es = lastScale;
  if (q !== q || e !== e || E !== E) return Number.NaN;
  // Align mark and entry on the finer scale; the products stay exact integers below 2^53.
  const s = Math.max(mark.s, es);
  const mm = mark.m * POW[s - mark.s]!;
  const em = e * POW[s - es]!;
  if (!(Math.abs(mm) <= Number.MAX_SAFE_INTEGER) || !(Math.abs(em) <= Number.MAX_SAFE_INTEGER)) return Number.NaN;
  const move = mm - em; // exact: both safe integers of the same sign
  if (move === 0) return 0;
  let x: number;
  if (q > 0 === move > 0) {
    // q·(m − e)·m / (e·E): scales q.s + s + s over s + E.s
    x = ((q * move * mm) / (em * E)) * 10 ** (Es - qs - s);
  } else {
    // side·(m − e)·E / (e·|q|·m): scales s + E.s over s + q.s + s
    x = (((q > 0 ? move : -move) * E) / (em * Math.abs(q) * mm)) * 10 ** (qs + s - Es);
  }
  const a = Math.abs(x);
  return a > TRUSTED_MIN && a < TRUSTED_MAX ? x : Number.NaN;
}

/** 10^k for the alignment shifts 0…22 (exact doubles); larger shifts give undefined → NaN. */
const POW: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Fraction digits of a reported score. */
export const SCORE_DIGITS = 18;

/** The score truncated toward zero to {@link SCORE_DIGITS} fraction digits (what reports show). */
export function reportedScore(f: ScoreFraction): Dec {
  // score·10^18 = num.m·10^(18 − num.s + den.s) / den.m; bigint `/` truncates toward zero.
  const k = SCORE_DIGITS - f.num.s + f.den.s;
  const n = k >= 0 ? f.num.m * pow10(k) : f.num.m;
  const d = k >= 0 ? f.den.m : f.den.m * pow10(-k);
  return toDec(new Fixed(n / d, SCORE_DIGITS));
}
