/**
 * How a team checks its own TypeScript engine from its vitest suite. Runs in `npm test`, so this
 * example cannot rot. Replace `ourLiquidate` with your engine's entry point.
 */
import { describe, expect, it } from 'vitest';
import { checkEngine, formatViolations, liquidate } from '../../src/index.ts';
import type { Scenario } from '../../src/index.ts';

// Stand-in for "your engine": here, the reference itself behind a function of the same shape.
const ourLiquidate = (s: Scenario) => liquidate(s);

describe('our liquidation engine', () => {
  it('passes every liqcheck invariant and agrees with the reference', async () => {
    const report = await checkEngine(ourLiquidate, { runs: 150, seed: 1, name: 'ours' });
    expect(report.ok, formatViolations(report)).toBe(true);
  });
});
