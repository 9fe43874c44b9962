import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { formatCount, formatDistinct, formatDuration, formatFixed, formatPercent, formatRate, formatShare, formatSignificant } from './formatFigure.ts';

describe('formatPercent', () => {
  it('prints a fraction with one decimal by default, as in the issue (0.412121 is 41.2%)', () => {
    expect(formatPercent('0.412121')).toBe('41.2%');
    expect(formatPercent(new Dec('0.05'))).toBe('5.0%');
    expect(formatPercent('0.412121', 2)).toBe('41.21%');
    expect(formatPercent('0.5', 0)).toBe('50%');
  });

  it('prints 0 and 100 % exactly, and never a negative zero', () => {
    expect(formatPercent('0')).toBe('0.0%');
    expect(formatPercent('-0')).toBe('0.0%');
    expect(formatPercent(1)).toBe('100.0%');
  });

  it('shows which side a tiny or near-total share is on instead of rounding it to none or all', () => {
    expect(formatPercent('0.0000001')).toBe('<0.1%');
    expect(formatPercent('0.99999')).toBe('>99.9%');
    expect(formatPercent('-0.0000001')).toBe('>-0.1%');
    expect(formatPercent('0.00001', 3)).toBe('0.001%');
    expect(formatPercent('0.000001', 3)).toBe('<0.001%');
  });

  it('rounds half up (away from zero), not to even', () => {
    expect(formatPercent('0.00125', 2)).toBe('0.13%'); // 0.125 %: banker's would give 0.12%
    expect(formatPercent('0.0125', 0)).toBe('1%'); // 1.25 %
    expect(formatPercent('0.025', 0)).toBe('3%'); // 2.5 %: banker's would give 2%
    expect(formatPercent('-0.025', 0)).toBe('-3%');
    expect(formatPercent('0.12345', 2)).toBe('12.35%');
  });

  it('groups thousands in large and negative percentages', () => {
    expect(formatPercent('123.456')).toBe('12,345.6%');
    expect(formatPercent('-0.75')).toBe('-75.0%');
  });
});

describe('formatCount and formatFixed', () => {
  it('groups thousands, keeps small numbers bare, rounds a fraction half up', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-1234567)).toBe('-1,234,567');
    expect(formatCount(2.5)).toBe('3');
    expect(formatCount(10n ** 24n)).toBe('1,000,000,000,000,000,000,000,000');
  });

  it('prints fixed decimals half up with separators', () => {
    expect(formatFixed('1234.5678', 2)).toBe('1,234.57');
    expect(formatFixed('0.125', 2)).toBe('0.13');
    expect(formatFixed('-0.125', 2)).toBe('-0.13');
    expect(formatFixed('-0.001', 2)).toBe('0.00');
    expect(formatFixed(1.005, 2)).toBe('1.01'); // the number's shortest decimal form, 1.005
  });
});

describe('formatSignificant and formatRate', () => {
  it('keeps three significant figures below the integer digits and every integer digit above', () => {
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant('0.0012345')).toBe('0.00123');
    expect(formatSignificant('4.5678')).toBe('4.57');
    expect(formatSignificant('41.25')).toBe('41.3');
    expect(formatSignificant('12345.6')).toBe('12,346');
    expect(formatSignificant('-12345.6')).toBe('-12,346');
  });

  it('carries into a new digit without losing a figure (9.996 → 10.0)', () => {
    expect(formatSignificant('9.996')).toBe('10.0');
    expect(formatSignificant('0.09996')).toBe('0.100');
  });

  it('never uses exponent notation for tiny or huge values', () => {
    expect(formatSignificant('1e-12')).toBe('0.00000000000100');
    expect(formatSignificant(1e21)).toBe('1,000,000,000,000,000,000,000');
  });

  it('prints a throughput with its unit', () => {
    expect(formatRate(12345.6)).toBe('12,346/s');
    expect(formatRate(0.512, 'cases')).toBe('0.512 cases/s');
  });

  it('rejects what is not a finite number, saying what it received', () => {
    expect(() => formatSignificant(Number.NaN)).toThrow('formatSignificant: expected a finite number, received NaN');
    expect(() => formatRate(Number.POSITIVE_INFINITY)).toThrow('expected a finite number, received Infinity');
    expect(() => formatPercent('abc')).toThrow('formatPercent: expected a decimal number, received "abc"');
    expect(() => formatSignificant(1, 0)).toThrow('formatSignificant digits: expected a whole number in [1, 18], received 0');
  });
});

describe('formatDuration', () => {
  it('picks the unit that fits', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(0.42)).toBe('0.42 ms');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(7_440_000)).toBe('2 h 04 min');
  });

  it('rounds across unit boundaries to the larger unit', () => {
    expect(formatDuration(999.6)).toBe('1.0 s');
    expect(formatDuration(59_960)).toBe('1 min 00 s');
    expect(formatDuration(3_599_600)).toBe('1 h 00 min');
  });

  it('rejects a negative or non-finite duration', () => {
    expect(() => formatDuration(-1)).toThrow('formatDuration: expected a finite duration ≥ 0 in ms, received -1');
    expect(() => formatDuration(Number.NaN)).toThrow('received NaN');
  });
});

describe('formatShare', () => {
  it('divides exactly before rounding, and has no share of nothing', () => {
    expect(formatShare(1, 3)).toBe('33.3%');
    expect(formatShare(2, 3)).toBe('66.7%');
    expect(formatShare(1, 2000)).toBe('0.1%'); // 0.05 % rounds half up
    expect(formatShare(1, 20_000)).toBe('<0.1%');
    expect(formatShare(7, 7)).toBe('100.0%');
    expect(formatShare(0, 0)).toBe('—');
  });
});

describe('formatDistinct', () => {
  it('uses the fewest significant figures that keep grid values apart', () => {
    expect(formatDistinct(['0', '0.01', '0.02'])).toEqual(['0', '0.01', '0.02']);
    expect(formatDistinct(['0.002', '0.002947368421052632', '0.003894736842105263'])).toEqual(['0.002', '0.0029', '0.0039']);
    expect(formatDistinct(['0.1', '0.1001', '0.1002'])).toEqual(['0.1', '0.1001', '0.1002']);
    expect(formatDistinct(['10', '10.5', '11'])).toEqual(['10', '10.5', '11']);
    expect(formatDistinct(['1000', '25000', '50000'])).toEqual(['1,000', '25,000', '50,000']);
  });

  it('falls back to the exact values when they stay alike at the most figures', () => {
    expect(formatDistinct(['1', '1.000000001'], 2, 4)).toEqual(['1', '1.000000001']);
  });
});
