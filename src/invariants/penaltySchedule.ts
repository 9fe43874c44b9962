import type { OutputInvariant } from './invariant.ts';
import { penaltyRate } from '../model/fixedCore.ts';
import { exactOf, ledger } from './ledger.ts';
import { penaltyCharged } from './penaltyCharged.ts';
import { takenOver } from './backstopTakeover.ts';

/**
 * LIQ-006 — every fill is charged the schedule's penalty.
 *
 * @remarks With a monotone schedule (PAR-003) this is what makes penalties non-decreasing in
 * closed size and in distress; an engine that discounts large closes or reads the schedule
 * backwards breaks it. It presumes the step schedule (`step-penalty`, spec §10.7): a policy with
 * another penalty part (the linear function of §10.5, judged by LIQ-025) charges other rates.
 * @see docs/spec.md#5-penalty-schedule
 */
export const penaltySchedule: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-006',
  title: 'penalty follows the monotone schedule',
  statement: 'Each fill is charged rate f(E/MM before liquidation) of the step schedule of params.penalty.steps on its notional at mark, rounded up to the quote unit and reduced only by the policy’s cap (§7.3, or §10.5’s bankruptcy cap); the liquidator gets ⌊penalty·share⌋ and the insurance fund the rest. Hence penalties are non-decreasing in closed size and in distress.',
  domain: 'Engines whose policy charges the step schedule of §5 (penalty part "steps", the default), at any close size and price. Real schedules differ (Drift: time-based escalation; Aave v4: bonus linear in HF, the "linear" part of §10.5, judged by LIQ-025) but each is monotone in its driver — I10. Groups taken over by a backstop (§10.8) are judged by LIQ-027 instead.',
  spec: '#5-penalty-schedule',
  presumes: ['step-penalty'],
  check: (c) => {
    const { steps } = exactOf(c).v.params;
    const out: string[] = [];
    for (const g of ledger(c)) {
      // §10.8: a takeover charges the remaining collateral, not the rate.
      if (!g.liquidatable || takenOver(c, g)) continue;
      // The schedule's rate itself, not the policy's (ledger.ts): asked for under another penalty
      // part (`--invariants`), this still judges the step schedule. §5.1: every liquidatable group has one.
      const rate = penaltyRate(steps, g.healthBefore.equity, g.healthBefore.maintenance);
      if (rate !== null) out.push(...penaltyCharged(c, g, rate, 'the schedule'));
    }
    return out;
  },
};
