/**
 * LIQ-025 (the linear penalty follows its function, spec §10.5) on a hand-computed scenario and
 * on results tampered in one field; which penalty invariants a linear policy is judged by; and
 * that generated scenarios under the zoo's linear policies reach every segment of the function
 * and both of its ends.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { scenariosUnder } from '../arbitraries/policyScenario.ts';
import { Dec } from '../model/decimal.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Engine, LiquidationResult, Scenario } from '../model/types.ts';
import { parsePolicy } from '../policy/parsePolicy.ts';
import { judgedBy, promisesOf } from '../policy/promises.ts';
import type { Policy } from '../wire/policy.ts';
import { CATALOG } from './catalog.ts';
import { checkCase } from './checkCase.ts';
import { linearPenaltyFunction } from './linearPenaltyFunction.ts';
import { LINEAR_SCENARIO as SCENARIO, WORKED_POLICY as WORKED } from '../../properties/penaltyScenarios.ts';

const ONLY = { invariants: [linearPenaltyFunction] };

function reference(sc: Scenario): LiquidationResult {
  const o = liquidate(sc);
  if (!o.ok) throw new Error(JSON.stringify(o.error));
  return o.result;
}

/** The reference with the first fill's fields replaced. */
function tampered(change: Partial<LiquidationResult['fills'][number]>): Engine {
  return (sc) => {
    const r = reference(sc);
    return { ok: true, result: { ...r, fills: r.fills.map((f, i) => (i === 0 ? { ...f, ...change } : f)) } };
  };
}

describe('LIQ-025 linear penalty follows its function', () => {
  it('holds for the reference on the hand-computed scenario (hand-computed, not a published vector)', () => {
    const r = reference(SCENARIO);
    // f(0.7) = 0.05 + ⌈0.05·0.1/0.3⌉_{1e−18} = 0.066666666666666667. The minimal close is 0.901:
    // at 0.9 the penalty ⌈f·8100⌉_{0.01} = 540.01 leaves E' = 1630 − 900 − 540.01 − 100 = 89.99 < 90
    // = MM'; at 0.901, N_c = 8109 and ⌈0.066666666666666667 · 8109⌉ = ⌈540.600000000000002703⌉ =
    // 540.61 (the exact 1/15 would give 540.60), leaving E' = 89.39 ≥ MM' = 89.1.
    expect(r.fills.map((f) => [f.size, f.penaltyRate, f.notional, f.penalty, f.liquidatorFee])).toEqual([['0.901', '0.066666666666666667', '8109', '540.61', '270.3']]);
    expect(checkCase(liquidate, SCENARIO, ONLY).violations).toEqual([]);
  });

  it('catches a rate rounded down, a rate outside the points, and a penalty charged at the exact rate', () => {
    const down = checkCase(tampered({ penaltyRate: '0.066666666666666666' }), SCENARIO, ONLY).violations;
    expect(down.map((v) => v.message)).toContainEqual(expect.stringMatching(/penalty rate 0\.066666666666666666 but the linear function gives 0\.066666666666666667/));
    const beyond = checkCase(tampered({ penaltyRate: '0.2' }), SCENARIO, ONLY).violations;
    expect(beyond.map((v) => v.message)).toContainEqual(expect.stringMatching(/outside the function's range \[0\.01, 0\.1\]/));
    const exact = checkCase(tampered({ penalty: '540.6', liquidatorFee: '270.3', insuranceFee: '270.3' }), SCENARIO, ONLY).violations;
    expect(exact.map((v) => v.message)).toContainEqual(expect.stringMatching(/penalty 540\.6 but .* = 540\.61/));
  });

  it('is what a linear policy is judged by instead of the step schedule (spec §10.7)', () => {
    const parsed = parsePolicy(WORKED);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { judged, notJudged } = judgedBy(CATALOG, promisesOf(parsed.value));
    const ids = judged.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['LIQ-025', 'LIQ-010', 'LIQ-016']));
    expect(notJudged).toContainEqual({ id: 'LIQ-006', missing: ['step-penalty'] });
    expect(judgedBy(CATALOG, promisesOf(null)).judged.map((i) => i.id)).not.toContain('LIQ-025');
  });

  it('generated scenarios reach every segment and both ends of the zoo policies’ functions', () => {
    const policies: Policy[] = [
      WORKED,
      { penalty: { kind: 'linear', points: [{ marginRatio: '1', rate: '0.001' }, { marginRatio: '0.9', rate: '0.004' }, { marginRatio: '0.6', rate: '0.01' }, { marginRatio: '0.3', rate: '0.03' }] } },
    ];
    for (const policy of policies) {
      const parsed = parsePolicy(policy);
      if (!parsed.ok || policy.penalty?.kind !== 'linear') throw new Error('bad test policy');
      const m = policy.penalty.points.map((p) => new Dec(p.marginRatio));
      // Region j < k: segment j (m_{j+1} ≤ ρ < m_j); region k: ρ < m_k; region −1: ρ ≥ m_0.
      const counts = new Map<number, number>();
      for (const sc of fc.sample(scenariosUnder(parsed.value, policy, scenario()), { seed: 20261201, numRuns: 400 })) {
        const o = liquidate(sc);
        if (!o.ok) continue;
        for (const g of o.result.groups) {
          if (g.status === 'healthy') continue;
          const rho = new Dec(g.before.equity).div(new Dec(g.before.maintenance));
          let region = rho.gte(m[0]!) ? -1 : m.findIndex((mi, j) => j + 1 < m.length && rho.gte(m[j + 1]!) && rho.lt(mi));
          if (region === -1 && rho.lt(m[0]!)) region = m.length - 1;
          counts.set(region, (counts.get(region) ?? 0) + 1);
        }
      }
      console.log(`[LIQ-025 reach] ${policy.penalty.points.map((p) => p.marginRatio).join(' > ')}: ${[...counts].sort((a, b) => a[0] - b[0]).map(([r, n]) => `${r < 0 ? 'ρ ≥ m0' : r === m.length - 1 ? 'ρ < last' : `segment ${r}`}: ${n}`).join(', ')}`);
      for (let j = -1; j < m.length; j++) expect(counts.get(j) ?? 0, `region ${j}`).toBeGreaterThan(0);
    }
  });
});
