/**
 * Profile zoo engine "PnL unrounded": a fill's realized PnL is credited exactly, not floored to
 * the quote unit (§7.2), so the collateral leaves the unit grid (the residue goes to the trader
 * instead of the insurance fund).
 *
 * Bug class: an amount kept at the arithmetic's full precision where the venue settles in whole
 * quote units (USDC's 6 decimals, a token's wei) — the unit-rounding mistakes behind the 1-wei
 * residues of LIQ-007's counter-cases. Realistic; no venue report of this exact form found.
 *
 * Violates LIQ-009 (a quote amount off the unit grid) whenever a fill's PnL is not on the unit.
 */
import { FZERO } from '../../model/fixed.ts';
import type { Engine } from '../../model/types.ts';
import { regrouped, withExecution } from './support.ts';

export const pnlUnrounded: Engine = withExecution((cx, _before, closed) => {
  let residue = FZERO;
  const fills = closed.fills.map((f) => {
    residue = residue.add(f.residue);
    return { ...f, realizedPnl: f.realizedPnl.add(f.residue), residue: FZERO };
  });
  return { fills, group: regrouped(cx, closed.group, closed.group.collateral.add(residue)) };
});
