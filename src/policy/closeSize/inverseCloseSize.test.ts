/**
 * The close-size parts of spec §10.3 on an inverse market: sizes on the lot grid by §12.5, values
 * by §12.2. Hand-computed, not published vectors: the arithmetic is written beside each number.
 *
 * The market: BTCUSD, 1 USD contracts (v = 1), lot 1, tick 0.5, quoteScale 8 (satoshi); tiers
 * `[0, 1)` at 0.5 %, `[1, 50)` coin at 1 % less 0.005 (continuous at 1: 0.005 = 0.01 − 0.005) and
 * `[50, ∞)` at 2 % less 0.505 (continuous at 50: 0.495), a bracket no position here reaches in coin
 * (a linear |q|·P = 1.8·10^8 would).
 * The account: long 20000 contracts entered at 10000, collateral 0.235, mark 9000:
 * `U = ⌊20000·(1/10000 − 1/9000)⌋ = ⌊−0.2222…⌋ = −0.22222223`, `E = 0.01277777`,
 * `N = ⌈20000/9000⌉ = 2.22222223` (tier 1), `MM = 0.0222222223 − 0.005 = 0.0172222223 ≥ E`.
 */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { fromDec, toCanonical, type Fixed } from '../../model/fixed.ts';
import { coinTier, inverseMarket, inverseParams, longAt9000 } from '../../model/__support__/inverseScenarios.ts';
import { liquidate } from '../../model/liquidate.ts';
import type { Scenario } from '../../model/types.ts';
import { largestBelow } from './stepDown.ts';

const x = (s: string): Fixed => fromDec(new Dec(s));

function scenario(policy: NonNullable<Scenario['policy']>, o: { dust?: string; requests?: Record<string, string> } = {}): Scenario {
  const tiers = [coinTier('0', '0.005', '0', '0.01'), coinTier('1', '0.01', '0.005', '0.02'), coinTier('50', '0.02', '0.505', '0.04')];
  return {
    ...longAt9000(inverseParams({ BTCUSD: inverseMarket(tiers) }, { dustNotional: o.dust ?? '0' }), policy),
    ...(o.requests === undefined ? {} : { requests: o.requests }),
  };
}

function run(sc: Scenario) {
  const out = liquidate(sc);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.result;
}

