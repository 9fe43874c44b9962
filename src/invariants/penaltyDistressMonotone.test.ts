/**
 * LIQ-016 (spec §5.1, §10.5): more distress never lowers the rate — under a linear penalty too —
 * and a derived run with no cross fill is charged here only when the policy promises `acts`.
 * The scenario is the hand-computed one of properties/penaltyScenarios.ts (ρ = 0.7).
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, Scenario } from '../model/types.ts';
import { PENALTY_ZOO } from '../zoo/policy/penaltyZoo.ts';
import { checkCase } from './checkCase.ts';
import { LINEAR_SCENARIO as BASE, STEPS_SCENARIO } from '../../properties/penaltyScenarios.ts';
import { penaltyDistressMonotone } from './penaltyDistressMonotone.ts';

const ONLY = { invariants: [penaltyDistressMonotone] };

/** Answers the case with `first`'s result, and every derived run with that result stripped of its fills. */
function silentOnDerived(first: Scenario): Engine {
  let calls = 0;
  return () => {
    const o = liquidate(first);
    if (!o.ok) return o;
    return calls++ === 0 ? o : { ok: true, result: { ...o.result, fills: [] } };
  };
}

describe('LIQ-016 penalty rate non-decreasing in distress', () => {
  it('holds for the reference under a linear penalty (hand-computed: 0.066666666666666667 at ρ = 0.7, 0.1 at ρ = −185/900)', () => {
    expect(checkCase(liquidate, BASE, ONLY).violations).toEqual([]);
    const derived = liquidate({ ...BASE, account: { ...BASE.account, collateral: '815' } });
    expect(derived.ok && derived.result.fills[0]!.penaltyRate).toBe('0.1');
  });

  it('catches a rate that falls when the collateral is halved', () => {
    // The derived run answered by the zoo engine that reads the points backwards (0.01 below 0.5).
    const backwards = PENALTY_ZOO.find((z) => z.name === 'linearPointsBackwards')!.engine;
    let calls = 0;
    const engine: Engine = (sc) => (calls++ === 0 ? liquidate(sc) : backwards(sc));
    expect(checkCase(engine, BASE, ONLY).violations.map((v) => v.message)).toEqual(['penalty rate falls from 0.066666666666666667 to 0.01 when collateral drops from 1630 to 815']);
  });

  it('charges a derived run with no cross fill only under a policy that promises to act', () => {
    // Under the reference policy (`acts`), silence on a more distressed account is reported here.
    const steps = STEPS_SCENARIO;
    expect(checkCase(silentOnDerived(steps), steps, ONLY).violations.map((v) => v.message)).toEqual([expect.stringMatching(/no longer liquidated/)]);
    // Under a requested close size (no `acts`: the liquidator may ask for nothing), it is not.
    const requested: Scenario = { ...BASE, policy: { closeSize: { kind: 'requested', closeFactor: '0.5' } }, requests: { 'BTC-PERP': '0.1' } };
    const report = checkCase(silentOnDerived(steps), requested, ONLY);
    expect(report.engineFailure).toBeUndefined();
    expect(report.checked).toContain('LIQ-016');
    expect(report.violations).toEqual([]);
  });
});
