import { Dec } from '../../model/decimal.ts';
import { Findings, type SystemInvariant } from './systemInvariant.ts';

/**
 * SYS-001 — every liquidation is settled as S8 says. The judge settles the result's fills,
 * penalties, residues, payout and write-off itself and compares: the before-state with its ledger,
 * the after-state with the result's account, the fund with the result's `insuranceFund`.
 * @see docs/simulation.md#s8-settling-one-liquidation
 */
export const settlementExact: SystemInvariant = {
  id: 'SYS-001',
  title: 'settlement as S8',
  statement: 'Every liquidation is settled as S8 says: its before-state is the ledger\'s, every penalty splits into liquidator and insurance fees, the state S8 derives from the fills equals the result\'s account, the fund the result\'s insuranceFund, the taker is the keeper (the vault in auction mode) and the cost the keeper\'s.',
  domain: 'Every run (market and auction mode, venue mode, any engine).',
  presumes: [],
  wrongSimulator: 'forgotten-penalty',
  spec: '#s8-settling-one-liquidation',
  check: (r) => {
    const f = new Findings('SYS-001');
    for (const l of r.liquidations) {
      const e = l.event;
      const where = { round: e.round, party: e.account };
      f.saw();
      if (l.before === undefined || l.after === undefined) continue;
      const b = e.before;
      if (!l.before.collateral.eq(b.collateral) || !l.before.size.eq(b.size) || !l.before.entry.eq(b.entry) || l.before.isolated !== b.isolated) {
        f.add(e.step, `before-state (C ${b.collateral}, q ${b.size}, e ${b.entry}) differs from the ledger's (C ${l.before.collateral}, q ${l.before.size}, e ${l.before.entry})`, where);
      }
      for (const m of l.badSplits) f.add(e.step, m, where);
      const pos = e.result.account.positions[0];
      const size = new Dec(pos?.size ?? '0');
      const collateral = new Dec(pos !== undefined && l.before.isolated ? (pos.isolatedMargin ?? '0') : e.result.account.collateral);
      if (!size.eq(l.after.size)) f.add(e.step, `the fills leave size ${l.after.size.toString()}, the result says ${size.toString()}`, where);
      if (!collateral.eq(l.after.collateral)) f.add(e.step, `S8 settles the collateral to ${l.after.collateral.toString()}, the result says ${collateral.toString()}`, where);
      if (pos !== undefined && !new Dec(pos.entryPrice).eq(l.before.entry)) f.add(e.step, `the result moves the entry from ${l.before.entry.toString()} to ${pos.entryPrice}`, where);
      if (!l.fundAfter.eq(e.result.insuranceFund)) f.add(e.step, `the fund settles to ${l.fundAfter.toString()} (from ${l.fundView.toString()}), the result says ${e.result.insuranceFund}`, where);
      const taker = r.auctionMode ? 'vault' : e.keeper;
      if (e.taker !== taker) f.add(e.step, `taker ${e.taker}, expected ${taker}`, where);
      if (l.keeper === undefined) f.add(e.step, `unknown keeper ${e.keeper}`, where);
      else if (!l.keeper.cost.eq(e.cost)) f.add(e.step, `cost ${e.cost}, keeper ${e.keeper}'s is ${l.keeper.cost.toString()}`, where);
    }
    return f.outcome();
  },
};
