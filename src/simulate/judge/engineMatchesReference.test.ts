import { describe, expect, it } from 'vitest';
import { breakOne, marketTrace } from './__support__/baseTraces.ts';
import { engineMatchesReference, firstDifference } from './engineMatchesReference.ts';
import { judgeTrace } from './judgeTrace.ts';

const only = { invariants: [engineMatchesReference] };

describe('SYS-010 engine equals the reference', () => {
  it('firstDifference ignores key order and names the path', () => {
    expect(firstDifference({ a: 1, b: [1, { c: '2' }] }, { b: [1, { c: '2' }], a: 1 })).toBeUndefined();
    expect(firstDifference({ a: 1, b: [1, { c: '2' }] }, { a: 1, b: [1, { c: '3' }] })).toBe('b[1].c: "2" vs "3"');
  });

  it('holds on the reference trace, and catches a result the ledger never reads', async () => {
    const base = await marketTrace();
    expect(judgeTrace(base, only).violations).toEqual([]);
    const { events, event } = breakOne(base, 'liquidation', (e) => e.result.groups.length > 0, (e) => {
      e.result.groups[0]!.before.maintenance = '1';
    });
    const v = judgeTrace(events, only).violations;
    expect(v).toHaveLength(1);
    expect(v[0]!.step).toBe(event.step);
    expect(v[0]!.message).toMatch(/groups\[0\]\.before\.maintenance: "1" vs/);
  });
});
