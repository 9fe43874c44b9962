/**
 * The diagnostic margin ratio of spec §8: `⌊E / MM⌋_{10^−18}` (rounded down, toward −∞), or `null`
 * when `MM = 0`. Expected values are worked by hand.
 *
 * Imported inside each test so that a module that fails to load fails a test (see decimal.test.ts).
 */
import { describe, expect, it } from 'vitest';

const load = async () => {
  const [{ marginRatio }, { Dec, toCanonical }] = await Promise.all([import('./marginRatio.ts'), import('./decimal.ts')]);
  return (e: string, mm: string): string | null => {
    const r = marginRatio(new Dec(e), new Dec(mm));
    return r === null ? null : toCanonical(r);
  };
};

describe('marginRatio (§8)', () => {
  it('is exact when E/MM terminates', async () => {
    const ratio = await load();
    expect(ratio('400', '500')).toBe('0.8'); // the worked example of liquidate.test.ts: E = 400, MM = 500
    expect(ratio('0', '500')).toBe('0');
    expect(ratio('1000', '500')).toBe('2');
  });

  it('rounds down to 18 decimal places', async () => {
    const ratio = await load();
    // 1/3 = 0.333…, 2/3 = 0.666…: truncated after 18 places (never rounded up to …667).
    expect(ratio('1', '3')).toBe(`0.${'3'.repeat(18)}`);
    expect(ratio('2', '3')).toBe(`0.${'6'.repeat(18)}`);
    // −1/3 = −0.333…: down means toward −∞, so the 18th place becomes 4.
    expect(ratio('-1', '3')).toBe(`-0.${'3'.repeat(17)}4`);
  });

  it('is null when there is no requirement', async () => {
    const ratio = await load();
    expect(ratio('5', '0')).toBeNull();
    expect(ratio('0', '0')).toBeNull();
  });
});
