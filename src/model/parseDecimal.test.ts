import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Dec, toCanonical } from './decimal.ts';
import { decimalOf, describeValue, parseDecimal, scaleOf, type DecimalRules } from './parseDecimal.ts';
import type { Issue } from './types.ts';

function parse(value: unknown, rules: DecimalRules = {}): { value: string | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  const x = parseDecimal(value, 'x', issues, rules);
  return { value: x === undefined ? undefined : toCanonical(x), issues };
}

describe('parseDecimal syntax (spec §1.1)', () => {
  it.each([
    ['0', '0'],
    ['1', '1'],
    ['-1.5', '-1.5'],
    ['1.50', '1.5'],
    ['0.000000000000000001', '0.000000000000000001'],
    ['123456789012345678901234567890.123456789012345678', '123456789012345678901234567890.123456789012345678'],
    ['0.0', '0'],
  ])('accepts %s', (input, canonical) => {
    const { value, issues } = parse(input);
    expect(issues).toEqual([]);
    expect(value).toBe(canonical);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '1e5',
    '1E5',
    '1e999999',
    '+1',
    '01',
    '00.5',
    '1.',
    '.5',
    '1,5',
    '1_000',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '--1',
    '١',
    '1234567890123456789012345678901', // 31 integer digits
    '0.0000000000000000001', // 19 fraction digits
  ])('rejects %j', (input) => {
    const { value, issues } = parse(input);
    expect(value).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      path: 'x',
      expected: 'a decimal string (no exponent, ≤30 integer and ≤18 fraction digits)',
      received: JSON.stringify(input),
    });
  });

  it.each(['-0', '-0.0', '-0.000'])('rejects a minus sign on zero: %s', (input) => {
    const { issues } = parse(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.expected).toContain('without a minus sign on zero');
  });

  it('rejects JSON numbers and says why', () => {
    for (const n of [1.5, 0, -0, 1e21, Number.NaN]) {
      const { value, issues } = parse(n);
      expect(value).toBeUndefined();
      expect(issues[0]?.expected).toContain('JSON numbers are not allowed');
      expect(issues[0]?.received).toMatch(/^number /);
    }
    expect(parse(1.5).issues[0]?.received).toBe('number 1.5');
    expect(parse(-0).issues[0]?.received).toBe('number -0');
  });

  it('rejects every other non-string with its type', () => {
    expect(parse(undefined).issues[0]?.received).toBe('undefined');
    expect(parse(null).issues[0]?.received).toBe('null');
    expect(parse(true).issues[0]?.received).toBe('boolean true');
    expect(parse(10n).issues[0]?.received).toBe('bigint 10');
    expect(parse(['1']).issues[0]?.received).toBe('array of 1 item');
    expect(parse({ value: '1' }).issues[0]?.received).toBe('object {value}');
  });

  it('honours wider digit limits', () => {
    const long = '1.' + '1'.repeat(36);
    expect(parse(long).issues).toHaveLength(1);
    const wide = parse(long, { digits: { integer: 60, fraction: 36 } });
    expect(wide.issues).toEqual([]);
    expect(wide.value).toBe(long);
    const tooLong = parse(long + '1', { digits: { integer: 60, fraction: 36 } });
    expect(tooLong.issues[0]?.expected).toContain('≤36 fraction digits');
  });
});

