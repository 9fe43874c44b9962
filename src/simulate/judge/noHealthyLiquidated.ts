import { Findings, type SystemInvariant } from './systemInvariant.ts';

/**
 * SYS-005 — no healthy account is liquidated or deleveraged. The reference's own trigger decides,
 * on the judge's ledger state at the round's mark (not the mark the simulator chose to use).
 * @see docs/simulation.md#s7-a-step
 */
export const noHealthyLiquidated: SystemInvariant = {
  id: 'SYS-005',
  title: 'no healthy account liquidated',
  statement: 'Every liquidated account is liquidatable (the reference\'s trigger) in its ledger state at the mark of its round, and is liquidated at that mark; no ADL reduces an account without a position or on the bankrupt\'s side.',
  domain: 'Every run.',
  presumes: [],
  wrongSimulator: 'stale-mark',
  spec: '#s7-a-step',
  check: (r) => {
    const f = new Findings('SYS-005');
    for (const l of r.liquidations) {
      const e = l.event;
      const where = { round: e.round, party: e.account };
      if (l.before === undefined || l.roundMark === undefined || r.oracle === undefined) continue;
      f.saw();
      if (!l.roundMark.eq(e.mark)) f.add(e.step, `liquidated at mark ${e.mark}, its round's mark is ${l.roundMark.toString()}`, where);
      if (!r.oracle.liquidatable(l.before, l.roundMark)) f.add(e.step, `healthy at the round's mark ${l.roundMark.toString()} (C ${l.before.collateral.toString()}, q ${l.before.size.toString()}, e ${l.before.entry.toString()}) but liquidated`, where);
    }
    for (const a of r.adls) {
      const side = a.liquidation?.before?.size;
      for (const red of a.reductions) {
        f.saw();
        const where = { round: a.event.round, party: red.account };
        if (red.before === undefined || red.before.size.isZero()) f.add(a.event.step, 'deleveraged without a position', where);
        else if (side !== undefined && !side.isZero() && side.isNeg() === red.before.size.isNeg()) f.add(a.event.step, `deleveraged on the bankrupt's own side (${red.before.size.toString()})`, where);
      }
    }
    return f.outcome();
  },
};
