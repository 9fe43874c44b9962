/**
 * The exact amount of a decimal string already in the syntax of spec §1.1 (what the compiled
 * lending schema guarantees), with no detour through decimal.js.
 * @see docs/spec.md#11-representation
 * @internal
 */
import { Fixed } from '../model/fixed.ts';

export function fixedOf(s: string): Fixed {
  const negative = s.charCodeAt(0) === 45; /* '-' */
  const body = negative ? s.slice(1) : s;
  const dot = body.indexOf('.');
  const m = BigInt(dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1));
  return new Fixed(negative ? -m : m, dot < 0 ? 0 : body.length - dot - 1);
}

/** Whether `x` is `10^−k` for some `k ≥ 0` (a token unit, spec §11.1). */
export function isUnitPowerOfTen(x: Fixed): boolean {
  let { m, s } = x;
  while (s > 0 && m % 10n === 0n) {
    m /= 10n;
    s--;
  }
  return m === 1n;
}
