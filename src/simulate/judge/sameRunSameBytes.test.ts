import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../wire/simulationTrace.ts';
import { marketTrace } from './__support__/baseTraces.ts';
import { judgeRuns } from './judgeRuns.ts';
import { judgeTrace } from './judgeTrace.ts';
import { sameRunSameBytes } from './sameRunSameBytes.ts';

const only = { invariants: [sameRunSameBytes] };

describe('SYS-008 same seed, same run', () => {
  it('holds on the reference trace, and catches a round out of id order', async () => {
    const base = await marketTrace();
    const j = judgeTrace(base, only);
    expect(j.violations).toEqual([]);
    expect(j.checked['SYS-008']).toBeGreaterThan(0);
    // swap two consecutive liquidations of one round (each has no events of its own in between)
    const i = base.findIndex((e, k) => e.type === 'liquidation' && base[k + 1]?.type === 'liquidation' && (base[k + 1] as typeof e).round === e.round);
    expect(i).toBeGreaterThan(0);
    const events: TraceEvent[] = [...base];
    [events[i], events[i + 1]] = [events[i + 1]!, events[i]!];
    const v = judgeTrace(events, only).violations;
    expect(v).toHaveLength(1);
    expect(v[0]!.message).toMatch(/not id order/);
  });

  it('judgeRuns names the first differing line (hand-made bytes)', () => {
    const a = { trace: 'l1\n{"step":4,"x":1}\nl3\n', report: '{"a":1,"ms":5}' };
    expect(judgeRuns(a, { trace: a.trace, report: '{"a":1,"ms":99}' }).violations).toEqual([]);
    const v = judgeRuns(a, { trace: 'l1\n{"step":4,"x":2}\nl3\n', report: '{"a":2,"ms":5}' }).violations;
    expect(v.map((x) => x.message)).toEqual(['traces differ at line 2: {"step":4,"x":1} vs {"step":4,"x":2}', 'reports differ at line 2 (without ms): "a": 1 vs "a": 2']);
    expect(v[0]!.step).toBe(4);
  });
});
