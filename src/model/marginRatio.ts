import { Dec, floorTo, type Dec as D } from './decimal.ts';

const STEP = new Dec('1e-18');

/**
 * Diagnostic margin ratio `⌊E / MM⌋_{10^−18}`; `null` when `MM = 0`.
 *
 * @see docs/spec.md#8-result
 */
export function marginRatio(equity: D, maintenance: D): D | null {
  if (maintenance.isZero()) return null;
  return floorTo(equity.div(maintenance), STEP);
}
