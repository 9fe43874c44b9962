import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { decimal } from './decimal.ts';
import { exactEntry } from './exactEntry.ts';

describe('exactEntry', () => {
  it('hits the target exactly where plain rounding cannot (3 lots, 1/3 does not terminate)', () => {
    const size = new Dec('0.003');
    const mark = new Dec('50000.1');
    const target = new Dec('0.6000004'); // e.g. MM = 0.003·50000.1·0.004 = 0.6000012, minus PnL elsewhere
    const r = exactEntry({ target, collateral: new Dec('0.6'), size, mark, entry: mark, quoteScale: 6 })!;
    expect(r).not.toBeNull();
    expect(r.collateral.add(size.mul(mark.sub(r.entry))).eq(target)).toBe(true);
    expect(r.collateral.decimalPlaces()).toBeLessThanOrEqual(6);
    expect(r.entry.decimalPlaces()).toBeLessThanOrEqual(18);
  });

  it('finds an exact, valid placement for a wide range of inputs', () => {
    const problem = fc.record({
      target: decimal({ min: '-1000', max: '100000', scale: 12 }),
      lots: fc.integer({ min: 1, max: 10_000 }),
      lot: fc.constantFrom('0.001', '0.01', '0.00000001', '1', '0.25'),
      markTicks: fc.integer({ min: 1000, max: 1_000_000 }),
      tick: fc.constantFrom('0.1', '0.01', '5', '0.0001'),
      long: fc.boolean(),
      quoteScale: fc.integer({ min: 0, max: 8 }),
    });
    let solved = 0;
    fc.assert(
      fc.property(problem, (p) => {
        const size = new Dec(p.lot).mul(p.lots).mul(p.long ? 1 : -1);
        const mark = new Dec(p.tick).mul(p.markTicks);
        const target = new Dec(p.target);
        const r = exactEntry({ target, collateral: Dec.max(0, target), size, mark, entry: mark, quoteScale: p.quoteScale });
        if (r === null) return; // only when no positive entry exists (deeply underwater shorts)
        solved++;
        expect(r.collateral.gte(0)).toBe(true);
        expect(r.collateral.decimalPlaces()).toBeLessThanOrEqual(p.quoteScale);
        expect(r.entry.gt(0)).toBe(true);
        expect(r.entry.decimalPlaces()).toBeLessThanOrEqual(18);
        expect(r.collateral.add(size.mul(mark.sub(r.entry))).eq(target)).toBe(true);
      }),
      { numRuns: 300, seed: 1 },
    );
    expect(solved).toBeGreaterThan(250);
  });
});
