import { Findings, type SystemInvariant } from './systemInvariant.ts';

/**
 * SYS-002 — value is conserved at every step. The judge's ledger moves value only by trades and
 * transfers, so a drift of `Σκ − S` comes from an event whose amounts do not balance (a penalty
 * split, an ADL's `toFund`); and the simulator's reported fund, `S` and open interest must be the
 * ledger's. In auction mode the vault is one of the parties, and every lot sold out moves exactly
 * its realized P&L to the fund (S6's settle), once: a wrong amount conserves value but misstates
 * the fund, and the fund's shortfall is what S receives.
 * @see docs/simulation.md#s2-parties-and-state
 */
export const valueConserved: SystemInvariant = {
  id: 'SYS-002',
  title: 'value conserved',
  statement: 'At the end of every step Σq = 0 and Σκ − S = W_0 over accounts, keepers, bidders, fund, vault (auction mode), market and sink in the judge\'s ledger; S ≥ 0 and the fund ≥ 0 (shortfalls written off; the vault\'s cash may be negative); every sold-out lot is settled once, right after its last take, by its realized P&L (Σ take proceeds − its cost at the fills\' prices, mirrored for a short lot), and nothing else is; and the series\' insuranceFund, socialized and openInterest equal the ledger\'s.',
  domain: 'Every run.',
  presumes: [],
  wrongSimulator: 'adl-excess-lost',
  spec: '#s2-parties-and-state',
  check: (r) => {
    const f = new Findings('SYS-002');
    if (!r.startSize.isZero()) f.add(0, `the start's positions sum to ${r.startSize.toString()}, not 0 (the market must hold −Σ accounts)`);
    for (const x of r.settles) {
      if (x.amount === undefined) f.add(x.step, `auction ${x.auction} sold out without a settle (its realized P&L ${x.expected.toString()})`, { party: x.auction });
      else if (!x.amount.eq(x.expected)) f.add(x.step, `auction ${x.auction} settles ${x.amount.toString()} to the fund, its realized P&L is ${x.expected.toString()}`, { party: x.auction });
    }
    for (const x of r.straySettles) f.add(x.step, `settle of ${x.auction} (${x.amount.toString()}) follows no sold-out lot's last take`, { party: x.auction });
    for (const s of r.steps) {
      const e = s.event;
      f.saw();
      if (!s.sumSize.isZero()) f.add(e.step, `Σq = ${s.sumSize.toString()}`);
      if (!s.value.eq(r.w0)) f.add(e.step, `Σκ − S = ${s.value.toString()}, W_0 = ${r.w0.toString()} (drift ${s.value.sub(r.w0).toString()})`);
      if (s.socialized.isNeg()) f.add(e.step, `S = ${s.socialized.toString()} < 0`);
      if (s.fund.isNeg()) f.add(e.step, `the fund ends the step at ${s.fund.toString()} < 0`, { party: 'fund' });
      if (!s.fund.eq(e.insuranceFund)) f.add(e.step, `the series reports the fund at ${e.insuranceFund}, the ledger holds ${s.fund.toString()}`, { party: 'fund' });
      if (!s.socialized.eq(e.socialized)) f.add(e.step, `the series reports S = ${e.socialized}, the ledger ${s.socialized.toString()}`);
      if (!s.openInterest.eq(e.openInterest)) f.add(e.step, `the series reports open interest ${e.openInterest}, the ledger ${s.openInterest.toString()}`);
    }
    return f.outcome();
  },
};
