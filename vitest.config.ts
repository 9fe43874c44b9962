import { defineConfig } from 'vitest/config';

// One seed for the whole run, chosen here so that every worker shares it (see properties/profile.ts).
if (!process.env['LIQCHECK_SEED']) {
  process.env['LIQCHECK_SEED'] = String(process.env['CI'] ? 20261125 : Math.floor(Math.random() * 2 ** 31));
}

// Progress lines appear after a few seconds, so on a slow or busy machine they would reach the
// stderr of CLI runs that tests expect to be silent: off for the suite (inherited by spawned
// CLIs); the progress tests set it themselves.
process.env['LIQCHECK_PROGRESS'] ??= '0';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'properties/**/*.test.ts', 'examples/**/*.test.ts'],
    globalSetup: ['properties/globalSetup.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest 4 defaults to one worker fewer than the cores: on CI's 2 cores that is one, and the
    // suite ran serially (14.5 min on a fresh clone). Two forks use both cores: measured on
    // properties/profiles + src/policy, 2 min 26 s → 1 min 39 s.
    maxWorkers: 2,
  },
});
