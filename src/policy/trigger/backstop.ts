/**
 * The backstop takeover (spec §10.8): every position of the group is closed in full at its mark,
 * in the close order of §6.2, whatever the close-size and price parts; no fill but the last is
 * charged, and the last is charged the §7.3 cap — with no position left, the whole collateral
 * `max(0, C')` — so the trader keeps nothing and a deficit is left to the loss part.
 * @see docs/spec.md#108-trigger-and-backstop
 */
import { FZERO, floorTo, fmax } from '../../model/fixed.ts';
import { groupHealth, markOf, type FFill } from '../../model/fixedCore.ts';
import type { CloseContext, CloseRule, Execute } from '../closeContext.ts';
import { full } from '../closeSize/full.ts';
import { fillAt } from '../price/fillAt.ts';

/** A close taken over at the mark itself (no price impact, no book), uncharged; reports the group's rate (§5.1). */
export const takeOverAtMark: Execute = (cx, g, market, size) => {
  const { fill, group } = fillAt(cx.v, g, market, size, markOf(cx.v, market), FZERO);
  return { group, fills: [{ ...fill, penaltyRate: cx.rate }] };
};

/** The backstop with `execute` for each position's takeover (the zoo swaps it for a wrong one). */
export function backstopWith(execute: Execute): CloseRule {
  return (cx: CloseContext, group) => {
    const closed = full({ ...cx, execute }, group);
    if (!closed.ok || closed.fills.length === 0) return closed;
    const { unit, liquidatorShare } = cx.v.params;
    const g = closed.group;
    // §7.3 on the last fill: E⁻ is the collateral now (no position is left), on the quote grid.
    const charge = fmax(FZERO, floorTo(g.collateral, unit));
    const last = closed.fills[closed.fills.length - 1]!;
    const liquidatorFee = floorTo(charge.mul(liquidatorShare), unit);
    const charged: FFill = { ...last, penalty: last.penalty.add(charge), liquidatorFee: last.liquidatorFee.add(liquidatorFee), insuranceFee: last.insuranceFee.add(charge.sub(liquidatorFee)) };
    const collateral = g.collateral.sub(charge);
    const after = { ...g, collateral, health: groupHealth(cx.v, { collateral, positions: g.positions }) };
    return { ok: true, group: after, fills: [...closed.fills.slice(0, -1), charged] };
  };
}

/** The backstop of spec §10.8. */
export const backstop: CloseRule = backstopWith(takeOverAtMark);
