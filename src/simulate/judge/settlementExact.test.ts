import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { breakOne, marketTrace } from './__support__/baseTraces.ts';
import { judgeTrace } from './judgeTrace.ts';
import { settlementExact } from './settlementExact.ts';

const only = { invariants: [settlementExact] };

describe('SYS-001 settlement as S8', () => {
  it('holds on the reference trace, and catches a collateral one unit off', async () => {
    const base = await marketTrace();
    expect(judgeTrace(base, only).violations).toEqual([]);
    const { events, event } = breakOne(base, 'liquidation', (e) => e.result.fills.length > 0, (e) => {
      e.result.account.collateral = new Dec(e.result.account.collateral).add('0.00000001').toString();
    });
    const v = judgeTrace(events, only).violations;
    expect(v.map((x) => [x.id, x.step, x.party])).toContainEqual(['SYS-001', event.step, event.account]);
    expect(v.some((x) => /settles the collateral/.test(x.message))).toBe(true);
  });

  it('catches a penalty that is not the sum of its fees', async () => {
    const { events, event } = breakOne(await marketTrace(), 'liquidation', (e) => e.result.fills.length > 0, (e) => {
      e.result.fills[0]!.penalty = new Dec(e.result.fills[0]!.penalty).add(1).toString();
    });
    const v = judgeTrace(events, only).violations;
    expect(v.some((x) => x.step === event.step && /penalty .* ≠ liquidatorFee/.test(x.message))).toBe(true);
  });

  it('catches a fund that does not follow the result', async () => {
    const { events } = breakOne(await marketTrace(), 'liquidation', (e) => e.result.fills.length > 0, (e) => {
      e.result.insuranceFund = new Dec(e.result.insuranceFund).add(5).toString();
    });
    expect(judgeTrace(events, only).violations.some((x) => /the fund settles to/.test(x.message))).toBe(true);
  });
});
