/**
 * Exact placement of a group's equity: the collateral/entry pair that makes `E` hit a chosen value
 * with no rounding, so that boundary cases (`E = MM`, `E = t·MM`) really occur.
 * @see docs/spec.md#42-equity-and-requirement
 */
import type { Dec } from '../model/decimal.ts';
import { ceilDiv, Fixed, fromDec, pow10 as tenTo, toDec, trimmed } from '../model/fixed.ts';

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
  // The congruence is solved on the mantissas of the target and |q| at their shortest scales (its
  // solutions do not depend on the scale; shorter integers are cheaper).
  const [t, q, mark] = [trimmed(p.target), trimmed(p.size.abs()), p.mark];
  const short = p.size.sign() < 0;
  const tolerance = new Fixed(mark.m * 5n, mark.s + 2); // 0.05·P
  let best: { collateral: Fixed; entry: Fixed; off: Fixed } | null = null;
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
      const entry = new Fixed(mark.m * tenTo(E - mark.s) - (short ? -shift : shift) * tenTo(E - s), E);
      if (entry.m <= 0n || trimmed(entry).s > MAX_FRACTION_DIGITS) continue;
      const collateral = new Fixed(c, p.quoteScale);
      const off = entry.sub(p.entry).abs();
      if (off.lte(tolerance)) return { collateral, entry };
      if (best === null || off.lt(best.off)) best = { collateral, entry, off };
    }
  }
  return best === null ? null : { collateral: best.collateral, entry: best.entry };
}
