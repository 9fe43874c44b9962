/**
 * The integer amounts of fixed.ts against decimal.js, the oracle: on random operands — huge and
 * tiny mantissas, negative values, every scale 0…54 — every operation and every rounding the model
 * uses (floor/ceil to a step, floor/ceil integer quotients, the ⌊E/MM⌋_{10^−18} diagnostic) gives
 * the value decimal.js gives. Operands reach decimal.js as `m·10^−s` in exponent notation, not
 * through the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../properties/profile.ts';
import * as D from './decimal.ts';
import { ceilDiv, ceilTo, Fixed, floorDiv, floorTo, fmax, fmin, fromDec, toCanonical, toDec } from './fixed.ts';
import { marginRatio as fixedMarginRatio } from './fixedCore.ts';
import { marginRatio } from './marginRatio.ts';

const FILE = 'src/model/fixed.test.ts';
const MAX_SCALE = 54;

/** Mantissas from 0 and ±1 up to ±10^66 (a 30-digit integer part at 36 fraction digits and more). */
const mantissa = fc.oneof(
  fc.constantFrom(0n, 1n, -1n, 10n, -10n),
  fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
  fc.bigInt({ min: -(10n ** 66n), max: 10n ** 66n }),
  // Powers of ten with trailing zeros: values whose scale is larger than their digits need.
  fc.tuple(fc.bigInt({ min: -999n, max: 999n }), fc.integer({ min: 0, max: 60 })).map(([m, k]) => m * 10n ** BigInt(k)),
);
const amount = fc.record({ m: mantissa, s: fc.integer({ min: 0, max: MAX_SCALE }) }).map(({ m, s }) => new Fixed(m, s));
const positive = amount.filter((x) => x.m > 0n);
const nonZero = amount.filter((x) => x.m !== 0n);

/** The oracle's value of `x`, built from its mantissa and scale only. */
function dec(x: Fixed): D.Dec {
  return new D.Dec(`${x.m}e-${x.s}`);
}

/** Same value (scales may differ: `1.50` and `1.5` are equal amounts). */
function expectSame(got: Fixed, want: D.Dec): void {
  expect(dec(got).eq(want), `${toCanonical(got)} ≠ ${D.toCanonical(want)}`).toBe(true);
}

