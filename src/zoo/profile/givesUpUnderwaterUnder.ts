/**
 * Profile zoo engine "gives up underwater": under the scenario's policy, a liquidatable group
 * whose equity is ≤ 0 gets no close at all (the close rule is not called), in the belief that
 * only a backstop or the insurance fund can deal with it.
 *
 * Bug class: an early return for "already bankrupt" accounts that then sit there — the dYdX v3
 * YFI case (Nov 2023: positions left unliquidated until their equity was negative, about $9M
 * from the insurance fund; /work/shared/reference/liquidation-engines.md). The base zoo's
 * givesUpUnderwater is the same bug on the decimal path (minimal-close only).
 *
 * Violates LIQ-002 (a liquidatable group is left alone) and LIQ-015 (a larger adverse move, which
 * pushes equity below zero, closes less than a smaller one).
 */
import type { Engine } from '../../model/types.ts';
import { closeRuleOf } from '../../policy/closeSize/closeRuleOf.ts';
import { underPolicy } from './support.ts';

export const givesUpUnderwaterUnder: Engine = underPolicy(() => ({
  close: (cx, g) => (g.health.equity.sign() <= 0 ? { ok: true, group: g, fills: [] } : closeRuleOf(cx.policy.closeSize)(cx, g)),
}));
