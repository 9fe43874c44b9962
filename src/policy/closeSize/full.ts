/**
 * The full close (spec §10.3): every position of a liquidatable group is closed, in the close
 * order of §6.2 (GMX, Compound's absorb).
 * @see docs/spec.md#103-close-size
 */
import type { FFill } from '../../model/fixedCore.ts';
import type { CloseRule } from '../closeContext.ts';

export const full: CloseRule = (cx, group) => {
  let g = group;
  const fills: FFill[] = [];
  for (const market of cx.order) {
    const pos = g.positions.find((p) => p.market === market);
    if (pos === undefined) continue;
    const closed = cx.execute(cx, g, market, pos.size.abs());
    g = closed.group;
    fills.push(...closed.fills);
  }
  return { ok: true, group: g, fills };
};
