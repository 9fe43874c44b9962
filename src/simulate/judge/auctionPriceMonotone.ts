import { Dec, ZERO } from '../../model/decimal.ts';
import { judgeCurve, judgePrice, judgeStart } from './auctionCurve.ts';
import { Findings, type SystemInvariant } from './systemInvariant.ts';

/**
 * SYS-006 — an auction's price never moves against the fund between resets, and no take is
 * beyond its floor. The judge prices every take itself from the kick's (or reset's) start, the
 * age and the curve, so a price that follows the mark is caught even while the mark falls.
 * @see docs/simulation.md#s6-auction-liquidation-policy-option-liquidationmode--auction
 */
export const auctionPriceMonotone: SystemInvariant = {
  id: 'SYS-006',
  title: 'auction price monotone, floored',
  statement: 'Every kick takes the liquidation\'s size at S6\'s start price of its mark; every reset is due (d > tail or c(d) < cusp) and restarts at the start price of the step\'s mark; every take is at S6\'s curve price of its age from the last kick or reset start (so a long lot\'s price never rises and a short lot\'s never falls between resets), at an age ≤ tail with c(d) ≥ cusp, within the lot, and not beyond its floor (p ≥ top·cusp for a long lot, p·cusp ≤ bot for a short).',
  domain: 'Runs with liquidation.mode = "auction".',
  presumes: [],
  wrongSimulator: 'auction-follows-mark, auction-no-floor',
  spec: '#s6-auction-liquidation-policy-option-liquidationmode--auction',
  check: (r) => {
    const f = new Findings('SYS-006');
    const spec = r.auction;
    for (const k of r.kicks) {
      const e = k.event;
      const where = { round: e.round, party: e.auction };
      f.saw();
      const start = judgeStart(spec, e.side, new Dec(e.mark), r.tick);
      if (!start.eq(e.start)) f.add(e.step, `kicked at ${e.start}, S6's start at mark ${e.mark} is ${start.toString()}`, where);
      const l = k.liquidation;
      if (l === undefined) {
        f.add(e.step, `kick of ${e.account} without its liquidation`, where);
        continue;
      }
      let size = ZERO;
      for (const x of l.event.result.fills) size = size.add(x.size);
      if (!size.eq(e.lot)) f.add(e.step, `lot ${e.lot}, the fills took ${size.toString()}`, where);
      const side = l.before !== undefined && l.before.size.gt(0) ? 'long' : 'short';
      if (e.side !== side) f.add(e.step, `a ${e.side} lot from a ${side} position`, where);
    }
    for (const x of r.resets) {
      const e = x.event;
      if (x.before === undefined) continue;
      f.saw();
      const start = judgeStart(spec, x.before.side, new Dec(e.mark), r.tick);
      if (!start.eq(e.start)) f.add(e.step, `reset to ${e.start}, S6's start at mark ${e.mark} is ${start.toString()}`, { party: e.auction });
      if (!x.stepMark.eq(e.mark)) f.add(e.step, `reset at mark ${e.mark}, the step's mark is ${x.stepMark.toString()}`, { party: e.auction });
      // a reset restarts the price higher (long) / lower (short): only S6's two causes allow one
      const age = e.step - x.before.kickedAt;
      const c = judgeCurve(spec, age);
      if (!(age > spec.tail || c.lt(spec.cusp) || !c.gt(0))) f.add(e.step, `reset at age ${age} (c = ${c.toString()}) before it was due (tail ${spec.tail}, cusp ${spec.cusp.toString()})`, { party: e.auction });
    }
    for (const t of r.takes) {
      const e = t.event;
      const a = t.before;
      const where = { party: e.auction };
      if (a === undefined) continue;
      f.saw();
      const age = e.step - a.kickedAt;
      const price = new Dec(e.price);
      if (e.age !== age) f.add(e.step, `age ${e.age}, ${age} steps since its start`, where);
      if (e.side !== a.side) f.add(e.step, `take reports side ${e.side} of a ${a.side} lot`, where);
      if (new Dec(e.size).gt(a.lot)) f.add(e.step, `take of ${e.size} from a lot of ${a.lot.toString()}`, where);
      const c = judgeCurve(spec, age);
      if (age > spec.tail || c.lt(spec.cusp) || !c.gt(0)) f.add(e.step, `taken at age ${age} (c = ${c.toString()}) when a reset was due (tail ${spec.tail}, cusp ${spec.cusp.toString()})`, where);
      else {
        const p = judgePrice(a.side, a.start, c, r.tick);
        if (!p.eq(price)) f.add(e.step, `take at ${e.price}, S6's price at age ${age} from start ${a.start.toString()} is ${p.toString()}`, where);
      }
      const beyond = a.side === 'long' ? price.lt(a.start.mul(spec.cusp)) : price.mul(spec.cusp).gt(a.start);
      if (beyond) f.add(e.step, `take at ${e.price} beyond the floor of start ${a.start.toString()} · cusp ${spec.cusp.toString()}`, where);
      if (a.lastPrice !== undefined && (a.side === 'long' ? price.gt(a.lastPrice) : price.lt(a.lastPrice))) f.add(e.step, `the ${a.side} lot's price moved against the fund from ${a.lastPrice.toString()} to ${e.price} without a reset`, where);
    }
    return f.outcome();
  },
};
