/**
 * How a team checks its own TypeScript engine from its vitest suite. Runs in `npm test`, so this
 * example cannot rot, and the README shows the code between the `readme` region markers byte for
 * byte (properties/docs.test.ts), importing from 'liqcheck' where this file imports the sources.
 * Replace `ourLiquidate` with your engine's entry point.
 */
import { expect, it } from 'vitest';
import { checkEngine, formatViolations } from '../../src/index.ts';
import { liquidate, type Scenario } from '../../src/index.ts';

// Stand-in for "your engine": here, the reference itself behind a function of the same shape.
const ourLiquidate = (s: Scenario) => liquidate(s);

// #region readme
// 500 scenarios take ≈ 1.5 s on an idle 2-vCPU machine, and more than vitest's default 5 s timeout under load.
it('our engine passes liqcheck', { timeout: 60_000 }, async () => {
  const report = await checkEngine(ourLiquidate, { runs: 500, seed: 1 });
  expect(report.ok, formatViolations(report)).toBe(true);
});
// #endregion readme
