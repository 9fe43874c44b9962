/**
 * Zoo engine "trigger on target": a group is liquidated as soon as its equity is below the
 * buffered target `T = MM + b·N` (the exit threshold) instead of below the maintenance
 * requirement `MM` (the entry threshold). A group above every step of the schedule is charged the
 * first step's rate.
 *
 * Bug class: hysteresis thresholds mixed up — the "liquidation buffer" applied at entry as well as
 * at exit (or the initial/target margin used where maintenance is meant), so accounts that are
 * solvent by the documented rule get liquidated.
 *
 * Violates LIQ-001 (healthy groups untouched) whenever `MM ≤ E < T`.
 */
import { groupHealth } from '../model/groupHealth.ts';
import { marginGroups } from '../model/marginGroup.ts';
import { penaltyRate } from '../model/penaltyRate.ts';
import { isLiquidatable } from '../model/trigger.ts';
import type { Engine } from '../model/types.ts';
import { withScenarioRules } from './support.ts';

export const triggerOnTarget: Engine = withScenarioRules((sc) => {
  // liquidateGroup asks once per group, in marginGroups order: answer with that group's target.
  const targets = marginGroups(sc).map((g) => groupHealth({ params: sc.params, marks: sc.marks }, g).target);
  let next = 0;
  return {
    isLiquidatable: (trigger, equity, _maintenance, hasPositions) => isLiquidatable(trigger, equity, targets[next++]!, hasPositions),
    penaltyRate: (steps, equity, maintenance) => penaltyRate(steps, equity, maintenance) ?? steps[0]!.rate,
  };
});
