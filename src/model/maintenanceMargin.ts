import type { Dec } from './decimal.ts';
import type { Tier } from './types.ts';

/**
 * Index of the bracket that notional `n` falls in: the largest `k` with `floor_k ≤ n`.
 *
 * @remarks A notional exactly on a floor belongs to the upper bracket.
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
export function tierIndex(tiers: readonly Tier[], n: Dec): number {
  // Binary search: floors strictly increase from L_0 = 0 (§3, checked at parse).
  let lo = 0;
  let hi = tiers.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tiers[mid]!.floor.lte(n)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Maintenance requirement `MM(N) = N · r_n − cum_n` of one position with notional `n`.
 *
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
export function maintenanceMargin(tiers: readonly Tier[], n: Dec): Dec {
  const t = tiers[tierIndex(tiers, n)]!;
  return n.mul(t.rate).sub(t.amount);
}
