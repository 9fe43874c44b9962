/**
 * The minimal close (spec §6.2–§6.4): positions in the close order, each reduced by the smallest
 * lot multiple that meets the target (which ends the group's liquidation) or closed in full.
 * @see docs/spec.md#6-liquidating-one-group-minimal-close-policy
 */
import { meetsTarget, minimalClose } from '../../model/fixedCore.ts';
import type { FFill } from '../../model/fixedCore.ts';
import type { CloseRule } from '../closeContext.ts';

export const minimal: CloseRule = (cx, group) => {
  const { trigger } = cx.v.params;
  let g = group;
  const fills: FFill[] = [];
  for (const market of cx.order) {
    const m = minimalClose(cx.v, g, market, cx.rate);
    if (m.kind === 'limit-exceeded') return { ok: false, message: m.message };
    const size = m.kind === 'partial' ? m.size : g.positions.find((p) => p.market === market)!.size.abs();
    const closed = cx.execute(cx, g, market, size);
    g = closed.group;
    fills.push(...closed.fills);
    const h = g.health;
    if (g.positions.length > 0 && meetsTarget(trigger, h.equity, h.target)) break;
  }
  return { ok: true, group: g, fills };
};