describe('close sizes on an inverse market (§10.3, §12.5)', () => {
  it('step-down keeps the largest size worth less than the lower tier floor', () => {
    // The step's size: ⌊(1 − 10^−8)·9000/1⌋ = ⌊8999.99991⌋ = 8999 (worth ⌈8999/9000⌉ = 0.99988889 < 1).
    expect(toCanonical(largestBelow(x('1'), x('9000'), x('1'), { kind: 'inverse', value: x('1') }, x('0.00000001')))).toBe('8999');
    const r = run(scenario({ closeSize: { kind: 'step-down' } }));
    // Close 20000 − 8999 = 11001 at the mark: ⌊−11001/90000⌋ = ⌊−0.1222333…⌋ = −0.12223334; N = ⌈11001/9000⌉ = 1.22233334.
    expect(r.fills).toEqual([expect.objectContaining({ size: '11001', price: '9000', realizedPnl: '-0.12223334', notional: '1.22233334' })]);
    // Left: 8999 at tier 0, MM′ = 0.005·0.99988889 = 0.00499944445; C′ = 0.235 − 0.12223334 = 0.11276666,
    // U′ = ⌊−8999/90000⌋ = −0.09998889, E′ = 0.01277777 > MM′: the step meets the target.
    expect(r.status).toBe('partial');
    expect(r.account).toEqual({ collateral: '0.11276666', positions: [{ market: 'BTCUSD', size: '8999', entryPrice: '10000' }] });
    expect(r.groups[0]!.after).toMatchObject({ equity: '0.01277777', maintenance: '0.00499944445' });
  });

  it('fixed-portion closes at least the size worth the minimum notional', () => {
    // ⌈0.2·20000⌉ = 4000 contracts; the minimum 0.5 coin needs ⌊(0.5 − 10^−8)·9000⌋ + 1 = 4499 + 1 = 4500
    // (worth 4500/9000 = 0.5 exactly); the larger is 4500, and the rest 15500 is worth 1.72222223 ≥ 0.5.
    const r = run(scenario({ closeSize: { kind: 'fixed-portion', portion: '0.2', minimumNotional: '0.5' } }));
    // ⌊−4500/90000⌋ = −0.05 exactly.
    expect(r.fills).toEqual([expect.objectContaining({ size: '4500', realizedPnl: '-0.05', notional: '0.5' })]);
    expect(r.account.collateral).toBe('0.185');
  });

  it('requested shrinks a close that would leave dust to leave the smallest size worth the dust threshold', () => {
    // Request 19000 (cap ⌊1·20000⌋ = 20000): the rest 1000 is worth ⌈1000/9000⌉ = 0.11111112 < dust 0.5,
    // so the close shrinks to 20000 − 4500 = 15500 (the rest worth 0.5 exactly).
    const r = run(scenario({ closeSize: { kind: 'requested', closeFactor: '1' } }, { dust: '0.5', requests: { BTCUSD: '19000' } }));
    // ⌊−15500/90000⌋ = ⌊−0.172222…⌋ = −0.17222223; N = ⌈15500/9000⌉ = 1.72222223.
    expect(r.fills).toEqual([expect.objectContaining({ size: '15500', realizedPnl: '-0.17222223', notional: '1.72222223' })]);
    expect(r.account.positions).toEqual([{ market: 'BTCUSD', size: '4500', entryPrice: '10000' }]);
  });

  it('full closes everything and leaves no residue in the fund (§12.3)', () => {
    const r = run(scenario({ closeSize: { kind: 'full' } }));
    // ⌊−20000/90000⌋ = −0.22222223: collateral 0.235 − 0.22222223 = 0.01277777; the exact PnL's
    // fraction (−0.2222…2 vs −0.22222223) is no one's: the fund stays 0.
    expect(r.fills).toEqual([expect.objectContaining({ size: '20000', realizedPnl: '-0.22222223', notional: '2.22222223' })]);
    expect(r).toMatchObject({ status: 'full', insuranceFund: '0', account: { collateral: '0.01277777', positions: [] } });
  });
});

describe('the close order on an inverse market (§6.2 by §12.2 value)', () => {
  it('closes the position worth more coin first, not the one with the larger |q|·P', () => {
    const market = (v: string) => ({ contract: { kind: 'inverse', value: v } as const, lotSize: '1', tickSize: '0.5', tiers: [{ notionalFloor: '0', maintenanceRate: '0.05', maintenanceAmount: '0', initialRate: '0.1' }] });
    const sc: Scenario = {
      params: { quoteScale: 8, trigger: 'inclusive', targetBuffer: '0', penalty: { steps: [{ maxMarginRatio: '1', rate: '0' }], liquidatorShare: '0' }, dustNotional: '0', priceImpact: '0', markets: { AAA: market('1'), BBB: market('1') } },
      marks: { AAA: '10000', BBB: '5000' },
      // AAA: N = 10000/10000 = 1 coin (|q|·P = 10^8); BBB: N = 6000/5000 = 1.2 coin (|q|·P = 3·10^7).
      // Flat entries (U = 0), collateral 0: E = 0 ≤ MM = 0.05·2.2 = 0.11.
      account: { collateral: '0', positions: [{ market: 'AAA', size: '10000', entryPrice: '10000' }, { market: 'BBB', size: '-6000', entryPrice: '5000' }] },
      insuranceFund: '0',
      policy: { closeSize: { kind: 'full' } },
    };
    expect(run(sc).fills.map((f) => [f.market, f.notional])).toEqual([['BBB', '1.2'], ['AAA', '1']]);
  });
});
