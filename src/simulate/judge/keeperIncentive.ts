import { ceilTo, Dec, floorTo, ZERO } from '../../model/decimal.ts';
import { Findings, type SystemInvariant } from './systemInvariant.ts';

/**
 * SYS-009 — agents act on their incentives as S5/S6 define them: a keeper only when the reward
 * covers its cost and its latency has passed since the account was flagged (the judge keeps its
 * own flags from the reference's trigger at every round's mark); a bidder only after its latency
 * and at a price within its discount.
 * @see docs/simulation.md#s5-keepers-liquidators
 */
export const keeperIncentive: SystemInvariant = {
  id: 'SYS-009',
  title: 'agents act on their incentives',
  statement: 'A keeper acts only when its reward Σ liquidatorFee covers its cost, and only at a step ≥ flagged + its latency (flagged: the first step of the account\'s current run of liquidatable round marks); a bidder takes only at a step ≥ first kick + its latency and at a price within its discount of the step\'s mark.',
  domain: 'Every run (the venue keeper has latency 0 and cost 0); the latency check presumes S13\'s monotone E − MM in the mark, used to find liquidation thresholds.',
  presumes: ['every marginal tier rate ≤ 1 (S13)'],
  wrongSimulator: 'keeper-ignores-cost, keeper-ignores-latency',
  spec: '#s5-keepers-liquidators',
  check: (r) => {
    const f = new Findings('SYS-009');
    for (const l of r.liquidations) {
      const e = l.event;
      const k = l.keeper;
      if (k === undefined) continue;
      f.saw();
      const where = { round: e.round, party: e.keeper };
      let reward = ZERO;
      for (const x of e.result.fills) reward = reward.add(x.liquidatorFee);
      if (reward.lt(k.cost)) f.add(e.step, `acted on ${e.account} for a reward of ${reward.toString()} below its cost ${k.cost.toString()}`, where);
      if (!r.tracksFlags) continue;
      if (l.flaggedAt === undefined) f.add(e.step, `acted on ${e.account}, which the reference's trigger never flagged`, where);
      else if (e.step < l.flaggedAt + k.latency) f.add(e.step, `acted on ${e.account} flagged at step ${l.flaggedAt}, before its latency ${k.latency}`, where);
    }
    for (const t of r.takes) {
      const e = t.event;
      const b = t.bidder;
      if (b === undefined || t.before === undefined) continue;
      f.saw();
      const where = { party: e.bidder };
      if (e.step < t.before.firstKick + b.latency) f.add(e.step, `took ${e.auction} kicked at step ${t.before.firstKick}, before its latency ${b.latency}`, where);
      const one = new Dec(1);
      const price = new Dec(e.price);
      const limit = t.before.side === 'long' ? floorTo(t.mark.mul(one.sub(b.discount)), r.tick) : ceilTo(t.mark.mul(one.add(b.discount)), r.tick);
      if (t.before.side === 'long' ? price.gt(limit) : price.lt(limit)) f.add(e.step, `took at ${e.price}, beyond its valuation ${limit.toString()} (discount ${b.discount.toString()} of mark ${t.mark.toString()})`, where);
    }
    return f.outcome();
  },
};
