/**
 * Exactness at the edge of the input domain: values with the maximum number of digits spec §1.1
 * allows (30 integer, 18 fraction) go through the model and the whole catalog with every invariant
 * — value conservation to the last of 18 decimals among them — intact, and no exponent notation
 * in any output string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal } from '../src/arbitraries/decimal.ts';
import { checkCase } from '../src/invariants/checkCase.ts';
import { Dec, floorTo, toCanonical } from '../src/model/decimal.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { RiskParams, Scenario } from '../src/model/types.ts';
import { params } from './profile.ts';

const FILE = 'properties/magnitude.test.ts';

/** A single-position scenario with 18-decimal quote amounts and prices near 10^12. */
const extreme: fc.Arbitrary<Scenario> = fc
  .record({
    lotExp: fc.integer({ min: 0, max: 9 }),
    lots: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    markTicks: fc.bigInt({ min: 10n ** 6n, max: 10n ** 18n }),
    entryTicks: fc.bigInt({ min: 1n, max: 2n * 10n ** 18n }),
    rate: fc.bigInt({ min: 10n ** 15n, max: 10n ** 17n }), // 0.001 … 0.1 with 18 decimals
    penalty: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    ratio: fc.constantFrom('1', '0.999999999999999999', '0.5', '-0.25', '1.000000000000000001'),
    long: fc.boolean(),
    fund: fc.bigInt({ min: 0n, max: 10n ** 47n }),
  })
  .map(({ lotExp, lots, markTicks, entryTicks, rate, penalty, ratio, long, fund }): Scenario => {
    const lot = canonicalDecimal(1n, lotExp);
    const tick = '0.000001';
    const r = canonicalDecimal(rate, 18);
    const p: RiskParams = {
      quoteScale: 18,
      trigger: 'strict',
      targetBuffer: '0.000000000000000001',
      penalty: { steps: [{ maxMarginRatio: '1', rate: canonicalDecimal(penalty, 18) }], liquidatorShare: '0.333333333333333333' },
      dustNotional: '0',
      priceImpact: '0',
      markets: { X: { lotSize: lot, tickSize: tick, tiers: [{ notionalFloor: '0', maintenanceRate: r, maintenanceAmount: '0', initialRate: '1' }] } },
    };
    const size = new Dec(lot).mul(lots.toString()).mul(long ? 1 : -1);
    const mark = new Dec(canonicalDecimal(markTicks, 6));
    const entry = new Dec(canonicalDecimal(entryTicks, 6));
    const mm = size.abs().mul(mark).mul(r);
    const want = mm.mul(ratio).sub(size.mul(mark.sub(entry)));
    const collateral = want.gt(0) ? floorTo(want, new Dec('1e-18')) : new Dec(0);
    return {
      params: p,
      marks: { X: toCanonical(mark) },
      account: { collateral: toCanonical(collateral), positions: [{ market: 'X', size: toCanonical(size), entryPrice: toCanonical(entry) }] },
      insuranceFund: canonicalDecimal(fund, 18),
    };
  })
  .filter((s) => s.account.collateral.split('.')[0]!.length <= 30);

describe('maximum magnitudes', () => {
  const name = 'the catalog holds exactly on 18-decimal, 30-digit inputs';
  it(name, () => {
    let liquidated = 0;
    fc.assert(
      fc.property(extreme, (s) => {
        const r = checkCase(liquidate, s);
        if (r.violations.length > 0) throw new Error(r.violations.map((v) => `${v.invariant}: ${v.message}`).join('\n'));
        if (r.engineFailure) throw new Error(`the reference gave no answer: ${r.engineFailure.error.message}`);
        const o = liquidate(s);
        if (o.ok && o.result.fills.length > 0) liquidated++;
        expect(JSON.stringify(o)).not.toMatch(/\d[eE][+-]?\d/);
      }),
      params(FILE, name, 0.5),
    );
    console.log(`maximum magnitudes: ${liquidated} liquidations checked`);
    expect(liquidated).toBeGreaterThan(0);
  });
});
