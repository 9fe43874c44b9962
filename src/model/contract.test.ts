/**
 * The value functions of spec §12.2 and §12.5 (src/model/contract.ts): worked examples,
 * hand-computed (not published vectors; the arithmetic is written beside each), and properties
 * against the exact rationals of `exactPnlOf` — each rounding in its stated direction, each lot
 * bound tight.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactPnlOf, largestBelow, LINEAR, pnlOf, ratioLt, ratioOf, smallestAtLeast, valueOf, type FContract, type Ratio } from './contract.ts';
import { Dec } from './decimal.ts';
import { Fixed, fromDec, toCanonical } from './fixed.ts';

const x = (s: string): Fixed => fromDec(new Dec(s));
const inverse = (v: string): FContract => ({ kind: 'inverse', value: x(v) });
const SAT = x('0.00000001');
const XBT = inverse('1');

describe('§12.2 values of an inverse position (hand-computed, not a published vector)', () => {
  it('floors the PnL and ceils the value to the coin unit', () => {
    // Long 10000 contracts of 1 USD, entry 8000, mark 6000: 10000·(1/8000 − 1/6000) = −5/12
    // = −0.41666666…; floored (the trader's side loses the fraction): −0.41666667.
    expect(toCanonical(pnlOf(XBT, x('10000'), x('8000'), x('6000'), SAT))).toBe('-0.41666667');
    // The mirror short gains +5/12, floored too: 0.41666666 — one satoshi less than the long loses.
    expect(toCanonical(pnlOf(XBT, x('-10000'), x('8000'), x('6000'), SAT))).toBe('0.41666666');
    // Value at mark: ⌈10000/6000⌉_u = ⌈1.6666…⌉ = 1.66666667 (up: the protocol's side).
    expect(toCanonical(valueOf(XBT, x('10000'), x('6000'), SAT))).toBe('1.66666667');
    // Exact quotients stay exact: 10000/8000 = 1.25; a long entered at 8000 gains 10000·(1/8000 − 1/10000) = 0.25.
    expect(toCanonical(valueOf(XBT, x('10000'), x('8000'), SAT))).toBe('1.25');
    expect(toCanonical(pnlOf(XBT, x('10000'), x('8000'), x('10000'), SAT))).toBe('0.25');
    // Binance COIN-M BTCUSD: 100 USD a contract; 3 contracts at 50000 are worth 300/50000 = 0.006.
    expect(toCanonical(valueOf(inverse('100'), x('3'), x('50000'), SAT))).toBe('0.006');
  });

  it('leaves a linear market as §1–§10 write it: |q|·P and q·(P − e), exact', () => {
    expect(toCanonical(valueOf(LINEAR, x('2'), x('100.5'), SAT))).toBe('201');
    expect(toCanonical(pnlOf(LINEAR, x('-0.3'), x('100'), x('100.25'), SAT))).toBe('-0.075');
  });
});

describe('§12.5 sizes on the lot grid (hand-computed, not a published vector)', () => {
  it('finds the largest size worth less than a bound and the smallest worth at least it', () => {
    // v = 1, ℓ = 1, P = 6000, F = 1: j = ⌊(1 − 10^−8)·6000⌋ = ⌊5999.99994⌋ = 5999;
    // N(5999) = ⌈0.99983333…⌉ = 0.99983334 < 1 and N(6000) = 1 ≥ 1.
    expect(toCanonical(largestBelow(XBT, x('1'), x('1'), x('6000'), SAT))).toBe('5999');
    expect(toCanonical(smallestAtLeast(XBT, x('1'), x('1'), x('6000'), SAT))).toBe('6000');
    // v = 100, ℓ = 1, P = 50000, F = 0.01: ⌊0.00999999·50000/100⌋ = ⌊4.999995⌋ = 4 (N = 0.008), then 5 (N = 0.01).
    expect(toCanonical(largestBelow(inverse('100'), x('0.01'), x('1'), x('50000'), SAT))).toBe('4');
    expect(toCanonical(smallestAtLeast(inverse('100'), x('0.01'), x('1'), x('50000'), SAT))).toBe('5');
    // A bound of one unit: nothing open is worth less (N ≥ u for any s > 0), so the largest is 0.
    expect(toCanonical(largestBelow(XBT, SAT, x('1'), x('6000'), SAT))).toBe('0');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties against exact rationals

/** `⌊r⌋_u` and `⌈r⌉_u` of a ratio, as ratios (bigint floor of a positive-denominator quotient). */
function floorDivBig(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && (n < 0n) !== (d < 0n) ? q - 1n : q;
}
const onGrid = (r: Ratio, unit: Fixed, up: boolean): Ratio => {
  const u = ratioOf(unit);
  // r / u = (r.n·u.d) / (r.d·u.n)
  const n = r.n * u.d;
  const d = r.d * u.n;
  const k = up ? -floorDivBig(-n, d) : floorDivBig(n, d);
  return { n: k * u.n, d: u.d };
};
const sameRatio = (a: Ratio, b: Ratio): boolean => a.n * b.d === b.n * a.d;

