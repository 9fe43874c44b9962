import { Findings, type SystemInvariant } from './systemInvariant.ts';

/**
 * SYS-008 — determinism. Two runs are compared byte for byte by `judgeRuns`; on one trace the
 * judge checks the one order S7 fixes, the flagged accounts offered in id order, whose breach is
 * how an unseeded order (or a hash-map iteration) shows in a single run.
 * @see docs/simulation.md#s7-a-step
 */
export const sameRunSameBytes: SystemInvariant = {
  id: 'SYS-008',
  title: 'same seed, same run',
  statement: 'The same configuration and seed give the same run, byte for byte (trace, and report without its timing `ms`); within one trace, every round\'s liquidations are in id order (S7).',
  domain: 'Every run; the byte comparison needs two runs (judgeRuns), the order check one.',
  presumes: [],
  wrongSimulator: 'random-order',
  spec: '#s7-a-step',
  check: (r) => {
    const f = new Findings('SYS-008');
    for (const x of r.rounds) {
      if (x.accounts.length < 2) continue;
      f.saw();
      for (let i = 1; i < x.accounts.length; i++) {
        if (!(x.accounts[i - 1]! < x.accounts[i]!)) {
          f.add(x.step, `${x.accounts[i]} liquidated after ${x.accounts[i - 1]}: not id order`, { round: x.round, party: x.accounts[i]! });
          break;
        }
      }
    }
    return f.outcome();
  },
};
