import { Dec, ZERO } from '../../model/decimal.ts';
import { adlTerms } from './adlPayable.ts';
import { Findings, type SystemInvariant } from './systemInvariant.ts';

/**
 * SYS-003 — ADL only when the fund cannot pay, and for no more than it owes. Checked from the
 * judge's own bankruptcy price of the bankrupt's ledger state, not the event's.
 * @see docs/simulation.md#s9-auto-deleveraging
 */
export const adlOnlyWhenOwed: SystemInvariant = {
  id: 'SYS-003',
  title: 'ADL only when the fund cannot pay',
  statement: 'Every ADL event follows the liquidation of its bankrupt in the same round, whose result left socializedLoss s > 0, owes exactly s, is priced at S9\'s bankruptcy price and spread, and pays: each transfer = size·g, Σ transfer + unpaid − s ∈ [0, ℓ·g) (0 when unpaid > 0), toFund = that excess + Σ ρ_c; with ADL on, every liquidation with s > 0 of an account with a position is followed by its ADL event; with ADL off there is none.',
  domain: 'Every run.',
  presumes: [],
  wrongSimulator: 'adl-despite-fund',
  spec: '#s9-auto-deleveraging',
  check: (r) => {
    const f = new Findings('SYS-003');
    for (const l of r.liquidations) {
      const s = new Dec(l.event.result.socializedLoss);
      if (!s.gt(0) || l.before === undefined || l.before.size.isZero()) continue;
      f.saw();
      if (r.adlOn && l.adl === undefined) f.add(l.event.step, `socialized loss ${s.toString()} with ADL on, but no ADL event`, { round: l.event.round, party: l.event.account });
    }
    for (const a of r.adls) {
      const e = a.event;
      const where = { round: e.round, party: e.bankrupt };
      f.saw();
      if (!r.adlOn) f.add(e.step, 'an ADL event with ADL off', where);
      if (a.liquidation === undefined) {
        f.add(e.step, `ADL of ${e.bankrupt} does not follow its liquidation in the same round`, where);
        continue;
      }
      const s = new Dec(a.liquidation.event.result.socializedLoss);
      if (!s.gt(0)) f.add(e.step, `ADL although the result left socializedLoss ${s.toString()} (the fund paid ${a.liquidation.event.result.insurancePayout})`, where);
      if (!s.eq(e.owed)) f.add(e.step, `ADL owes ${e.owed}, the result socialized ${s.toString()}`, where);
      if (!a.mark.eq(a.liquidation.event.mark)) f.add(e.step, `ADL at mark ${e.mark}, its liquidation at ${a.liquidation.event.mark}`, where);
      const t = adlTerms(r, a);
      const owed = new Dec(e.owed);
      const unpaid = new Dec(e.unpaid);
      const toFund = new Dec(e.toFund);
      if (t.side !== 0 && e.side !== (t.side > 0 ? 'long' : 'short')) f.add(e.step, `side ${e.side}, the bankrupt's is ${t.side > 0 ? 'long' : 'short'}`, where);
      if (t.payable && t.bankruptcyPrice !== undefined && !t.bankruptcyPrice.eq(e.bankruptcyPrice)) f.add(e.step, `bankruptcy price ${e.bankruptcyPrice}, S9 gives ${t.bankruptcyPrice.toString()}`, where);
      if (!t.payable) {
        if (e.reductions.length > 0 || !toFund.isZero() || !unpaid.eq(owed)) f.add(e.step, `ADL cannot pay (P_b ${t.bankruptcyPrice?.toString() ?? 'none'} not beyond mark ${e.mark}) but reduces ${e.reductions.length} accounts, toFund ${e.toFund}, unpaid ${e.unpaid}`, where);
        continue;
      }
      if (!t.spread.eq(e.spread)) f.add(e.step, `spread ${e.spread}, S9 gives ${t.spread.toString()}`, where);
      let transfers = ZERO;
      let residues = ZERO;
      for (const red of a.reductions) {
        if (!red.transfer.eq(red.size.mul(t.spread))) f.add(e.step, `transfer ${red.transfer.toString()} ≠ size ${red.size.toString()} · g ${t.spread.toString()}`, { round: e.round, party: red.account });
        transfers = transfers.add(red.size.mul(t.spread));
        residues = residues.add(red.residue);
      }
      if (unpaid.isNeg()) f.add(e.step, `unpaid ${e.unpaid} < 0`, where);
      const excess = transfers.add(unpaid).sub(owed);
      const bound = r.lot.mul(t.spread);
      if (excess.isNeg()) f.add(e.step, `the transfers ${transfers.toString()} and unpaid ${e.unpaid} do not cover s = ${e.owed}`, where);
      else if (!excess.lt(bound)) f.add(e.step, `the transfers exceed s by ${excess.toString()} ≥ ℓ·g = ${bound.toString()}`, where);
      if (unpaid.gt(0) && !excess.isZero()) f.add(e.step, `unpaid ${e.unpaid} > 0 yet the transfers exceed what they cover by ${excess.toString()}`, where);
      if (!toFund.eq(excess.add(residues))) f.add(e.step, `toFund ${e.toFund}, S9 gives excess ${excess.toString()} + residues ${residues.toString()}`, where);
    }
    return f.outcome();
  },
};
