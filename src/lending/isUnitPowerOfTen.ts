/**
 * Whether a token unit is a power of ten (spec §11.1).
 * @internal
 */
import { trimmed, type Fixed } from '../model/fixed.ts';

/** Whether `x` is `10^−k` for some `k ≥ 0` (a token unit, spec §11.1). */
export function isUnitPowerOfTen(x: Fixed): boolean {
  return trimmed(x).m === 1n;
}
