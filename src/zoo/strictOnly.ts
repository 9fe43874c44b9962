/**
 * Zoo engine "strict only": the trigger parameter is ignored for the decision — a group is
 * liquidatable only when `E < MM`, also under the `inclusive` trigger (`E ≤ MM`).
 *
 * Bug class: a configuration flag wired into one code path (here the exit target) and not the
 * other, or a default that silently wins. A profile that only ever uses the strict trigger
 * cannot tell this engine from the reference.
 *
 * Violates LIQ-002 (inclusive: a group at `E = MM` is liquidatable and is left alone).
 */
import { isLiquidatable } from '../model/trigger.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

export const strictOnly: Engine = withRules({
  isLiquidatable: (_trigger, equity, maintenance, hasPositions) => isLiquidatable('strict', equity, maintenance, hasPositions),
});