/** A positive decimal `m·10^−s` with `m` in [1, max]. */
const positive = (max: bigint, scales: readonly number[]) => fc.record({ m: fc.bigInt({ min: 1n, max }), s: fc.constantFrom(...scales) }).map(({ m, s }) => new Fixed(m, s));
const contractValue = fc.oneof(fc.constant(x('1')), fc.constant(x('100')), fc.constant(x('10')), positive(10_000n, [0, 2, 4]));
const price = positive(100_000_000n, [0, 1, 2, 4]);
const unit = fc.constantFrom(x('0.00000001'), x('0.0001'), x('1'), x('0.000000000001'));
const lot = fc.constantFrom(x('1'), x('10'), x('0.1'), x('100'));

describe('§12.2 and §12.5 as properties (exact rationals)', () => {
  it('pnlOf is ⌊exact PnL⌋_u and valueOf is ⌈|q|·v/x⌉_u, for either sign', () => {
    const seen = { exact: 0, rounded: 0, gains: 0, losses: 0 };
    fc.assert(
      fc.property(contractValue, price, price, fc.bigInt({ min: -1_000_000n, max: 1_000_000n }), unit, (v, entry, mark, q, u) => {
        const c: FContract = { kind: 'inverse', value: v };
        const size = new Fixed(q, 0);
        const exact = exactPnlOf(c, size, entry, mark);
        const pnl = ratioOf(pnlOf(c, size, entry, mark, u));
        expect(sameRatio(pnl, onGrid(exact, u, false))).toBe(true);
        // floor: never above the exact PnL, less than one unit below
        expect(ratioLt(exact, pnl)).toBe(false);
        expect(ratioLt(pnl, { n: exact.n * ratioOf(u).d - ratioOf(u).n * exact.d, d: exact.d * ratioOf(u).d })).toBe(false);
        const value = ratioOf(valueOf(c, size.abs(), mark, u));
        const exactValue = ratioOf(size.abs().mul(v));
        const exactOver = { n: exactValue.n * ratioOf(mark).d, d: exactValue.d * ratioOf(mark).n };
        expect(sameRatio(value, onGrid(exactOver, u, true))).toBe(true);
        if (sameRatio(pnl, exact)) seen.exact++;
        else seen.rounded++;
        if (pnl.n > 0n) seen.gains++;
        else if (pnl.n < 0n) seen.losses++;
      }),
      { numRuns: 3000, seed: 20261201 },
    );
    // The generator reaches both signs and both an exact and a rounded quotient.
    expect(seen.exact).toBeGreaterThan(30);
    expect(seen.rounded).toBeGreaterThan(300);
    expect(seen.gains).toBeGreaterThan(300);
    expect(seen.losses).toBeGreaterThan(300);
  });

  it('largestBelow and smallestAtLeast are the tight bounds: N(s) < F ≤ N(s + ℓ)', () => {
    let zero = 0;
    fc.assert(
      fc.property(contractValue, price, lot, unit, fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.constantFrom(0, 2, 4, 8, 12), (v, mark, l, u, fm, fs) => {
        const c: FContract = { kind: 'inverse', value: v };
        const bound = new Fixed(fm, fs); // F > 0 (every caller's bound is a floor, a minimum or dust > 0)
        const s = largestBelow(c, bound, l, mark, u);
        const next = smallestAtLeast(c, bound, l, mark, u);
        expect(next.eq(s.add(l))).toBe(true);
        expect(valueOf(c, s, mark, u).lt(bound)).toBe(true);
        expect(valueOf(c, next, mark, u).gte(bound)).toBe(true);
        if (s.isZero()) zero++;
      }),
      { numRuns: 3000, seed: 20261202 },
    );
    // Both a zero largest size (a bound below one lot's value) and a positive one are reached.
    expect(zero).toBeGreaterThan(30);
    expect(zero).toBeLessThan(2970);
  });

  it('agrees with the linear bounds of §10.3 on a linear market', () => {
    fc.assert(
      fc.property(price, lot, fc.bigInt({ min: 1n, max: 10n ** 12n }), (mark, l, fm) => {
        const bound = new Fixed(fm, 2);
        const s = largestBelow(LINEAR, bound, l, mark, SAT);
        expect(s.mul(mark).lt(bound)).toBe(true);
        expect(s.add(l).mul(mark).gte(bound)).toBe(true);
        expect(smallestAtLeast(LINEAR, bound, l, mark, SAT).eq(s.add(l))).toBe(true);
      }),
      { numRuns: 1000, seed: 20261203 },
    );
  });
});
