import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { breakOne, marketTrace } from './__support__/baseTraces.ts';
import { adlRankOrder, judgeRankingOf } from './adlRankOrder.ts';
import { judgeTrace } from './judgeTrace.ts';

const only = { invariants: [adlRankOrder] };
// an account of equity E at mark 90: C = E − q·(90 − e)
const acct = (id: string, size: string, entry: string, equity: string) => ({ id, state: { collateral: new Dec(equity).sub(new Dec(size).mul(new Dec(90).sub(entry))), size: new Dec(size), entry: new Dec(entry), isolated: false } });

describe('SYS-004 ADL in ranking order', () => {
  it('ranks as BitMEX does (hand-computed)', () => {
    // mark 90, three shorts (profitable, the price fell): PNL% = (e − 90)/e, EffLev = |q|·90/E
    // s1: e 100, q −1, E 50 → 0.1 · 1.8 = 0.18;  s2: e 100, q −1, E 10 → 0.1 · 9 = 0.9
    // s3: e 95, q −2, E 100 → (5/95) · 1.8 ≈ 0.0947;  l1: a losing long e 100, q 1, E 5 →
    // PNL% −0.1 / EffLev 18 ≈ −0.00556: last
    const r = judgeRankingOf([acct('s1', '-1', '100', '50'), acct('s2', '-1', '100', '10'), acct('s3', '-2', '95', '100'), acct('l1', '1', '100', '5')], new Dec(90));
    expect(r.map((x) => x.id)).toEqual(['s2', 's1', 's3', 'l1']);
    // ties by id: two identical counterparties
    expect(judgeRankingOf([acct('b', '-1', '100', '50'), acct('a', '-1', '100', '50')], new Dec(90)).map((x) => x.id)).toEqual(['a', 'b']);
    // no equity, no rank: E = 0 and E < 0 are left out
    expect(judgeRankingOf([acct('z', '-1', '100', '0'), acct('y', '-1', '100', '-3'), acct('x', '-1', '100', '1')], new Dec(90)).map((x) => x.id)).toEqual(['x']);
    // scores a relative 2·10^−15 apart, below a float estimate's resolution, are ordered exactly:
    // two shorts at entry 100, E 50 and 50.0000000000001: the smaller equity ranks first
    expect(judgeRankingOf([acct('p', '-1', '100', '50.0000000000001'), acct('q', '-1', '100', '50')], new Dec(90)).map((x) => x.id)).toEqual(['q', 'p']);
  });

  it('holds on the reference trace, and catches two reductions swapped', async () => {
    const base = await marketTrace();
    expect(judgeTrace(base, only).violations).toEqual([]);
    const { events, event } = breakOne(base, 'adl', (e) => e.reductions.length >= 2, (e) => {
      e.reductions.reverse();
    });
    const v = judgeTrace(events, only).violations;
    expect(v.map((x) => [x.id, x.step, x.round])).toContainEqual(['SYS-004', event.step, event.round]);
  });

  it('catches a misreported score', async () => {
    const { events } = breakOne(await marketTrace(), 'adl', (e) => e.reductions.length > 0, (e) => {
      e.reductions[0]!.score = new Dec(e.reductions[0]!.score).add('0.000000000000000001').toString();
    });
    expect(judgeTrace(events, only).violations.some((x) => /score of .* reported/.test(x.message))).toBe(true);
  });
});
