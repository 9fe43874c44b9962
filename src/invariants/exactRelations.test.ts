/**
 * The relations compare the in-process reference's answers in exact amounts (parsedEngine.ts
 * `exactResultOf`) instead of writing and comparing strings. That must judge exactly as the wire
 * comparison does, on wrong answers too: here one engine answers every derived scenario as if the
 * collateral were doubled, once with a parsed entry point (exact answers) and once without (wire
 * answers only), and both must get the same verdicts, message for message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario, singlePositionScenario } from '../arbitraries/scenario.ts';
import { Dec, toCanonical } from '../model/decimal.ts';
import { liquidate } from '../model/liquidate.ts';
import type { ParsedAnswer } from '../model/parsedEngine.ts';
import type { Outcome, ParsedScenario, Scenario } from '../model/types.ts';
import { checkCase } from './checkCase.ts';

const sample = [
  ...fc.sample(scenario(), { seed: 20261201, numRuns: 150 }),
  ...fc.sample(singlePositionScenario(), { seed: 20261202, numRuns: 150 }),
];

/** An engine right on the first scenario of a case and wrong (collateral × 2) on every later one. */
function doublingEngine(withParsedEntry: boolean) {
  let calls = 0;
  let parsedCalls = 0;
  const wire = (s: Scenario): Outcome => (calls++ === 0 ? liquidate(s) : liquidate({ ...s, account: { ...s.account, collateral: toCanonical(new Dec(s.account.collateral).mul(2)) } }));
  const runParsed = (p: ParsedScenario): ParsedAnswer => {
    parsedCalls++;
    return liquidate.runParsed(calls++ === 0 ? p : { ...p, collateral: p.collateral.mul(2) });
  };
  const engine = withParsedEntry ? Object.assign(wire, { runParsed }) : wire;
  return {
    engine,
    reset: () => void (calls = 0),
    parsedCalls: () => parsedCalls,
  };
}

describe('relations on exact answers', () => {
  it('give the same verdicts and messages as on wire answers, wrong answers included', () => {
    const exact = doublingEngine(true);
    const wire = doublingEngine(false);
    const caught = new Map<string, number>();
    for (const s of sample) {
      exact.reset();
      wire.reset();
      const a = checkCase(exact.engine, s);
      const b = checkCase(wire.engine, s);
      expect(a.violations, JSON.stringify(s)).toEqual(b.violations);
      expect(a.checked).toEqual(b.checked);
      for (const v of a.violations) caught.set(v.invariant, (caught.get(v.invariant) ?? 0) + 1);
    }
    expect(exact.parsedCalls()).toBeGreaterThan(sample.length);
    // The doubled collateral shows in the relations that compare whole results or sizes closed.
    for (const id of ['LIQ-012', 'LIQ-013', 'LIQ-014', 'LIQ-015']) expect(caught.get(id) ?? 0, id).toBeGreaterThan(0);
  });
});
