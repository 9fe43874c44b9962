/**
 * Zoo engine "input order": the positions of a group are liquidated in the order the account
 * lists them, not by descending notional (ties by market id).
 *
 * Bug class: iterating a map/array in storage order (insertion order, hash order) where the
 * protocol specifies a priority — the result then depends on how the account happened to be
 * stored, and the largest risk is not reduced first.
 *
 * Violates LIQ-014 (position order irrelevant) and LIQ-004 (minimal close relative to the
 * documented order).
 */
import { closeFill } from '../model/closeFill.ts';
import { minimalClose } from '../model/minimalClose.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

// liquidateGroup visits markets by notional; both steps redirect to the first position still
// open in the group, which is the first in input order (fills keep the order of positions).
export const inputOrder: Engine = withRules({
  minimalClose: (v, g, _market, rate) => {
    const first = g.positions[0]!;
    const m = minimalClose(v, g, first.market, rate);
    // A full close is passed on as a "partial" of the whole size: the caller would size it from
    // the market it visits, not from the one redirected to.
    return m.kind === 'none' ? { kind: 'partial', size: first.size.abs() } : m;
  },
  closeFill: (v, g, _market, size, rate) => closeFill(v, g, g.positions[0]!.market, size, rate),
});
