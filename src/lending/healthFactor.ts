/**
 * The trigger and the health factor (spec §11.3).
 *
 * @remarks Why the trigger does not read the health factor: HF is a quotient and would have to be
 * rounded; `W < D` is exact. The HF string is a diagnostic for reports, floored so that it never
 * looks healthier than the exact value.
 * @see docs/spec.md#113-health-factor-and-trigger
 */
import { Fixed, floorDiv, pow10, toCanonical } from '../model/fixed.ts';
import type { AccountValue } from './baseValue.ts';

/** Fraction digits of the reported health factor (Aave's WAD). */
export const HEALTH_DIGITS = 18;

/** Liquidatable iff `D > 0` and `W < D`. */
export function isLiquidatable(v: Pick<AccountValue, 'weighted' | 'debt'>): boolean {
  return v.debt.sign() > 0 && v.weighted.lt(v.debt);
}

/** `⌊W / D⌋_{10^−18}` as a canonical decimal, or `null` when `D = 0`. */
export function healthFactor(v: Pick<AccountValue, 'weighted' | 'debt'>): string | null {
  if (v.debt.sign() <= 0) return null;
  const scaled = floorDiv(v.weighted.mul(new Fixed(pow10(HEALTH_DIGITS), 0)), v.debt);
  return toCanonical(new Fixed(scaled.m, HEALTH_DIGITS));
}

/** `HF > h`, exactly: `W > h · D` (spec §11.4). */
export function healthAbove(v: Pick<AccountValue, 'weighted' | 'debt'>, h: Fixed): boolean {
  return v.weighted.gt(h.mul(v.debt));
}
