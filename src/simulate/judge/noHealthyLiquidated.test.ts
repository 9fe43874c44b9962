import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { breakOne, marketTrace } from './__support__/baseTraces.ts';
import { judgeTrace } from './judgeTrace.ts';
import { noHealthyLiquidated } from './noHealthyLiquidated.ts';

const only = { invariants: [noHealthyLiquidated] };

describe('SYS-005 no healthy account liquidated', () => {
  it('holds on the reference trace, and catches a round whose mark leaves the account healthy', async () => {
    const base = await marketTrace();
    expect(judgeTrace(base, only).violations).toEqual([]);
    // the round's mark put back at the start price (100000): every account was healthy there (S2.1)
    const { events, event } = breakOne(base, 'round', () => true, (e) => {
      e.mark = '100000';
    });
    const v = judgeTrace(events, only).violations;
    expect(v.some((x) => x.step === event.step && /healthy at the round's mark 100000/.test(x.message))).toBe(true);
    expect(v.some((x) => x.step === event.step && /its round's mark is 100000/.test(x.message))).toBe(true);
  });

  it('catches an ADL of an account on the bankrupt\'s side', async () => {
    const base = await marketTrace();
    const longs = new Set(
      base.flatMap((e) => (e.type === 'start' ? e.accounts.filter((a) => new Dec(a.size).gt(0) && a.id !== 'a000001').map((a) => a.id) : [])),
    );
    const { events } = breakOne(base, 'adl', (e) => e.side === 'long' && e.reductions.length > 0, (e) => {
      // the first long that has not been liquidated yet is still open: reduce it instead
      e.reductions[0]!.account = [...longs].find((id) => !base.some((x) => x.type === 'liquidation' && x.account === id && x.step <= e.step))!;
    });
    expect(judgeTrace(events, only).violations.some((x) => /bankrupt's own side/.test(x.message))).toBe(true);
  });
});
