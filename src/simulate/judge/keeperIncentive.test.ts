import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { auctionTrace, breakOne, marketTrace } from './__support__/baseTraces.ts';
import { judgeTrace } from './judgeTrace.ts';
import { keeperIncentive } from './keeperIncentive.ts';

const only = { invariants: [keeperIncentive] };

describe('SYS-009 agents act on their incentives', () => {
  it('holds on the reference traces', async () => {
    expect(judgeTrace(await marketTrace(), only).violations).toEqual([]);
    expect(judgeTrace(await auctionTrace(), only).violations).toEqual([]);
  });

  it('catches a keeper that acted before a latency it is now said to have', async () => {
    // k3 (latency 2) acts on accounts the step their latency ends; claim a latency of 40
    const { events } = breakOne(await marketTrace(), 'start', () => true, (e) => {
      for (const k of e.keepers) if (k.id === 'k3') k.latency = 40;
    });
    expect(judgeTrace(events, only).violations.some((x) => x.party === 'k3' && /before its latency 40/.test(x.message))).toBe(true);
  });

  it('catches a keeper whose cost exceeds its reward', async () => {
    const { events } = breakOne(await marketTrace(), 'start', () => true, (e) => {
      for (const k of e.keepers) k.cost = '1000000';
    });
    expect(judgeTrace(events, only).violations.some((x) => /below its cost 1000000/.test(x.message))).toBe(true);
  });

  it('catches a bidder taking above its valuation', async () => {
    const { events } = breakOne(await auctionTrace(), 'start', () => true, (e) => {
      for (const b of e.bidders) b.discount = new Dec('0.99').toString();
    });
    expect(judgeTrace(events, only).violations.some((x) => /beyond its valuation/.test(x.message))).toBe(true);
  });
});
