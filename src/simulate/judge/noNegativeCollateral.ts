import { Findings, type SystemInvariant } from './systemInvariant.ts';

/**
 * SYS-007 — settlement leaves no debt on an account: a flat account's collateral is its whole
 * value, so a negative one is bad debt nobody recorded; an ADL that takes more than a
 * counterparty's equity makes a new bankrupt.
 * @see docs/simulation.md#s9-auto-deleveraging
 */
export const noNegativeCollateral: SystemInvariant = {
  id: 'SYS-007',
  title: 'no negative collateral',
  statement: 'No flat account ends a step with negative collateral, and no ADL reduction leaves its counterparty with negative equity at the ADL\'s mark.',
  domain: 'Every run. An account with an open position may hold C < 0 or even E < 0 while no keeper acts on it (S5: it sits and decays); that is not judged here.',
  presumes: ['results settle bad debt (spec §7.4): a flat group ends with C ≥ 0'],
  wrongSimulator: 'bad-debt-left',
  spec: '#s10-system-invariants',
  check: (r) => {
    const f = new Findings('SYS-007');
    for (const s of r.steps) {
      f.saw();
      for (const n of s.negativeFlat) f.add(s.event.step, `flat with collateral ${n.collateral.toString()}`, { party: n.id });
    }
    for (const a of r.adls) {
      for (const red of a.reductions) {
        f.saw();
        if (red.after !== undefined && red.equityAfter.isNeg()) f.add(a.event.step, `ADL of ${red.size.toString()} at spread ${a.event.spread} leaves equity ${red.equityAfter.toString()}`, { round: a.event.round, party: red.account });
      }
    }
    return f.outcome();
  },
};
