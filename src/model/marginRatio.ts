import { Dec, floorDiv, type Dec as D } from './decimal.ts';

const SCALE = new Dec('1e18');

/**
 * Diagnostic margin ratio `⌊E / MM⌋_{10^−18}`; `null` when `MM = 0`.
 *
 * @remarks Computed as an integer quotient on the 10^−18 grid: exact, and with no long division.
 * @see docs/spec.md#8-result
 */
export function marginRatio(equity: D, maintenance: D): D | null {
  if (maintenance.isZero()) return null;
  return floorDiv(equity.mul(SCALE), maintenance).div(SCALE);
}
