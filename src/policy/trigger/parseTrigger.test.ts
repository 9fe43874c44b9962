/**
 * The trigger part of a policy (spec §10.8), through parsePolicy: the threshold as an exact
 * fraction of two positive integers, at most 1; the default `params` is the reference's.
 */
import { describe, expect, it } from 'vitest';
import { describeParts, sameRules } from '../../gate/declarationOf.ts';
import { parsePolicy } from '../parsePolicy.ts';
import { REFERENCE_POLICY } from '../policy.ts';
import { promisesOf } from '../promises.ts';

const backstop = (numerator: unknown, denominator: unknown): unknown => ({ trigger: { kind: 'backstop', numerator, denominator } });

function issuesOf(policy: unknown): { path: string; expected: string; received: string }[] {
  const r = parsePolicy(policy);
  return r.ok ? [] : (r.issues as { path: string; expected: string; received: string }[]);
}

describe('parseTrigger (spec §10.8)', () => {
  it('reads 2/3 as exact integers and names the policy after it', () => {
    const r = parsePolicy(backstop('2', '3'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.trigger).toEqual({ kind: 'backstop', numerator: 2n, denominator: 3n });
    expect(r.value.name).toBe('minimal-close+backstop-2/3');
    expect(r.value.isReference).toBe(false);
  });

  it('takes `params` (and an absent trigger) for the reference policy itself', () => {
    expect(parsePolicy({ trigger: { kind: 'params' } })).toEqual({ ok: true, value: REFERENCE_POLICY });
    expect(parsePolicy({})).toEqual({ ok: true, value: REFERENCE_POLICY });
  });

  it('accepts 1/1 (every liquidatable group taken over) and rejects a threshold above the requirement', () => {
    expect(parsePolicy(backstop('7', '7')).ok).toBe(true);
    expect(issuesOf(backstop('4', '3'))).toEqual([
      { path: 'policy.trigger.numerator', expected: 'a numerator ≤ denominator (3): the threshold is at most the maintenance requirement', received: '"4"' },
    ]);
  });

  it('rejects zero, decimals, leading zeros, JSON numbers and more than 18 digits (the schema)', () => {
    for (const [n, d] of [['0', '3'], ['2', '0'], ['0.5', '1'], ['02', '3'], [2, 3], ['2', '1000000000000000000']] as const) {
      const issues = issuesOf(backstop(n, d));
      expect(issues.length, `${String(n)}/${String(d)}`).toBeGreaterThan(0);
      expect(issues[0]!.path).toMatch(/^policy\.trigger/);
    }
  });

  it('the gate lists a backstop among the parts, so a declared backstop is not the reference’s rules', () => {
    const r = parsePolicy(backstop('2', '3'));
    if (!r.ok) throw new Error('unreachable');
    expect(describeParts(r.value).at(-1)).toBe('trigger backstop (numerator 2, denominator 3)');
    expect(describeParts(REFERENCE_POLICY).some((line) => line.startsWith('trigger'))).toBe(false);
    expect(sameRules(r.value, REFERENCE_POLICY)).toBe(false);
  });

  it('a backstop promises `backstop` and keeps the other parts’ promises for the groups it does not take over (§10.7)', () => {
    const r = parsePolicy(backstop('2', '3'));
    if (!r.ok) throw new Error('unreachable');
    const promises = promisesOf(r.value);
    for (const p of ['backstop', 'acts', 'restorative', 'price-monotone', 'mark-price', 'penalty-capped', 'distress-monotone', 'mirror-symmetric', 'minimal', 'step-penalty'] as const) expect(promises.has(p), p).toBe(true);
    expect(promisesOf(REFERENCE_POLICY).has('backstop')).toBe(false);
  });
});
