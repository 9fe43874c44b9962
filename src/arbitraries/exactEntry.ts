/**
 * Exact placement of a group's equity: the collateral/entry pair that makes `E` hit a chosen value
 * with no rounding, so that boundary cases (`E = MM`, `E = t·MM`) really occur.
 * @see docs/spec.md#42-equity-and-requirement
 */
import { Dec } from '../model/decimal.ts';

/** Fraction digits an input decimal may have (spec §1.1). */
const MAX_FRACTION_DIGITS = 18;

/**
 * `10^e`, written rather than computed: `Decimal.pow` runs a general exponentiation (the largest
 * single cost of drawing a scenario) for what is only a shift of the exponent.
 */
export const pow10 = (e: number): Dec => new Dec(`1e${e}`);

const TEN_TO: readonly bigint[] = Array.from({ length: 64 }, (_, e) => 10n ** BigInt(e));
/** `10^e` for `e ≥ 0` as a bigint, from a table for the exponents a draw uses. */
const tenTo = (e: number): bigint => TEN_TO[e] ?? 10n ** BigInt(e);

/** `x·10^scale` as a bigint; `x` must have at most `scale` fraction digits (so `toFixed` is exact). */
export function scaled(x: Dec, scale: number): bigint {
  return BigInt(x.toFixed(scale).replace('.', ''));
}

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
  const absQ = p.size.abs();
  const u = pow10(-p.quoteScale);
  // Products, not quotients: the same exact values without a 200-digit division.
  const w = BigInt(p.collateral.mul(pow10(p.quoteScale)).ceil().toFixed(0));
  const tolerance = p.mark.mul('0.05');
  let best: { collateral: Dec; entry: Dec } | null = null;
  // The mantissas once, at their own scales: on every `s` below they are only shifted.
  const [tScale, qScale] = [p.target.decimalPlaces(), absQ.decimalPlaces()];
  const [tMantissa, qMantissa] = [scaled(p.target, tScale), scaled(absQ, qScale)];
  for (let s = 0; s <= MAX_FRACTION_DIGITS; s++) {
    const S = Math.max(tScale, p.quoteScale, s + qScale);
    const tn = tMantissa * tenTo(S - tScale);
    const un = tenTo(S - p.quoteScale);
    const gn = qMantissa * tenTo(S - s - qScale);
    const d = gcd(un, gn);
    if (tn % d !== 0n) continue;
    const m = gn / d;
    const c0 = ((tn / d) * modInverse(un / d, m)) % m;
    // The smallest solution ≥ the wished count, and the one below it when that is still ≥ 0.
    const above = w + ((((c0 - w) % m) + m) % m);
    for (const c of [above, above - m]) {
      if (c < 0n) continue;
      const collateral = u.mul(c.toString());
      // `c·un ≡ tn (mod gn)`, so `(T − C)/|q| = (tn − c·un)/gn · 10^−s` is an exact integer
      // quotient: no 200-digit division is needed.
      const rest = tn - c * un;
      if (rest % gn !== 0n) continue;
      const shift = new Dec(`${rest / gn}e-${s}`);
      const entry = p.mark.sub(p.size.isNeg() ? shift.neg() : shift);
      if (!entry.gt(0) || entry.decimalPlaces() > MAX_FRACTION_DIGITS) continue;
      if (!collateral.add(p.size.mul(p.mark.sub(entry))).eq(p.target)) continue; // belt and braces
      if (entry.sub(p.entry).abs().lte(tolerance)) return { collateral, entry };
      if (best === null || entry.sub(p.entry).abs().lt(best.entry.sub(p.entry).abs())) best = { collateral, entry };
    }
  }
  return best;
}
