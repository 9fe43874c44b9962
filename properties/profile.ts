/**
 * Run profile of the property suites: seed, run count and replay path, all from the environment,
 * so that any failure can be replayed with one command.
 *
 * - `LIQCHECK_SEED`: integer seed. Default: a fixed seed under CI (a deterministic gate), a fresh
 *   random one otherwise (printed at start and on failure).
 * - `LIQCHECK_RUNS`: runs per property. Default 200 (fast profile), or 10 000 with
 *   `LIQCHECK_PROFILE=deep` (nightly).
 * - `LIQCHECK_PATH`: fast-check replay path of a failure, to jump straight to the shrunk case.
 */
import fc from 'fast-check';

const CI_SEED = 20261125;

function intFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name}: expected an integer, received ${JSON.stringify(raw)}`);
  return n;
}

export const DEEP = process.env['LIQCHECK_PROFILE'] === 'deep';
export const SEED: number = intFromEnv('LIQCHECK_SEED') ?? (process.env['CI'] ? CI_SEED : (Math.random() * 2 ** 31) | 0);
/**
 * The seed of the zoo hunts (properties/zoo.test.ts, policyZoo.test.ts): `LIQCHECK_SEED`, else
 * the fixed CI seed even locally, since their scenario budgets are measured on it.
 */
export const ZOO_SEED: number = intFromEnv('LIQCHECK_SEED') ?? CI_SEED;
export const RUNS: number = intFromEnv('LIQCHECK_RUNS') ?? (DEEP ? 10_000 : 200);
const PATH = process.env['LIQCHECK_PATH'];

/** The one command that replays a failure of the property `name` in `file`. */
export function replayCommand(file: string, name: string, seed: number, path: string | undefined): string {
  const env = [`LIQCHECK_SEED=${seed}`, path ? `LIQCHECK_PATH=${path}` : '', `LIQCHECK_RUNS=${RUNS}`].filter(Boolean).join(' ');
  return `${env} npx vitest run ${file} -t ${JSON.stringify(name)}`;
}

/**
 * fast-check parameters for one property: the profile's seed and runs, and a reporter whose
 * failure message ends with the replay command.
 *
 * @param scale - multiplies the profile's run count (expensive properties use < 1)
 */
export function params<T>(file: string, name: string, scale = 1): fc.Parameters<T> {
  return {
    seed: SEED,
    numRuns: Math.max(1, Math.round(RUNS * scale)),
    includeErrorInReport: true,
    ...(PATH ? { path: PATH, endOnFailure: true } : {}),
    reporter: (details) => {
      if (!details.failed) return;
      const message = fc.defaultReportMessage(details) ?? 'property failed';
      throw new Error(`${message}\n\nReplay: ${replayCommand(file, name, details.seed, details.counterexamplePath ?? undefined)}\n`);
    },
  };
}
