import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../model/decimal.ts';
import { continuousTiers, type TierSpec } from './continuousTiers.ts';
import { decimal } from './decimal.ts';

const row = (notionalFloor: string, maintenanceRate: string): TierSpec => ({ notionalFloor, maintenanceRate, initialRate: '1' });

describe('continuousTiers', () => {
  it('derives the offsets of a hand-checked table', () => {
    // 50 000·(0.005 − 0.004) = 50; + 250 000·(0.01 − 0.005) = 1 300; + 1 000 000·(0.025 − 0.01) = 16 300.
    const tiers = continuousTiers([row('0', '0.004'), row('50000', '0.005'), row('250000', '0.01'), row('1000000', '0.025')]);
    expect(tiers.map((t) => t.maintenanceAmount)).toEqual(['0', '50', '1300', '16300']);
  });

  it('keeps the other fields as written and prints offsets canonically', () => {
    // 2.5·(0.0125 − 0.01) = 0.00625; a falling rate gives a negative offset: 10·(0.5 − 0.75) = −2.5.
    const [first, second] = continuousTiers([row('0.50', '0.0100'), row('2.5', '0.0125')]);
    expect(first).toEqual({ notionalFloor: '0.50', maintenanceRate: '0.0100', maintenanceAmount: '0', initialRate: '1' });
    expect(second!.maintenanceAmount).toBe('0.00625');
    expect(continuousTiers([row('0', '0.75'), row('10', '0.5')])[1]!.maintenanceAmount).toBe('-2.5');
  });

  it('agrees with decimal.js on the continuity rule of spec §3 for any table', () => {
    const value = fc.oneof(decimal({ min: '0', max: '100000000', scale: 0 }), decimal({ min: '-1000', max: '1000', scale: 6 }), decimal({ min: '0', max: '1', scale: 12 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 6 }), (pairs) => {
        const tiers = continuousTiers(pairs.map(([f, r]) => row(f, r)));
        expect(tiers[0]!.maintenanceAmount).toBe('0');
        for (let n = 1; n < tiers.length; n++) {
          const step = new Dec(tiers[n]!.notionalFloor).mul(new Dec(tiers[n]!.maintenanceRate).sub(tiers[n - 1]!.maintenanceRate));
          expect(new Dec(tiers[n]!.maintenanceAmount).sub(tiers[n - 1]!.maintenanceAmount).eq(step)).toBe(true);
          expect(tiers[n]!.maintenanceAmount).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names the field of a value that is not a plain decimal', () => {
    expect(() => continuousTiers([row('0', '0.01'), row('1e5', '0.02')])).toThrow(/rows\[1\]\.notionalFloor: expected a plain decimal string, got "1e5"/);
    expect(() => continuousTiers([row('0', 'abc')])).toThrow(/rows\[0\]\.maintenanceRate/);
  });
});
