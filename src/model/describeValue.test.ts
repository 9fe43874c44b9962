/**
 * Renderings of rejected values in an issue's `received` (parseDecimal.ts): at most 40 characters
 * of a string or of an object's keys are shown, and the limit itself is shown in full.
 */
import { describe, expect, it } from 'vitest';
import { describeValue, parseDecimal } from './parseDecimal.ts';
import type { Issue } from './types.ts';

describe('describeValue at the 40-character limit', () => {
  it('shows a string of exactly 40 characters whole, and truncates at 41', () => {
    expect(describeValue('7'.repeat(40))).toBe(`"${'7'.repeat(40)}"`);
    expect(describeValue('7'.repeat(41))).toBe(`"${'7'.repeat(40)}…" (41 chars)`);
  });

  it('shows a bigint of exactly 40 digits whole, and truncates at 41 with an ellipsis', () => {
    expect(describeValue(10n ** 39n)).toBe(`bigint 1${'0'.repeat(39)}`);
    expect(describeValue(10n ** 40n)).toBe(`bigint 1${'0'.repeat(39)}…`);
  });

  it('lists object keys separated by ", "', () => {
    expect(describeValue({ size: '1', price: '2' })).toBe('object {size, price}');
    // Four 10-letter keys joined by ", " make 4·10 + 3·2 = 46 characters: the first 40 end in "defg", then "…".
    const keys = Object.fromEntries(['abcdefghij', 'bcdefghijk', 'cdefghijkl', 'defghijklm'].map((k) => [k, 0]));
    expect(describeValue(keys)).toBe('object {abcdefghij, bcdefghijk, cdefghijkl, defg…}');
  });
});

describe('parseDecimal digit limits', () => {
  it('an integer has no fraction digits, whatever the fraction limit', () => {
    const issues: Issue[] = [];
    const x = parseDecimal('12', 'x', issues, { digits: { integer: 2, fraction: 0 } });
    expect(issues).toEqual([]);
    expect(x?.toString()).toBe('12');
    expect(parseDecimal('1.5', 'x', issues, { digits: { integer: 2, fraction: 0 } })).toBeUndefined();
    expect(issues.map((i) => i.expected)).toEqual(['a decimal string (no exponent, ≤2 integer and ≤0 fraction digits)']);
  });

  it('mentions JSON numbers only for numbers', () => {
    const issues: Issue[] = [];
    for (const value of [1.5, true, undefined, null, ['1']]) parseDecimal(value, 'x', issues);
    const syntax = 'a decimal string (no exponent, ≤30 integer and ≤18 fraction digits)';
    expect(issues.map((i) => i.expected)).toEqual([`${syntax}; JSON numbers are not allowed for amounts`, syntax, syntax, syntax, syntax]);
  });
});
