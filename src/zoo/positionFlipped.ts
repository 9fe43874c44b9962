/**
 * Zoo engine "position flipped": a full close sends one lot more than the position, leaving a
 * small position on the opposite side.
 *
 * Bug class: closing with a non-reduce-only market order sized from a stale or rounded-up
 * position amount (`⌈|q|⌉_lot + lot` "to be sure it is flat"), so the liquidation opens a new
 * position against the trader instead of only reducing.
 *
 * Violates LIQ-008 (reduce-only).
 */
import { closeFill } from '../model/closeFill.ts';
import { tiersOf } from '../model/groupHealth.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

export const positionFlipped: Engine = withRules({
  closeFill: (v, g, market, size, rate) => {
    const whole = g.positions.find((p) => p.market === market)!.size.abs();
    return closeFill(v, g, market, size.eq(whole) ? size.add(tiersOf(v, market).lot) : size, rate);
  },
});
