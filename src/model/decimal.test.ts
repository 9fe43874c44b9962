/**
 * The model's decimal context (spec §1): plain canonical strings, exact products, and the
 * quantizers that round toward ±∞ (not toward zero). Expected values are worked by hand.
 *
 * The module is imported inside each test rather than at the top of the file: if its context ever
 * fails to load (an out-of-range `Decimal.clone` setting throws on import), a test fails. A test file
 * that fails to import reports no test at all, which Stryker's vitest runner counts as a surviving
 * mutant (stryker-js#6150).
 */
import { describe, expect, it } from 'vitest';

const load = () => import('./decimal.ts');

describe('decimal context (§1.1, §1.2)', () => {
  it('prints tiny and huge values in plain notation, never an exponent, and zero as "0"', async () => {
    const { Dec, toCanonical } = await load();
    // 10^−30 is 29 zeros after the point then a 1; 10^40 is a 1 and 40 zeros.
    expect(toCanonical(new Dec('1e-30'))).toBe(`0.${'0'.repeat(29)}1`);
    expect(toCanonical(new Dec('1e40'))).toBe(`1${'0'.repeat(40)}`);
    // §1.1: no trailing fraction zeros, "0" for zero (never "-0").
    expect(toCanonical(new Dec('1.50'))).toBe('1.5');
    expect(toCanonical(new Dec('-0'))).toBe('0');
    expect(toCanonical(new Dec('0.1').sub('0.1').neg())).toBe('0');
  });

  it('multiplies inputs of 48 significant digits exactly', async () => {
    const { Dec, toCanonical } = await load();
    // x = 10^30 − 10^−18 (30 integer nines, 18 fraction nines).
    // x² = 10^60 − 2·10^12 + 10^−36 = 999…(47 nines)…998 followed by 12 zeros, then ".000…(35 zeros)1".
    const x = new Dec(`${'9'.repeat(30)}.${'9'.repeat(18)}`);
    const expected = `${'9'.repeat(47)}8${'0'.repeat(12)}.${'0'.repeat(35)}1`;
    expect(toCanonical(x.mul(x))).toBe(expected);
  });
});

describe('quantizers (§1.3 notation: ⌈x⌉_u up, ⌊x⌋_u down, both toward ±∞)', () => {
  it('ceilTo / floorTo round negative values toward ±∞, not toward zero', async () => {
    const { Dec, ceilTo, floorTo, toCanonical: s } = await load();
    const half = new Dec('0.5');
    // −1.25 lies between −1.5 and −1: up is −1, down is −1.5.
    expect(s(ceilTo(new Dec('-1.25'), half))).toBe('-1');
    expect(s(floorTo(new Dec('-1.25'), half))).toBe('-1.5');
    // 1.25 lies between 1 and 1.5.
    expect(s(ceilTo(new Dec('1.25'), half))).toBe('1.5');
    expect(s(floorTo(new Dec('1.25'), half))).toBe('1');
    // On the grid both are the identity.
    expect(s(ceilTo(new Dec('-1.5'), half))).toBe('-1.5');
    expect(s(floorTo(new Dec('-1.5'), half))).toBe('-1.5');
  });

  it('floorDiv / ceilDiv are exact integer quotients, also for negative dividends', async () => {
    const { Dec, floorDiv, ceilDiv, toCanonical: s } = await load();
    // −7/2 = −3.5 → ⌊⌋ = −4, ⌈⌉ = −3; 7/2 = 3.5 → 3 and 4; 6/2 = 3 exactly.
    expect(s(floorDiv(new Dec(-7), new Dec(2)))).toBe('-4');
    expect(s(ceilDiv(new Dec(-7), new Dec(2)))).toBe('-3');
    expect(s(floorDiv(new Dec(7), new Dec(2)))).toBe('3');
    expect(s(ceilDiv(new Dec(7), new Dec(2)))).toBe('4');
    expect(s(floorDiv(new Dec(6), new Dec(2)))).toBe('3');
    expect(s(ceilDiv(new Dec(6), new Dec(2)))).toBe('3');
  });

  it('isMultipleOf, unitOf, dmin, dmax', async () => {
    const { Dec, isMultipleOf, unitOf, dmin, dmax, toCanonical: s } = await load();
    expect(isMultipleOf(new Dec('0.003'), new Dec('0.001'))).toBe(true);
    expect(isMultipleOf(new Dec('-0.003'), new Dec('0.001'))).toBe(true);
    expect(isMultipleOf(new Dec('0.0035'), new Dec('0.001'))).toBe(false);
    // u = 10^−quoteScale.
    expect(s(unitOf(6))).toBe('0.000001');
    expect(s(unitOf(0))).toBe('1');
    expect(s(dmin(new Dec(-1), new Dec(2)))).toBe('-1');
    expect(s(dmax(new Dec(-1), new Dec(2)))).toBe('2');
  });
});
