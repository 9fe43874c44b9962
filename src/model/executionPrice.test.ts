/**
 * Execution price of a liquidation fill (spec §7.1): a long closes (sells) at `⌊P·(1−σ)⌋_tick`, a
 * short closes (buys) at `⌈P·(1+σ)⌉_tick`; with σ = 0 at the mark. Expected values are worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { Dec, toCanonical as s } from './decimal.ts';
import { executionPrice } from './executionPrice.ts';

const price = (mark: string, long: boolean, impact: string, tick: string): string =>
  s(executionPrice(new Dec(mark), long, new Dec(impact), new Dec(tick)));

describe('executionPrice (§7.1)', () => {
  it('is the mark when there is no price impact', () => {
    expect(price('50000.5', true, '0', '0.5')).toBe('50000.5');
    expect(price('50000.5', false, '0', '0.5')).toBe('50000.5');
  });

  it('concedes σ against the trader, on the tick grid', () => {
    // P = 50000, σ = 0.001: P·(1−σ) = 49950 and P·(1+σ) = 50050, both already on the 0.5 tick.
    expect(price('50000', true, '0.001', '0.5')).toBe('49950');
    expect(price('50000', false, '0.001', '0.5')).toBe('50050');
  });

  it('rounds a long close down and a short close up to the tick', () => {
    // P = 50000.5, σ = 0.001: P·0.999 = 50000.5 − 50.0005 = 49950.4995 → ⌊⌋_0.5 = 49950;
    // P·1.001 = 50000.5 + 50.0005 = 50050.5005 → ⌈⌉_0.5 = 50051.
    expect(price('50000.5', true, '0.001', '0.5')).toBe('49950');
    expect(price('50000.5', false, '0.001', '0.5')).toBe('50051');
  });
});
