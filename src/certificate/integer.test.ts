import { describe, expect, it } from 'vitest';
import { readAt, readFloorAt, readInteger, show } from './integer.ts';

describe('the certificate integer reader', () => {
  it('reads a decimal at a scale, refusing a non-zero digit beyond it', () => {
    expect(readAt('1.5', 2)).toBe(150n);
    expect(readAt('-0.25', 2)).toBe(-25n);
    expect(readAt('7', 0)).toBe(7n);
    expect(readAt('1.50', 1)).toBe(15n); // a trailing zero is no digit beyond the grid
    expect(readAt('0.125', 2)).toBeUndefined(); // off the 0.01 grid
    expect(readAt('1e3', 2)).toBeUndefined();
    expect(readAt(12, 2)).toBeUndefined();
  });
  it('floors toward −∞ for the certifier', () => {
    expect(readFloorAt('0.129', 2)).toBe(12n);
    expect(readFloorAt('-0.121', 2)).toBe(-13n); // −0.121 → −0.13
    expect(readFloorAt('-0.120', 2)).toBe(-12n);
  });
  it('reads witness integers and writes canonical decimals', () => {
    expect(readInteger('-12')).toBe(-12n);
    expect(readInteger('012')).toBeUndefined();
    expect(readInteger('-0')).toBeUndefined();
    expect(show(-1205n, 3)).toBe('-1.205');
    expect(show(1200n, 2)).toBe('12');
    expect(show(5n, 3)).toBe('0.005');
  });
});
