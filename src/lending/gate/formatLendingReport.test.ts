/**
 * The verdict line of the lending table (formatLendingReport.ts): a stopped run, and a run that
 * judged nothing, are never worded as a pass. The reports are written by hand here, not produced
 * by the runner, so each wording is pinned to the case it is for.
 */
import { describe, expect, it } from 'vitest';
import { formatLendingReport } from './formatLendingReport.ts';
import type { LendingRunReport } from './runLendingCatalog.ts';

const base: LendingRunReport = {
  seed: 1,
  runs: 100,
  cases: 40,
  judged: 40,
  replayed: 0,
  concurrency: 16,
  tallies: [{ id: 'LND-000', title: 'well-formed lending result', checked: 40, violations: 0 }],
  notJudged: [],
  engineFailures: { count: 0, examples: [] },
  labels: { healthy: 40 },
  ok: true,
};
const verdict = (r: LendingRunReport): string => formatLendingReport(r).trimEnd().split('\n').at(-1)!;

describe('formatLendingReport', () => {
  it('a finished run that held: the pass line', () => {
    expect(verdict(base)).toBe('All 1 lending invariants held on 40 scenarios.');
  });

  it('interrupted: how far it got (replayed cases in the total), NOT a pass, then what held so far', () => {
    expect(verdict({ ...base, replayed: 2, interrupted: 'SIGINT', ok: false })).toBe('Interrupted by SIGINT after 40 of 102 scenarios: NOT a pass. So far all 1 lending invariants held on 40 scenarios.');
  });

  it('an engine the adapter gave up on: NOT a pass', () => {
    expect(verdict({ ...base, stoppedEarly: 'after 40 case(s): the adapter stopped trying the engine (x)', ok: false })).toBe('Stopped after 40 case(s): the adapter stopped trying the engine (x): NOT a pass. All 1 lending invariants held on 40 scenarios.');
  });

  it('no scenario judged: NOT a pass, even with no violation', () => {
    expect(verdict({ ...base, judged: 0, ok: false })).toBe('No scenario was judged: NOT a pass.');
  });

  it('replayed failures are said', () => {
    expect(formatLendingReport({ ...base, replayed: 3 })).toContain('\nreplayed 3 saved failure(s) first\n');
  });
});
