import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, isMultipleOf } from './decimal.ts';

// The oracle: the quotient rule, `x` is a multiple of `step` when ⌊x / step⌋·step = x.
const byQuotient = (x: Dec, step: Dec): boolean => x.divToInt(step).mul(step).eq(x);

const decimal = fc
  .record({ m: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), s: fc.integer({ min: 0, max: 30 }) })
  .map(({ m, s }) => new Dec(`${m}e-${s}`));
const step = fc.oneof(
  fc.integer({ min: 0, max: 24 }).map((k) => new Dec(`1e-${k}`)), // the fast path: 10^−k
  fc.integer({ min: 1, max: 8 }).map((k) => new Dec(`1e${k}`)), // powers above one: the quotient
  fc.record({ m: fc.bigInt({ min: 1n, max: 10n ** 12n }), s: fc.integer({ min: 0, max: 18 }) }).map(({ m, s }) => new Dec(`${m}e-${s}`)),
);

describe('isMultipleOf', () => {
  it('agrees with the quotient rule on every step, powers of ten included', () => {
    fc.assert(fc.property(decimal, step, (x, st) => {
      expect(isMultipleOf(x, st), `${x.toFixed()} on ${st.toFixed()}`).toBe(byQuotient(x, st));
    }), { numRuns: 2000, seed: 20261201 });
  });

  it('worked examples on the quote unit, a lot and a tick', () => {
    expect(isMultipleOf(new Dec('1.23'), new Dec('0.01'))).toBe(true);
    expect(isMultipleOf(new Dec('1.235'), new Dec('0.01'))).toBe(false);
    expect(isMultipleOf(new Dec('-7'), new Dec('1'))).toBe(true);
    expect(isMultipleOf(new Dec('0'), new Dec('0.000001'))).toBe(true);
    expect(isMultipleOf(new Dec('150'), new Dec('100'))).toBe(false);
    expect(isMultipleOf(new Dec('0.75'), new Dec('0.25'))).toBe(true);
    expect(isMultipleOf(new Dec('12345678.9'), new Dec('0.1'))).toBe(true);
  });
});
