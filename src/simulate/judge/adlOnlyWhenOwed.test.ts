import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import type { TraceEvent } from '../../wire/simulationTrace.ts';
import { breakOne, marketTrace } from './__support__/baseTraces.ts';
import { adlOnlyWhenOwed } from './adlOnlyWhenOwed.ts';
import { judgeTrace } from './judgeTrace.ts';

const only = { invariants: [adlOnlyWhenOwed] };

describe('SYS-003 ADL only when the fund cannot pay', () => {
  it('holds on the reference trace, and catches an ADL owing more than was socialized', async () => {
    const base = await marketTrace();
    expect(judgeTrace(base, only).violations).toEqual([]);
    expect(judgeTrace(base, only).checked['SYS-003']).toBeGreaterThan(0);
    const { events, event } = breakOne(base, 'adl', (e) => e.reductions.length > 0, (e) => {
      e.owed = new Dec(e.owed).add(1).toString();
    });
    const v = judgeTrace(events, only).violations;
    expect(v.some((x) => x.step === event.step && x.party === event.bankrupt && /owes .* the result socialized/.test(x.message))).toBe(true);
  });

  it('catches an ADL after a liquidation the fund paid in full', async () => {
    const base = await marketTrace();
    const i = base.findIndex((e) => e.type === 'liquidation' && e.result.socializedLoss === '0' && e.result.insurancePayout !== '0');
    expect(i).toBeGreaterThan(0);
    const liq = base[i] as Extract<TraceEvent, { type: 'liquidation' }>;
    const adl: TraceEvent = { type: 'adl', step: liq.step, round: liq.round, bankrupt: liq.account, side: 'long', bankruptcyPrice: liq.mark, mark: liq.mark, spread: '0', owed: liq.result.insurancePayout, reductions: [], toFund: '0', unpaid: liq.result.insurancePayout };
    const events = [...base.slice(0, i + 1), adl, ...base.slice(i + 1)];
    const v = judgeTrace(events, only).violations;
    expect(v.some((x) => x.step === liq.step && /ADL although the result left socializedLoss 0/.test(x.message))).toBe(true);
  });

  it('catches a transfer that is not size·spread', async () => {
    const { events } = breakOne(await marketTrace(), 'adl', (e) => e.reductions.length > 0, (e) => {
      e.reductions[0]!.transfer = new Dec(e.reductions[0]!.transfer).add('0.1').toString();
    });
    expect(judgeTrace(events, only).violations.some((x) => /transfer .* ≠ size/.test(x.message))).toBe(true);
  });
});