describe('Fixed against decimal.js', () => {
  it('add, sub, mul are exact; neg, abs, min, max agree', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expectSame(a.add(b), dec(a).add(dec(b)));
        expectSame(a.sub(b), dec(a).sub(dec(b)));
        expectSame(a.mul(b), dec(a).mul(dec(b)));
        expectSame(a.neg(), dec(a).neg());
        expectSame(a.abs(), dec(a).abs());
        expectSame(fmin(a, b), D.dmin(dec(a), dec(b)));
        expectSame(fmax(a, b), D.dmax(dec(a), dec(b)));
        // A product's scale is the sum of its factors' (no rounding ever happens).
        expect(a.mul(b).s).toBe(a.s + b.s);
      }),
      params(FILE, 'add, sub, mul'),
    );
  });

  it('comparisons agree, across scales and for equal values held at different scales', () => {
    const rescaled = fc.tuple(amount, fc.integer({ min: 0, max: 20 })).map(([x, k]) => [x, new Fixed(x.m * 10n ** BigInt(k), x.s + k)] as const);
    fc.assert(
      fc.property(amount, amount, rescaled, (a, b, [x, y]) => {
        const c = dec(a).cmp(dec(b));
        expect(a.cmp(b)).toBe(c);
        expect([a.lt(b), a.lte(b), a.gt(b), a.gte(b), a.eq(b)]).toEqual([c < 0, c <= 0, c > 0, c >= 0, c === 0]);
        expect(a.isZero()).toBe(dec(a).isZero());
        expect(a.sign()).toBe(dec(a).isZero() ? 0 : dec(a).isNeg() ? -1 : 1);
        expect(x.eq(y) && y.eq(x) && x.cmp(y) === 0).toBe(true);
      }),
      params(FILE, 'comparisons'),
    );
  });

  it('floorTo / ceilTo a positive step round toward −∞ / +∞ as decimal.ts does', () => {
    fc.assert(
      fc.property(amount, positive, (x, step) => {
        const down = floorTo(x, step);
        const up = ceilTo(x, step);
        expectSame(down, D.floorTo(dec(x), dec(step)));
        expectSame(up, D.ceilTo(dec(x), dec(step)));
        // Independently of decimal.ts: multiples of the step bracketing x, at most one step apart.
        expect(D.isMultipleOf(dec(down), dec(step)) && D.isMultipleOf(dec(up), dec(step))).toBe(true);
        expect(down.lte(x) && x.lte(up) && up.sub(down).lte(step)).toBe(true);
      }),
      params(FILE, 'floorTo ceilTo'),
    );
  });

  it('floorDiv / ceilDiv are the floor / ceiling integer quotients (and match decimal.ts for any divisor)', () => {
    fc.assert(
      fc.property(amount, positive, nonZero, (a, b, anyB) => {
        const q = dec(a).div(dec(b)); // 200 digits: ample to tell the integer part apart here
        expectSame(floorDiv(a, b), q.toDecimalPlaces(0, D.Dec.ROUND_FLOOR));
        expectSame(ceilDiv(a, b), q.toDecimalPlaces(0, D.Dec.ROUND_CEIL));
        expect(floorDiv(a, b).s).toBe(0);
        expectSame(floorDiv(a, anyB), D.floorDiv(dec(a), dec(anyB)));
        expectSame(ceilDiv(a, anyB), D.ceilDiv(dec(a), dec(anyB)));
      }),
      params(FILE, 'floorDiv ceilDiv'),
    );
  });

  it('the margin ratio ⌊E/MM⌋ on the 10^−18 grid matches the decimal.js diagnostic, string for string', () => {
    fc.assert(
      fc.property(amount, amount, (e, mm) => {
        const got = fixedMarginRatio(e, mm);
        const want = marginRatio(dec(e), dec(mm));
        expect(got === null ? null : toCanonical(got)).toBe(want === null ? null : D.toCanonical(want));
      }),
      params(FILE, 'margin ratio'),
    );
  });

  it('prints the canonical string of spec §1.1 and converts to and from decimal.js exactly', () => {
    fc.assert(
      fc.property(amount, (x) => {
        const text = toCanonical(x);
        expect(text).toBe(D.toCanonical(dec(x)));
        expect(text).toMatch(/^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/);
        expectSame(fromDec(dec(x)), dec(x));
        expect(toDec(x).eq(dec(x))).toBe(true);
      }),
      params(FILE, 'canonical'),
    );
  });

  it('toDec builds the very decimal.js value its canonical string parses to, representation included', () => {
    // Field for field (sign, exponent, limbs, constructor), so every decimal.js operation on it,
    // and a deep equality with a parsed result, behaves as on the parsed string.
    const sameAsParsed = (x: Fixed) => {
      const got = toDec(x) as unknown as Record<string, unknown>;
      const want = new D.Dec(toCanonical(x)) as unknown as Record<string, unknown>;
      expect({ s: got.s, e: got.e, d: got.d }).toEqual({ s: want.s, e: want.e, d: want.d });
      expect(got.constructor).toBe(D.Dec);
      expect(toDec(x).toFixed()).toBe(new D.Dec(toCanonical(x)).toFixed());
    };
    fc.assert(fc.property(amount, sameAsParsed), params(FILE, 'toDec'));
    // Every alignment of the leading digit on the 7-digit limbs, and trailing zeros to strip.
    for (let s = 0; s <= 54; s++) for (const m of [1n, 9n, 10n, 1234567n, 12345678n, 10000000n, -7000000000000n, 123456789012345678901234567890n]) sameAsParsed(new Fixed(m, s));
  });

  it('worked examples: negative values round away from zero on the floor side, tiny scales print in full', () => {
    // −1.25 lies between −1.5 and −1: down is −1.5, up is −1.
    const half = new Fixed(5n, 1);
    expect(toCanonical(floorTo(new Fixed(-125n, 2), half))).toBe('-1.5');
    expect(toCanonical(ceilTo(new Fixed(-125n, 2), half))).toBe('-1');
    // ⌊−7 / 2⌋ = −4, ⌈−7 / 2⌉ = −3.
    expect(toCanonical(floorDiv(new Fixed(-7n, 0), new Fixed(2n, 0)))).toBe('-4');
    expect(toCanonical(ceilDiv(new Fixed(-7n, 0), new Fixed(2n, 0)))).toBe('-3');
    expect(toCanonical(new Fixed(1n, 54))).toBe(`0.${'0'.repeat(53)}1`);
    expect(toCanonical(new Fixed(-1500n, 3))).toBe('-1.5');
    expect(toCanonical(new Fixed(0n, 7).neg())).toBe('0');
  });
});
