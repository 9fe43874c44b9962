import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { auctionTrace, breakOne } from './__support__/baseTraces.ts';
import { judgeCurve, judgePrice, judgeStart } from './auctionCurve.ts';
import { auctionPriceMonotone } from './auctionPriceMonotone.ts';
import { judgeTrace } from './judgeTrace.ts';
import type { AuctionSpec } from './replayTrace.ts';

const only = { invariants: [auctionPriceMonotone] };
const linear: AuctionSpec = { premium: new Dec('0.05'), curve: { kind: 'linear', duration: 20 }, tail: 30, cusp: new Dec('0.4'), dust: new Dec(100) };
const stairs: AuctionSpec = { ...linear, curve: { kind: 'stairstep', cut: new Dec('0.9'), step: 2 } };

describe('SYS-006 auction price monotone, floored', () => {
  it('prices as S6 (hand-computed)', () => {
    const tick = new Dec('0.1');
    // top = ⌈1000·1.05⌉ = 1050, bot = ⌊1000·0.95⌋ = 950
    expect(judgeStart(linear, 'long', new Dec(1000), tick).toString()).toBe('1050');
    expect(judgeStart(linear, 'short', new Dec(1000), tick).toString()).toBe('950');
    // linear: c(3) = 1 − 3/20 = 0.85; c(7) = 0.65; 1/3 steps: c(1) of a 3-step curve = 0.666666666666
    expect(judgeCurve(linear, 3).toString()).toBe('0.85');
    expect(judgeCurve({ ...linear, curve: { kind: 'linear', duration: 3 } }, 1).toString()).toBe('0.666666666666');
    // stairstep, cut 0.9 every 2 steps: c(5) = 0.9² = 0.81
    expect(judgeCurve(stairs, 5).toString()).toBe('0.81');
    // long ⌈1050·0.85⌉_0.1 = 892.5; short ⌊950/0.85⌋_0.1 = ⌊1117.647…⌋ = 1117.6
    expect(judgePrice('long', new Dec(1050), new Dec('0.85'), tick).toString()).toBe('892.5');
    expect(judgePrice('short', new Dec(950), new Dec('0.85'), tick).toString()).toBe('1117.6');
  });

  it('holds on the reference trace, and catches a take one tick above S6\'s price', async () => {
    const base = await auctionTrace();
    const j = judgeTrace(base, only);
    expect(j.violations).toEqual([]);
    expect(j.checked['SYS-006']).toBeGreaterThan(0);
    const { events, event } = breakOne(base, 'take', (e) => e.side === 'long', (e) => {
      e.price = new Dec(e.price).add('0.1').toString();
    });
    const v = judgeTrace(events, only).violations;
    expect(v.some((x) => x.step === event.step && x.party === event.auction && /S6's price at age/.test(x.message))).toBe(true);
  });

  it('catches a take below the floor, and a kick at the wrong start', async () => {
    const base = await auctionTrace();
    const low = breakOne(base, 'take', (e) => e.side === 'long', (e) => {
      e.price = new Dec(e.price).mul('0.1').toDecimalPlaces(1).toString();
    });
    expect(judgeTrace(low.events, only).violations.some((x) => /beyond the floor/.test(x.message))).toBe(true);
    const kick = breakOne(base, 'kick', () => true, (e) => {
      e.start = e.mark;
    });
    expect(judgeTrace(kick.events, only).violations.some((x) => /S6's start at mark/.test(x.message))).toBe(true);
  });
});

describe('SYS-006 resets', () => {
  it('catches a reset before it was due', async () => {
    const base = await auctionTrace();
    // re-date the first kick one step later: its auctions' resets now come one step too young for the
    // linear curve (c = 1 − d/20 ≥ 0.4 at d ≤ 12), the reset at d = 13 now reads d = 12
    const reset = base.find((e) => e.type === 'reset');
    expect(reset).toBeDefined();
    const { events } = breakOne(base, 'kick', (e) => reset !== undefined && reset.type === 'reset' && e.auction === reset.auction, (e) => {
      e.step += 1;
    });
    expect(judgeTrace(events, only).violations.some((x) => /before it was due/.test(x.message))).toBe(true);
  });
});
