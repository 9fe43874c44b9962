/**
 * Maintenance tier tables that satisfy the continuity rule of spec §3 by construction.
 * @see docs/spec.md#3-maintenance-margin-tiers
 */
import { Dec, toCanonical, ZERO } from '../model/decimal.ts';
import type { TierInput } from '../model/types.ts';

/** One bracket as a human writes it: the offset is derived, never typed. */
export interface TierSpec {
  readonly notionalFloor: string;
  readonly maintenanceRate: string;
  readonly initialRate: string;
}

/**
 * Completes a bracket table with `maintenanceAmount[n] = maintenanceAmount[n−1] +
 * floor[n]·(rate[n] − rate[n−1])`, computed exactly.
 *
 * @remarks Hand-computed offsets are the most common way a tier table is wrong (and the parser
 * rejects any inexact one), so every table in this folder goes through here.
 */
export function continuousTiers(rows: readonly TierSpec[]): TierInput[] {
  let amount = ZERO;
  let prevRate: Dec | undefined;
  return rows.map((row) => {
    const rate = new Dec(row.maintenanceRate);
    if (prevRate !== undefined) amount = amount.add(new Dec(row.notionalFloor).mul(rate.sub(prevRate)));
    prevRate = rate;
    return {
      notionalFloor: row.notionalFloor,
      maintenanceRate: row.maintenanceRate,
      maintenanceAmount: toCanonical(amount),
      initialRate: row.initialRate,
    };
  });
}
