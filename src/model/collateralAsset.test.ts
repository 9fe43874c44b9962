/** §13.1, §13.2 on the integer core: the assets' sums, the quote-debt kink, sale prices (hand-computed, not published vectors). */
import { describe, expect, it } from 'vitest';
import { Dec } from './decimal.ts';
import { amountCovering, fixedAsset, fixedQuoteDebt, holdingsOf, proceedsOf, quoteDebtTerms, targetQuote, UNIT_DEBT } from './collateralAsset.ts';
import { fromDec, toCanonical, type Fixed } from './fixed.ts';

const f = (s: string): Fixed => fromDec(new Dec(s));
const show = (x: Fixed): string => toCanonical(x);
const asset = (weight: string, targetWeight: string, sale: { discount?: string; feeFactor?: string } = {}, unit = '0.01') =>
  fixedAsset({ unit: new Dec(unit), weight: new Dec(weight), targetWeight: new Dec(targetWeight), ...(sale.discount ? { discount: new Dec(sale.discount) } : {}), ...(sale.feeFactor ? { feeFactor: new Dec(sale.feeFactor) } : {}) });

describe('collateral assets on the integer core', () => {
  it('sums a·p·w and a·p·(w − w′) exactly, dropping zero balances', () => {
    const assets = new Map([['A', asset('0.95', '0.9')], ['B', asset('0.5', '0.5')]]);
    const prices = new Map([['A', f('50000')], ['B', f('3.3')]]);
    // A: 0.03·50000 = 1500 → 1425 and 75; B: 7·3.3 = 23.1 → 11.55 and 0.
    const h = holdingsOf(assets, UNIT_DEBT, prices, new Map([['A', f('0.03')], ['B', f('7')], ['C', f('0')]]));
    expect([show(h.equity), show(h.target), [...h.balances.keys()]]).toEqual(['1436.55', '75', ['A', 'B']]);
  });

  it('adds the kink (l − 1)·C to E and (l − l′)·C to T only below zero', () => {
    const q = fixedQuoteDebt({ weight: new Dec('1.1'), targetWeight: new Dec('1.25') });
    const below = quoteDebtTerms(q, f('-100'));
    expect([show(below.equity), show(below.target)]).toEqual(['-10', '15']); // Ĉ = −110, Ĉ′ = −125
    const above = quoteDebtTerms(q, f('100'));
    expect([show(above.equity), show(above.target)]).toEqual(['0', '0']);
    expect([show(targetQuote(q, f('-2'))), show(targetQuote(q, f('2')))]).toEqual(['-2.5', '2']);
  });

  it('floors the proceeds once, at p·(1 − δ) or p/φ, and finds the least covering amount', () => {
    const u = f('0.000001');
    // 0.3·1000·0.975 = 292.5 exactly; 0.3·1000/1.0201 = 294.0888148… → 294.088814 (checked with exact fractions).
    expect(show(proceedsOf(asset('1', '1', { discount: '0.025' }), f('1000'), f('0.3'), u))).toBe('292.5');
    expect(show(proceedsOf(asset('1', '1', { feeFactor: '1.0201' }), f('1000'), f('0.3'), u))).toBe('294.088814');
    // ⌈100/(3·0.9)⌉_0.01 = ⌈37.037…⌉ = 37.04; ⌈3/1⌉ on a unit of 1: 3 exactly.
    expect(show(amountCovering(asset('1', '1', { discount: '0.1' }), f('3'), f('100')))).toBe('37.04');
    expect(show(amountCovering(asset('1', '1', {}, '1'), f('1'), f('3')))).toBe('3');
  });
});
