import { describe, expect, it } from 'vitest';
import { breakOne, marketTrace } from './__support__/baseTraces.ts';
import { judgeTrace } from './judgeTrace.ts';
import { noNegativeCollateral } from './noNegativeCollateral.ts';

const only = { invariants: [noNegativeCollateral] };

describe('SYS-007 no negative collateral', () => {
  it('holds on the reference trace, and catches a bankrupt account whose payout is dropped', async () => {
    const base = await marketTrace();
    expect(judgeTrace(base, only).violations).toEqual([]);
    const { events, event, index } = breakOne(base, 'liquidation', (e) => e.result.status === 'bankrupt' && e.result.account.positions.length === 0 && e.result.insurancePayout !== '0', (e) => {
      e.result.insurancePayout = '0';
    });
    const payout = (base[index] as typeof event).result.insurancePayout;
    // hand: the result settled C' = 0 with the payout, so without it C' = −payout (flat, to the end of the step)
    const v = judgeTrace(events, only).violations;
    expect(v.find((x) => x.party === event.account && x.step === event.step)?.message).toBe(`flat with collateral -${payout}`);
  });
});
