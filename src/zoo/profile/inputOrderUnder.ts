/**
 * Profile zoo engine "input order": the policy's close rule visits a group's positions in the
 * order the account lists them instead of largest notional first, ties by market id (§6.2).
 *
 * Bug class: iteration order of a container taken for the rule's order — the base zoo's
 * inputOrder on the decimal path (minimal-close only); dYdX's pseudo-random start index is the
 * same family (LIQ-012/014 domain notes).
 *
 * Violates LIQ-014 (listing the positions in reverse changes the liquidation) on groups of two
 * positions or more whose close touches one of them first.
 */
import type { Engine } from '../../model/types.ts';
import { closeRuleOf } from '../../policy/closeSize/closeRuleOf.ts';
import { underPolicy } from './support.ts';

export const inputOrderUnder: Engine = underPolicy(() => ({
  close: (cx, g) => closeRuleOf(cx.policy.closeSize)({ ...cx, order: g.positions.map((p) => p.market) }, g),
}));
