/**
 * Zoo engine "gives up underwater": a group whose equity is ≤ 0 is reported healthy and left
 * alone, however far below maintenance it is.
 *
 * Bug class: a liquidation path that only runs when there is something to pay the liquidator
 * with (reward ≤ 0 ⇒ skip), or an early `return` on a negative health value — underwater
 * accounts, the most urgent ones, are never closed and their losses keep growing
 * (the Compound/Aave "unprofitable to liquidate" bad-debt accounts).
 *
 * Violates LIQ-002 (liquidatable groups acted on) and LIQ-015 (a more adverse mark never closes
 * less: past zero equity, it closes nothing).
 */
import { isLiquidatable } from '../model/trigger.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

export const givesUpUnderwater: Engine = withRules({
  isLiquidatable: (trigger, equity, maintenance, hasPositions) => equity.gt(0) && isLiquidatable(trigger, equity, maintenance, hasPositions),
});
