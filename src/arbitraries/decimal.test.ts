import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { canonicalDecimal, decimal } from './decimal.ts';

const CANONICAL = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

function fractionDigits(s: string): number {
  return (s.split('.')[1] ?? '').length;
}

/** The counterexample fast-check settles on for a property that fails from `threshold` up. */
function shrunk(arb: fc.Arbitrary<string>, fails: (v: Dec) => boolean, examples: [string][] = []): string {
  const r = fc.check(
    fc.property(arb, (v) => !fails(new Dec(v))),
    { seed: 1, numRuns: 200, examples },
  );
  expect(r.failed).toBe(true);
  return r.counterexample![0];
}

describe('canonicalDecimal', () => {
  it.each([
    [0n, 0, '0'],
    [0n, 8, '0'],
    [12500n, 4, '1.25'],
    [-5n, 3, '-0.005'],
    [100n, 0, '100'],
    [-100n, 2, '-1'],
    [7n, 18, '0.000000000000000007'],
    [123456789012345678901234567890n, 18, '123456789012.34567890123456789'],
  ])('canonicalDecimal(%s, %s) = %s', (m, scale, expected) => {
    expect(canonicalDecimal(m, scale)).toBe(expected);
  });

  it('agrees with Dec and is canonical for any mantissa and scale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (m, scale) => {
        const s = canonicalDecimal(m, scale);
        expect(s).toMatch(CANONICAL);
        expect(new Dec(s).eq(new Dec(m.toString()).div(new Dec(10).pow(scale)))).toBe(true);
      }),
    );
  });

  it('rejects a scale outside 0…18', () => {
    expect(() => canonicalDecimal(1n, 19)).toThrow(/scale/);
    expect(() => canonicalDecimal(1n, -1)).toThrow(/scale/);
  });
});

describe('decimal', () => {
  const bounds = fc
    .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 18 }))
    .map(([lo, width, boundScale, scale]) => ({
      min: canonicalDecimal(lo, boundScale),
      max: canonicalDecimal(lo + width + 10n ** BigInt(boundScale), boundScale),
      scale,
    }))
    // Bounds finer than the grid may hold no grid value; those are the error case below.
    .filter((c) => !new Dec(c.min).mul(new Dec(10).pow(c.scale)).ceil().gt(new Dec(c.max).mul(new Dec(10).pow(c.scale)).floor()));

  it('produces canonical strings on the grid within the bounds', () => {
    fc.assert(
      fc.property(bounds.chain((c) => fc.tuple(fc.constant(c), decimal(c))), ([c, v]) => {
        expect(v).toMatch(CANONICAL);
        expect(fractionDigits(v)).toBeLessThanOrEqual(c.scale);
        expect(new Dec(v).gte(c.min) && new Dec(v).lte(c.max)).toBe(true);
      }),
    );
  });

  it('reaches both bounds and zero', () => {
    const seen = new Set(fc.sample(decimal({ min: '-2.5', max: '7.25', scale: 2 }), { numRuns: 2000, seed: 3 }));
    expect(seen.has('-2.5')).toBe(true);
    expect(seen.has('7.25')).toBe(true);
    expect(seen.has('0')).toBe(true);
    expect(seen.has('-0')).toBe(false);
  });

  it('accepts bounds off the grid and with trailing zeros', () => {
    for (const v of fc.sample(decimal({ min: '0.0050', max: '0.0149', scale: 2 }), { numRuns: 100, seed: 4 })) {
      expect(v).toBe('0.01');
    }
  });

  it('shrinks toward zero, or toward the bound closest to zero', () => {
    expect(shrunk(decimal({ min: '-100', max: '100', scale: 4 }), (v) => v.gte('3.7'))).toBe('3.7');
    expect(shrunk(decimal({ min: '-100', max: '100', scale: 4 }), (v) => v.lte('-0.25'))).toBe('-0.25');
    expect(shrunk(decimal({ min: '5', max: '10', scale: 3 }), () => true)).toBe('5');
    expect(shrunk(decimal({ min: '-10', max: '-5', scale: 3 }), () => true)).toBe('-5');
  });

  it('shrinks hand-written values through the unmapper', () => {
    const arb = decimal({ min: '0', max: '100', scale: 2 });
    const r = fc.check(fc.property(arb, (v) => new Dec(v).lt('3.7')), { seed: 1, numRuns: 1, examples: [['97.25']] });
    expect(r.counterexample).toEqual(['3.7']);
    expect(r.numShrinks).toBeGreaterThan(0);
  });

  it('does not claim values it could not have produced', () => {
    const arb = decimal({ min: '0', max: '100', scale: 2 });
    for (const v of ['3.14159', '1.50', '-0', '101', '-1', '1e2', 3, undefined]) {
      expect(arb.canShrinkWithoutContext(v)).toBe(false);
    }
    expect(arb.canShrinkWithoutContext('3.14')).toBe(true);
  });

  it('rejects bad constraints early with a clear error', () => {
    expect(() => decimal({ min: '2', max: '1', scale: 2 })).toThrow(/min 2 > max 1/);
    expect(() => decimal({ min: '0', max: '1', scale: 19 })).toThrow(/scale must be an integer in 0…18/);
    expect(() => decimal({ min: '0', max: '1', scale: -1 })).toThrow(/scale/);
    expect(() => decimal({ min: '0', max: '1', scale: 1.5 })).toThrow(/scale/);
    expect(() => decimal({ min: '1e3', max: '2', scale: 0 })).toThrow(/min must be a plain decimal string/);
    expect(() => decimal({ min: '0', max: 'x', scale: 0 })).toThrow(/max must be a plain decimal string/);
    expect(() => decimal({ min: '0.001', max: '0.009', scale: 2 })).toThrow(/no multiple of 10\^-2/);
  });
});
