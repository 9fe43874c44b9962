import { Dec, floorDiv, type Dec as D } from './decimal.ts';

const SCALE = new Dec('1e18');
const INVERSE_SCALE = new Dec('1e-18');

/**
 * Diagnostic margin ratio `⌊E / MM⌋_{10^−18}`; `null` when `MM = 0`.
 *
 * @remarks Computed as an integer quotient on the 10^−18 grid: exact, and with no long division.
 * @see docs/spec.md#8-result
 */
export function marginRatio(equity: D, maintenance: D): D | null {
  if (maintenance.isZero()) return null;
  // × 10^−18 rather than ÷ 10^18: the same exact value without a 200-digit long division.
  return floorDiv(equity.mul(SCALE), maintenance).mul(INVERSE_SCALE);
}
