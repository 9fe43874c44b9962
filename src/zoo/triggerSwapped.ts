/**
 * Zoo engine "trigger swapped": the strict and inclusive trigger boundaries are swapped — under
 * `strict` it liquidates at `E ≤ MM`, under `inclusive` only at `E < MM`.
 *
 * Bug class: the `<` vs `≤` confusion at the liquidation threshold (Aave's `HF < 1` vs Euler's
 * `CAV ≤ LV`), typically from porting one protocol's formula into another's convention. Only an
 * account sitting exactly on the boundary (`E = MM`) tells them apart.
 *
 * Violates LIQ-001 (strict: a healthy account at `E = MM` is liquidated) and LIQ-002 (inclusive:
 * a liquidatable account at `E = MM` is left alone).
 */
import { isLiquidatable } from '../model/trigger.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

export const triggerSwapped: Engine = withRules({
  isLiquidatable: (trigger, equity, maintenance, hasPositions) =>
    isLiquidatable(trigger === 'strict' ? 'inclusive' : 'strict', equity, maintenance, hasPositions),
});
