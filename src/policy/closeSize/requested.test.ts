/** The requested close size (spec §10.3): hand-computed, not published vectors. */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { fromDec, toCanonical, type Fixed } from '../../model/fixed.ts';
import { liquidate } from '../../model/liquidate.ts';
import { exampleScenario } from './closeSizeScenario.ts';
import { requestCap, requestedSize } from './requested.ts';

const x = (v: string): Fixed => fromDec(new Dec(v));
const cap = (a: string, lot: string, factor: string, max: string | null): string => toCanonical(requestCap(x(a), x(lot), x(factor), max === null ? null : x(max)));

describe('requestCap and requestedSize (§10.3 requested)', () => {
  it('caps by the close factor rounded down and the maximum size (hand-computed, not a published vector)', () => {
    expect(cap('10', '0.1', '0.5', '3')).toBe('3'); // min(⌊5⌋, ⌊3⌋) = 3
    expect(cap('10', '0.1', '0.5', null)).toBe('5');
    expect(cap('0.5', '0.1', '0.5', null)).toBe('0.2'); // ⌊0.25⌋_0.1 = 0.2
    expect(cap('0.1', '0.1', '0.5', null)).toBe('0.1'); // ⌊0.05⌋ = 0, but at least one lot
    expect(cap('10', '0.1', '1', '0.05')).toBe('0.1'); // a maximum below a lot still allows one lot
  });

  it('serves min(request, |q|, cap) and shrinks a close that would leave dust (hand-computed, not a published vector)', () => {
    expect(toCanonical(requestedSize(x('10'), x('100'), x('0.1'), x('7'), x('3'), x('50')))).toBe('3');
    // Δ₀ = 1 leaves 0.2·100 = 20 < 50: 1.2 − ⌈50 / 10⌉·0.1 = 0.7.
    expect(toCanonical(requestedSize(x('1.2'), x('100'), x('0.1'), x('1'), x('1.2'), x('50')))).toBe('0.7');
    // The whole position is no dust.
    expect(toCanonical(requestedSize(x('1.2'), x('100'), x('0.1'), x('5'), x('1.2'), x('50')))).toBe('1.2');
    // 0.4 at 100 = 40 < 50: any partial close leaves dust and no partial close is allowed: nothing.
    expect(toCanonical(requestedSize(x('0.4'), x('100'), x('0.1'), x('0.1'), x('0.2'), x('50')))).toBe('0');
  });
});

describe('the requested policy on the integer core', () => {
  const markets = {
    'BTC-PERP': { lot: '0.1', mark: '100', tiers: [['0', '0.05', '0']] as const },
    'ETH-PERP': { lot: '0.1', mark: '100', tiers: [['0', '0.05', '0']] as const },
  };
  const policy = { closeSize: { kind: 'requested', closeFactor: '0.5', maximumSize: '3' } } as const;
  const positions = [{ market: 'BTC-PERP', size: '10', entry: '100' }, { market: 'ETH-PERP', size: '-4', entry: '100' }];

  it('closes what is requested within the cap, and leaves unrequested positions alone (hand-computed, not a published vector)', () => {
    // MM = 50 + 20 = 70 > E = 30. BTC: min(7, 10, 3) = 3, penalty ⌈0.01·300⌉ = 3; ETH has no request.
    const r = liquidate(exampleScenario({ markets, positions, collateral: '30', dust: '50', policy, requests: { 'BTC-PERP': '7' } }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.result.fills.map((f) => [f.market, f.size, f.penalty])).toEqual([['BTC-PERP', '3', '3']]);
    expect(r.result.account.positions.map((p) => [p.market, p.size])).toEqual([['BTC-PERP', '7'], ['ETH-PERP', '-4']]);
    expect(r.result.status).toBe('partial');
  });

  it('gives a liquidatable group without any request no fill (hand-computed, not a published vector)', () => {
    const r = liquidate(exampleScenario({ markets, positions, collateral: '30', dust: '50', policy, requests: {} }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.result.fills).toEqual([]);
    // §10.1 step 4: positions are left open, so the group is partial (the next call, or another liquidator, goes on).
    expect(r.result.status).toBe('partial');
    expect(r.result.groups[0]!.before).toMatchObject({ equity: '30', maintenance: '70' });
  });
});
