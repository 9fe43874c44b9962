/**
 * Exact placement of a group's equity: the collateral/entry pair that makes `E` hit a chosen value
 * with no rounding, so that boundary cases (`E = MM`, `E = t·MM`) really occur.
 * @see docs/spec.md#42-equity-and-requirement
 */
import type { Dec } from '../model/decimal.ts';
import { ceilDiv, Fixed, fromDec, pow10 as tenTo, toDec } from '../model/fixed.ts';

/** Fraction digits an input decimal may have (spec §1.1). */
const MAX_FRACTION_DIGITS = 18;

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Inverse of `a` modulo `m` (`gcd(a, m) = 1`, `m ≥ 1`). */
function modInverse(a: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const k = r0 / r1;
    [r0, r1] = [r1, r0 - k * r1];
    [s0, s1] = [s1, s0 - k * s1];
  }
  return ((s0 % m) + m) % m;
}

/** What {@link exactEntry} needs: one position and the equity the group should have. */
export interface ExactEntryProblem {
  /** The target `C + q·(P − e)`: the group's desired equity minus the other positions' PnL. */
  readonly target: Dec;
  /** Collateral the caller would like (≥ 0); the answer stays close to it. */
  readonly collateral: Dec;
  /** Signed size of the absorbing position. */
  readonly size: Dec;
  /** Its mark. */
  readonly mark: Dec;
  /** The entry the caller would like; the answer stays close to it when it can. */
  readonly entry: Dec;
  /** Decimals of the quote currency: the collateral must be a multiple of `10^−quoteScale`. */
  readonly quoteScale: number;
}

/**
 * Collateral `C ≥ 0` on the quote grid and entry `e > 0` with at most 18 fraction digits such that
 * `C + q·(P − e) = target` exactly, or `null` when none is found near the wishes.
 *
 * @remarks Rounding `C` to the quote unit and putting the remainder into `e` only works when
 * `remainder / q` terminates, which it does not for sizes like 3 lots. Instead solve the
 * congruence `c·u ≡ target (mod |q|·10^−s)` for the collateral count `c`, trying the fewest entry
 * digits `s` first so entries stay as short as the problem allows.
 */
export function exactEntry(p: ExactEntryProblem): { collateral: Dec; entry: Dec } | null {
  const solved = exactEntryOf({ target: fromDec(p.target), collateral: fromDec(p.collateral), size: fromDec(p.size), mark: fromDec(p.mark), entry: fromDec(p.entry), quoteScale: p.quoteScale });
  return solved === null ? null : { collateral: toDec(solved.collateral), entry: toDec(solved.entry) };
}

/** {@link ExactEntryProblem} on exact integers. */
export interface FixedEntryProblem {
  readonly target: Fixed;
  readonly collateral: Fixed;
  readonly size: Fixed;
  readonly mark: Fixed;
  readonly entry: Fixed;
  readonly quoteScale: number;
}

/** {@link exactEntry} on exact integers, as the scenario generator computes (no decimal.js). */
export function exactEntryOf(p: FixedEntryProblem): { collateral: Fixed; entry: Fixed } | null {
  // The least wished count of quote units: ⌈C·10^quoteScale⌉.
  const w = ceilDiv(p.collateral, new Fixed(1n, p.quoteScale)).m;
  // Every candidate is judged on mantissas, shifted as needed: the target and |q| at their
  // shortest scales (the solutions of the congruence do not depend on the scale; shorter integers
  // are cheaper), the mark, the wished entry and the tolerance `0.05·P` (the mark's mantissa ·5
  // at two more digits) as they come.
  const [t, q, mark, wish] = [shortest(p.target), shortest(p.size.abs()), p.mark, p.entry];
  const short = p.size.sign() < 0;
  let best: { c: bigint; entry: bigint; scale: number; off: bigint; offScale: number } | null = null;
  for (let s = 0; s <= MAX_FRACTION_DIGITS; s++) {
    const S = Math.max(t.s, p.quoteScale, s + q.s);
    const tn = t.m * tenTo(S - t.s);
    const un = tenTo(S - p.quoteScale);
    const gn = q.m * tenTo(S - s - q.s);
    const d = gcd(un, gn);
    if (tn % d !== 0n) continue;
    const m = gn / d;
    const c0 = ((tn / d) * modInverse(un / d, m)) % m;
    // The smallest solution ≥ the wished count, and the one below it when that is still ≥ 0.
    const above = w + ((((c0 - w) % m) + m) % m);
    for (const c of [above, above - m]) {
      if (c < 0n) continue;
      // `c·un ≡ tn (mod gn)`, so `(T − C)/|q| = (tn − c·un)/gn · 10^−s` is an exact integer
      // quotient, and `C + q·(P − e) = T` holds by construction. The entry is `P ∓ shift`.
      const rest = tn - c * un;
      if (rest % gn !== 0n) continue;
      const shift = rest / gn;
      const E = Math.max(mark.s, s);
      const entry = mark.m * tenTo(E - mark.s) - (short ? -shift : shift) * tenTo(E - s);
      if (entry <= 0n || fractionDigits(entry, E) > MAX_FRACTION_DIGITS) continue;
      const X = Math.max(E, wish.s, mark.s + 2);
      const diff = entry * tenTo(X - E) - wish.m * tenTo(X - wish.s);
      const off = diff < 0n ? -diff : diff;
      if (off <= mark.m * 5n * tenTo(X - mark.s - 2)) return { collateral: new Fixed(c, p.quoteScale), entry: new Fixed(entry, E) };
      if (best === null || lessAt(off, X, best.off, best.offScale)) best = { c, entry, scale: E, off, offScale: X };
    }
  }
  return best === null ? null : { collateral: new Fixed(best.c, p.quoteScale), entry: new Fixed(best.entry, best.scale) };
}

/** `x` with its trailing fraction zeros dropped: the mantissa at the value's own scale. */
function shortest(x: Fixed): Fixed {
  let { m, s } = x;
  while (s > 0 && m % 10n === 0n) {
    m /= 10n;
    s--;
  }
  return m === x.m ? x : new Fixed(m, s);
}

/** Fraction digits of `m·10^−scale` once trailing zeros are dropped. */
function fractionDigits(m: bigint, scale: number): number {
  return shortest(new Fixed(m, scale)).s;
}

/** `a·10^−sa < b·10^−sb` for `a, b ≥ 0`. */
function lessAt(a: bigint, sa: number, b: bigint, sb: number): boolean {
  const e = Math.max(sa, sb);
  return a * tenTo(e - sa) < b * tenTo(e - sb);
}
