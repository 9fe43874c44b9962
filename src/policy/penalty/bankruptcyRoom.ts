/**
 * The bankruptcy cap of a fill's penalty (spec §10.5, "cap": "bankruptcy"; dYdX v4): a fill may
 * charge only what its own closed part has above its bankruptcy value, never the equity share of
 * the positions still open.
 * @see docs/spec.md#105-penalty
 */
import { floorDiv, floorTo, type Fixed } from '../../model/fixed.ts';
import type { FHealth, PenaltyRoom } from '../../model/fixedCore.ts';
import type { FPenalty } from '../policy.ts';

/**
 * `⌊min(E⁻, V)⌋_u` with `V = E⁻ − E · MM′ / MM`: the equity after the fill's PnL less the share
 * of the group's equity before the fill that backs the requirement left open (`E·ΔMM/MM` is the
 * fill's share, dYdX's `TNC·|DMMR|/TMMR`). For `E ≥ 0`, `V ≤ E⁻`: one floor quotient,
 * `⌊(E⁻·MM − E·MM′) / (MM·u)⌋ · u`. For `E < 0`, `V ≥ E⁻` and §7.3's cap is the tighter one.
 */
export const bankruptcyRoom: PenaltyRoom = (before: FHealth, realized: FHealth, unit: Fixed): Fixed => {
  const mm = before.maintenance;
  // An underwater group's share is negative: never charge out of its negative equity (§7.3).
  // A group with no requirement has no share to keep: §7.3's cap too.
  if (before.equity.sign() < 0 || mm.sign() <= 0) return floorTo(realized.equity, unit);
  return floorDiv(realized.equity.mul(mm).sub(before.equity.mul(realized.maintenance)), mm.mul(unit)).mul(unit);
};

/** The penalty part's cap rule for a fill: `undefined` for §7.3's (the default, the core's own). */
export function penaltyRoomOf(p: FPenalty): PenaltyRoom | undefined {
  return p.cap === 'bankruptcy' ? bankruptcyRoom : undefined;
}
