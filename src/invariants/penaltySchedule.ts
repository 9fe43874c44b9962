import { ceilTo, floorTo, fmax, fmin, FZERO } from '../model/fixed.ts';
import { exactOf, healthOf, ledger, replayFills, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-006 — every fill is charged the schedule's penalty.
 *
 * @remarks With a monotone schedule (PAR-003) this is what makes penalties non-decreasing in
 * closed size and in distress; an engine that discounts large closes or reads the schedule
 * backwards breaks it.
 * @see docs/spec.md#5-penalty-schedule
 */
export const penaltySchedule: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-006',
  title: 'penalty follows the monotone schedule',
  statement: 'Each fill is charged rate f(E/MM before liquidation) on its notional at mark, rounded up to the quote unit and reduced only by the equity cap; the liquidator gets ⌊penalty·share⌋ and the insurance fund the rest. Hence penalties are non-decreasing in closed size and in distress.',
  domain: 'All scenarios. Real schedules differ (Drift: time-based escalation; Aave v4: bonus vs HF) but each is monotone in its driver — I10.',
  spec: '#5-penalty-schedule',
  policy: 'any',
  check: (c) => {
    const v = exactOf(c).v;
    const { unit, liquidatorShare } = v.params;
    const out: string[] = [];
    for (const g of ledger(c)) {
      if (g.rate === null) continue;
      const rate = g.rate;
      replayFills(c, g, (f, i, realized) => {
        const where = `group ${g.id} fill ${i} (${f.market})`;
        if (!f.penaltyRate.eq(rate)) {
          out.push(`${where}: penalty rate ${s(f.penaltyRate)} but the schedule gives ${s(rate)} at margin ratio ${s(g.healthBefore.equity)}/${s(g.healthBefore.maintenance)}`);
        }
        const mark = v.marks.get(f.market);
        if (mark === undefined) return;
        const notional = f.size.mul(mark);
        if (!f.notional.eq(notional)) out.push(`${where}: notional ${s(f.notional)} but size × mark = ${s(notional)}`);
        const cap = fmax(FZERO, floorTo(healthOf(c, realized).equity, unit));
        const expected = fmin(ceilTo(rate.mul(notional), unit), cap);
        if (!f.penalty.eq(expected)) {
          out.push(`${where}: penalty ${s(f.penalty)} but ⌈${s(rate)} × ${s(notional)}⌉ capped at ${s(cap)} = ${s(expected)}`);
        }
        const liq = floorTo(f.penalty.mul(liquidatorShare), unit);
        if (!f.liquidatorFee.eq(liq)) out.push(`${where}: liquidator fee ${s(f.liquidatorFee)} but ⌊${s(f.penalty)} × ${s(liquidatorShare)}⌋ = ${s(liq)}`);
      });
    }
    return out;
  },
};