describe('parseDecimal rules', () => {
  it('min: positive', () => {
    expect(parse('0.1', { min: 'positive' }).issues).toEqual([]);
    expect(parse('0', { min: 'positive' }).issues).toEqual([{ path: 'x', expected: 'a decimal > 0', received: '"0"' }]);
    expect(parse('-3', { min: 'positive' }).issues[0]?.expected).toBe('a decimal > 0');
  });

  it('min: nonnegative', () => {
    expect(parse('0', { min: 'nonnegative' }).issues).toEqual([]);
    expect(parse('-0.01', { min: 'nonnegative' }).issues).toEqual([
      { path: 'x', expected: 'a decimal ≥ 0', received: '"-0.01"' },
    ]);
  });

  it('maxScale ignores trailing zeros', () => {
    expect(parse('1.123456', { maxScale: 6 }).issues).toEqual([]);
    expect(parse('1.12345600000', { maxScale: 6 }).issues).toEqual([]);
    expect(parse('5', { maxScale: 0 }).issues).toEqual([]);
    expect(parse('1.1234567', { maxScale: 6 }).issues).toEqual([
      { path: 'x', expected: 'a multiple of 0.000001 (at most 6 fraction digits)', received: '"1.1234567"' },
    ]);
    expect(parse('0.5', { maxScale: 0 }).issues[0]?.expected).toBe('a multiple of 1 (at most 0 fraction digits)');
  });

  it('reports one issue per value even when several rules fail', () => {
    expect(parse('-1.1234567', { min: 'positive', maxScale: 6 }).issues).toHaveLength(1);
  });

  it('round-trips canonical strings of any valid decimal', () => {
    const decimalString = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n - 1n }), fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), fc.integer({ min: 0, max: 18 }))
      .map(([neg, int, frac, scale]) => {
        const fraction = scale === 0 ? '' : '.' + (frac % 10n ** BigInt(scale)).toString().padStart(scale, '0');
        const s = int.toString() + fraction;
        return neg && /[1-9]/.test(s) ? '-' + s : s;
      });
    fc.assert(
      fc.property(decimalString, (s) => {
        const { value, issues } = parse(s);
        expect(issues).toEqual([]);
        expect(parse(value).value).toBe(value);
        expect(scaleOf(s)).toBe(value?.split('.')[1]?.length ?? 0);
      }),
    );
  });

  it('never throws and either parses or reports exactly one issue', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^-?[0-9.eE+-]{0,40}$/)), (v) => {
        const { value, issues } = parse(v, { min: 'nonnegative', maxScale: 6 });
        expect(value === undefined ? issues.length : issues.length + 1).toBe(1);
      }),
    );
  });
});

describe('decimalOf', () => {
  /** Every string of the syntax of spec §1.1 within its digit limits (no negative zero). */
  const plain = fc
    .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9][0-9]{0,29})$/), fc.option(fc.stringMatching(/^[0-9]{1,18}$/)))
    .map(([negative, integer, fraction]) => {
      const v = fraction === null ? integer : `${integer}.${fraction}`;
      return negative && /[1-9]/.test(v) ? `-${v}` : v;
    });
  const fields = (x: Dec): unknown => ({ keys: Object.keys(x), s: x.s, e: x.e, d: x.d, constructor: x.constructor });

  // Its own digit reading must give exactly what decimal.js's parser gives: the same fields.
  it('builds the decimal new Dec builds, field for field', () => {
    for (const v of ['0', '0.000', '7', '10000000', '0.0000001', '1234567.1234567', '-12345678.9', '100.0100'].concat(fc.sample(plain, { numRuns: 5000, seed: 11 }))) {
      expect(fields(decimalOf(v, 'x', [])!), v).toEqual(fields(new Dec(v)));
    }
  });
});

describe('scaleOf', () => {
  it.each([
    ['0', 0],
    ['100', 0],
    ['1.5', 1],
    ['1.50', 1],
    ['1.000', 0],
    ['-0.000001', 6],
  ])('%s → %i', (s, n) => {
    expect(scaleOf(s)).toBe(n);
  });
});

describe('describeValue', () => {
  it('quotes short strings as JSON', () => {
    expect(describeValue('1e999999')).toBe('"1e999999"');
    expect(describeValue('a"b')).toBe('"a\\"b"');
  });

  it('truncates long strings and says how long they were', () => {
    const s = '9'.repeat(100);
    expect(describeValue(s)).toBe(`"${'9'.repeat(40)}…" (100 chars)`);
  });

  it('never splits a surrogate pair', () => {
    const s = '😀'.repeat(50);
    expect(describeValue(s)).toBe(`"${'😀'.repeat(40)}…" (50 chars)`);
  });

  it('shows type and value for non-strings', () => {
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(1.5)).toBe('number 1.5');
    expect(describeValue([])).toBe('array of 0 items');
    expect(describeValue(Object.create(null))).toBe('object {}');
    expect(describeValue(new Map())).toBe('object [object Map]');
    expect(describeValue(Symbol('s'))).toBe('symbol');
    expect(describeValue(() => 1)).toBe('function');
  });

  it('keeps object renderings short', () => {
    const keys = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`key${i}`, i]));
    expect(describeValue(keys).length).toBeLessThan(60);
  });
});
