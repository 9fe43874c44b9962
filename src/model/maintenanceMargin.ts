import type { Dec } from './decimal.ts';
import type { Tier } from './types.ts';

/**
 * Index of the bracket that notional `n` falls in: the largest `k` with `floor_k ≤ n`.
 *
 * @remarks A notional exactly on a floor belongs to the upper bracket.
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
export function tierIndex(tiers: readonly Tier[], n: Dec): number {
  let k = 0;
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i]!.floor.lte(n)) k = i;
    else break;
  }
  return k;
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
