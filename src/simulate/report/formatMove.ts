/**
 * A signed fraction of the price as the percentage people write: -0.3 → `-30%`, 0.05 → `+5%`,
 * 0 → `0%`. Exact (a decimal shift, no float), every digit kept, the sign always shown for a move.
 * @see docs/simulation.md#s3-the-exogenous-price-path
 */
import { Dec, toCanonical } from '../../model/decimal.ts';

export function formatMove(fraction: string): string {
  const pct = new Dec(fraction).mul(100);
  return `${pct.gt(0) ? '+' : ''}${toCanonical(pct)}%`;
}
