/**
 * The domain of the linear penalty's points (spec §10.5), through parsePolicy: every violation is
 * an issue naming the point's field, what was expected and what was received.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../parsePolicy.ts';

const linear = (points: { marginRatio: string; rate: string }[]): unknown => ({ penalty: { kind: 'linear', points } });

function issuesOf(policy: unknown): { path: string; expected: string; received: string }[] {
  const r = parsePolicy(policy);
  return r.ok ? [] : (r.issues as { path: string; expected: string; received: string }[]);
}

describe('parsePenalty (spec §10.5)', () => {
  it('accepts points with margin ratios strictly decreasing to 0 and rates non-decreasing, flat segments included', () => {
    const r = parsePolicy(linear([{ marginRatio: '1.2', rate: '0' }, { marginRatio: '1', rate: '0' }, { marginRatio: '0', rate: '0.999' }]));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.penalty.kind).toBe('linear');
  });

  it('rejects a margin ratio that does not decrease, naming the point it is compared with', () => {
    expect(issuesOf(linear([{ marginRatio: '1', rate: '0' }, { marginRatio: '1', rate: '0.01' }]))).toEqual([
      { path: 'policy.penalty.points[1].marginRatio', expected: 'a margin ratio < points[0].marginRatio (margin ratios strictly decreasing)', received: '"1"' },
    ]);
  });

  it('rejects a rate that falls with distress', () => {
    expect(issuesOf(linear([{ marginRatio: '1', rate: '0.02' }, { marginRatio: '0.5', rate: '0.01' }]))).toEqual([
      { path: 'policy.penalty.points[1].rate', expected: 'a rate ≥ points[0].rate (rates non-decreasing in distress)', received: '"0.01"' },
    ]);
  });

  it('rejects a rate of 1 or more and a negative margin ratio at their own paths, once', () => {
    const issues = issuesOf(linear([{ marginRatio: '-0.1', rate: '0' }, { marginRatio: '0.5', rate: '1' }, { marginRatio: '0.4', rate: '0.5' }]));
    expect(issues.map((i) => i.path)).toEqual(['policy.penalty.points[0].marginRatio', 'policy.penalty.points[1].rate']);
  });

  it('rejects fewer than two points (the schema)', () => {
    expect(issuesOf(linear([{ marginRatio: '1', rate: '0.01' }])).map((i) => i.path)).toEqual([expect.stringMatching(/^policy\.penalty/)]);
  });
});
