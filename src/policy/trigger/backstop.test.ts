/**
 * The backstop of spec §10.8 on its worked example (hand-computed, not a published vector), and
 * the decision at the threshold itself under both triggers.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../../model/liquidate.ts';
import type { LiquidationResult, Scenario, Trigger } from '../../model/types.ts';
import type { Policy } from '../../wire/policy.ts';
import { example } from './backstopScenario.ts';

function run(sc: Scenario): LiquidationResult {
  const out = liquidate(sc);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.result;
}

describe('backstop takeover (spec §10.8 worked example, hand-computed)', () => {
  it('C = 350: E = 149.709, 3E = 449.127 < 2·MM = 608.006 — every position at mark, the last fill charged the collateral', () => {
    const r = run(example('350'));
    expect(r.status).toBe('full');
    expect(r.fills.map((f) => [f.market, f.side, f.size, f.price, f.realizedPnl, f.penalty, f.liquidatorFee, f.insuranceFee])).toEqual([
      ['BTC-PERP', 'sell', '1', '29800', '-200', '0', '0', '0'],
      ['ETH-PERP', 'buy', '0.3', '2001', '-0.3', '149.7', '74.85', '74.85'],
    ]);
    // The group's rate (§5.1) is reported, though the takeover does not charge it.
    expect(r.fills.map((f) => f.penaltyRate)).toEqual(['0.002', '0.002']);
    expect(r.account).toEqual({ collateral: '0', positions: [] });
    expect(r.insuranceFund).toBe('74.859'); // 74.85 + the residue 0.009
    expect(r.badDebt).toBe('0');
  });

  it('takes over at the mark even with a price impact', () => {
    const r = run(example('350', { priceImpact: '0.01' }));
    expect(r.fills.map((f) => f.price)).toEqual(['29800', '2001']);
    expect(r.account.collateral).toBe('0');
  });

  it('C = 150: E = −50.291 — taken over, nothing charged, the deficit 50.30 is bad debt', () => {
    const r = run(example('150'));
    expect(r.status).toBe('bankrupt');
    expect(r.fills.map((f) => f.penalty)).toEqual(['0', '0']);
    expect(r.badDebt).toBe('50.3');
    expect(r.insuranceFund).toBe('0.009');
    expect(r.socializedLoss).toBe('50.3');
  });

  it('C = 500: E = 299.709, 3E = 899.127 ≥ 608.006 — not taken over: the minimal close of §6 acts, as without a backstop', () => {
    const backstopped = run(example('500'));
    const plain = run(example('500', { policy: {} }));
    expect(backstopped.status).toBe('partial');
    expect(backstopped.fills).toEqual(plain.fills);
    expect(backstopped.account).toEqual(plain.account);
  });

  it('at the threshold itself (E = 1/2·MM exactly) strict does not take over and inclusive does', () => {
    // A single long BTC, MM = 298: 2/3 of it is not on the cent grid, so the threshold 1/2, E = 149 exactly.
    const half: Policy = { trigger: { kind: 'backstop', numerator: '1', denominator: '2' } };
    const single = (trigger: Trigger): Scenario => {
      const sc = example('349', { policy: half, trigger }); // E = 349 − 200 = 149 = 298 / 2
      return { ...sc, account: { ...sc.account, positions: [sc.account.positions[1]!] } };
    };
    const strict = run(single('strict'));
    const inclusive = run(single('inclusive'));
    expect(strict.status).toBe('partial');
    expect(strict.account.positions).toHaveLength(1);
    expect(inclusive.status).toBe('full');
    expect(inclusive.fills.map((f) => [f.size, f.price, f.penalty])).toEqual([['1', '29800', '149']]);
  });
});
