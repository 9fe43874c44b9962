import { defineConfig } from 'vitest/config';

/**
 * Vitest config for mutation testing (`npm run mutation`, see stryker.config.json): only the suites
 * that exercise src/model, with the property suites at a fixed seed and a reduced run count so that
 * every mutant sees the same generated cases and a full run stays well under an hour.
 * Override with LIQCHECK_SEED / LIQCHECK_RUNS in the environment.
 */
const env = {
  LIQCHECK_SEED: process.env['LIQCHECK_SEED'] || '20261125',
  LIQCHECK_RUNS: process.env['LIQCHECK_RUNS'] || '50',
};
Object.assign(process.env, env);

export default defineConfig({
  test: {
    include: [
      'src/model/*.test.ts',
      'src/arbitraries/*.test.ts',
      'properties/catalog.test.ts',
      'properties/minimalClose.test.ts',
    ],
    env,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
