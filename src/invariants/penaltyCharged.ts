/**
 * What LIQ-006 and LIQ-025 share: every fill of a liquidated group is charged the group's one
 * rate on its notional at mark, rounded up to the quote unit and reduced only by the equity cap
 * of §7.3, and split ⌊penalty · share⌋ to the liquidator (spec §5.2, §5.3, §7.3). Judged from the
 * engine's own fills, replayed by ledger.ts. Only where the rate comes from differs (§5.1, §10.5).
 * @see docs/spec.md#105-penalty
 * @internal
 */
import { ceilTo, floorTo, fmax, fmin, FZERO, type Fixed } from '../model/fixed.ts';
import { isInverse, valueOf } from '../model/contract.ts';
import { penaltyRoomOf } from '../policy/penalty/bankruptcyRoom.ts';
import { contractOf } from './contractOf.ts';
import type { Case } from './invariant.ts';
import { exactOf, healthOf, replayFills, s, type GroupLedger } from './ledger.ts';

/**
 * Violations of the charge of each fill of `g` at `rate` (the policy's rate for the group's
 * distress before liquidation); `source` names where the rate comes from, for the messages.
 */
export function penaltyCharged(c: Case, g: GroupLedger, rate: Fixed, source: string): string[] {
  const v = exactOf(c).v;
  const { unit, liquidatorShare } = v.params;
  const out: string[] = [];
  // §10.5: the cap is the policy's — §7.3's equity, or the fill's value above bankruptcy.
  const room = penaltyRoomOf(exactOf(c).policy.penalty);
  replayFills(c, g, (f, i, realized, prior) => {
    const where = `group ${g.id} fill ${i} (${f.market})`;
    if (!f.penaltyRate.eq(rate)) {
      out.push(`${where}: penalty rate ${s(f.penaltyRate)} but ${source} gives ${s(rate)} at margin ratio ${s(g.healthBefore.equity)}/${s(g.healthBefore.maintenance)}`);
    }
    const mark = v.marks.get(f.market);
    if (mark === undefined) return;
    // §12.3: an inverse fill's notional is its coin value ⌈Δ·v/P⌉_u.
    const contract = contractOf(v, f.market);
    const notional = valueOf(contract, f.size, mark, unit);
    if (!f.notional.eq(notional)) out.push(`${where}: notional ${s(f.notional)} but ${isInverse(contract) ? `⌈size × ${s(contract.value)} / mark⌉` : 'size × mark'} = ${s(notional)}`);
    const after = healthOf(c, realized);
    const cap = fmax(FZERO, room === undefined ? floorTo(after.equity, unit) : room(healthOf(c, prior), after, unit));
    const expected = fmin(ceilTo(rate.mul(notional), unit), cap);
    if (!f.penalty.eq(expected)) {
      out.push(`${where}: penalty ${s(f.penalty)} but ⌈${s(rate)} × ${s(notional)}⌉ capped at ${s(cap)} = ${s(expected)}`);
    }
    const liq = floorTo(f.penalty.mul(liquidatorShare), unit);
    if (!f.liquidatorFee.eq(liq)) out.push(`${where}: liquidator fee ${s(f.liquidatorFee)} but ⌊${s(f.penalty)} × ${s(liquidatorShare)}⌋ = ${s(liq)}`);
  });
  return out;
}
