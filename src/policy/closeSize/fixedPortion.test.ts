/**
 * The fixed-portion close size (spec §10.3). Vectors are hand-computed, not published vectors,
 * unless they cite dYdX's own test.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { fromDec, toCanonical, type Fixed } from '../../model/fixed.ts';
import { liquidate } from '../../model/liquidate.ts';
import { exampleScenario } from './closeSizeScenario.ts';
import { portionSize } from './fixedPortion.ts';

const x = (v: string): Fixed => fromDec(new Dec(v));
const size = (a: string, mark: string, lot: string, portion: string, minimum: string, dust: string): string =>
  toCanonical(portionSize(x(a), x(mark), x(lot), x(portion), x(minimum), x(dust)));

describe('portionSize (§10.3 fixed-portion)', () => {
  it('takes the minimum notional when it exceeds the portion (hand-computed, not a published vector)', () => {
    // ⌈0.1·10⌉_0.01 = 1; ⌈250 / (0.01·100)⌉·0.01 = 2.5; rest 7.5·100 = 750 ≥ 250.
    expect(size('10', '100', '0.01', '0.1', '250', '10')).toBe('2.5');
  });

  it('closes the whole position when the rest would be below the minimum (hand-computed, not a published vector)', () => {
    // Δ₀ = max(0.3, 2.5) = 2.5; rest 0.5·100 = 50 < 250: all 3.
    expect(size('3', '100', '0.01', '0.1', '250', '10')).toBe('3');
  });

  it('rounds the portion up to the lot (hand-computed, not a published vector)', () => {
    // 0.1·10.05 = 1.005 → 1.01; with no minimum that is the close.
    expect(size('10.05', '100', '0.01', '0.1', '0', '10')).toBe('1.01');
    // The minimum is a lot count by a ceiling quotient: 250 / (0.01·99) = 252.52… → 253 lots.
    expect(size('10.05', '99', '0.01', '0.1', '250', '10')).toBe('2.53');
  });

  it('applies the dust threshold when it is above the minimum (hand-computed, not a published vector)', () => {
    // Δ₀ = ⌈0.9·1⌉_0.1 = 0.9; rest 0.1·100 = 10 < dust 20: the whole 1.
    expect(size('1', '100', '0.1', '0.9', '0', '20')).toBe('1');
    expect(size('1', '100', '0.1', '0.9', '0', '10')).toBe('0.9');
  });

  // dydxprotocol/v4-chain protocol/x/clob/keeper/liquidations_test.go (commit 84d4664b), TestGetMaxAndMinPositionNotionalLiquidatable
  // (1 BTC = 100_000_000 base quantums at $50,000; 1 quote quantum = $0.000001).
  it('reproduces dYdX v4 TestGetMaxAndMinPositionNotionalLiquidatable', () => {
    // "Can get min notional liquidatable": portion 1 (1e6 ppm), minimum 100 quantums → max $50,000: the whole BTC.
    expect(size('1', '50000', '0.00000001', '1', '0.0001', '0')).toBe('1');
    // "Can get max notional liquidatable": portion 0.5 → $25,000, i.e. 0.5 BTC.
    expect(size('1', '50000', '0.00000001', '0.5', '0.0001', '0')).toBe('0.5');
    // "min and max notional liquidatable can be overridden": $5 position, $10 minimum → the whole position.
    expect(size('0.0001', '50000', '0.00000001', '1', '10', '0')).toBe('0.0001');
  });
});

describe('the fixed-portion policy on the integer core', () => {
  const markets = {
    'BTC-PERP': { lot: '0.01', mark: '100', tiers: [['0', '0.05', '0']] as const },
    'ETH-PERP': { lot: '0.01', mark: '100', tiers: [['0', '0.05', '0']] as const },
  };
  const policy = { closeSize: { kind: 'fixed-portion', portion: '0.1', minimumNotional: '250' } } as const;

  it('makes one fill on the largest position only, whether or not the target is met (hand-computed, not a published vector)', () => {
    // Notionals 1000 and 500; MM = 50 + 25 = 75 > E = 60. BTC first: Δ = 2.5 (as above), penalty ⌈0.01·250⌉ = 2.5.
    const sc = exampleScenario({
      markets,
      positions: [{ market: 'ETH-PERP', size: '5', entry: '100' }, { market: 'BTC-PERP', size: '10', entry: '100' }],
      collateral: '60',
      dust: '10',
      policy,
    });
    const r = liquidate(sc);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.result.fills.map((f) => [f.market, f.size, f.penalty])).toEqual([['BTC-PERP', '2.5', '2.5']]);
    // After: E = 57.5, MM = 0.05·750 + 25 = 62.5: still liquidatable, left for the next call.
    expect(r.result.status).toBe('partial');
    expect(r.result.groups[0]!.after).toMatchObject({ equity: '57.5', maintenance: '62.5' });
  });

  it('closes a small position whole (hand-computed, not a published vector)', () => {
    // 3 at 100: MM = 15 > E = 10; the whole 3, penalty 3, collateral 7.
    const sc = exampleScenario({ markets: { 'BTC-PERP': markets['BTC-PERP'] }, positions: [{ market: 'BTC-PERP', size: '-3', entry: '100' }], collateral: '10', dust: '10', policy });
    const r = liquidate(sc);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.result.fills.map((f) => [f.side, f.size, f.penalty])).toEqual([['buy', '3', '3']]);
    expect(r.result.status).toBe('full');
    expect(r.result.account.collateral).toBe('7');
  });
});
