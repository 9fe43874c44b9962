/**
 * `fixtures generate --out DIR`, made ready before any work (perp and lending suites alike): the
 * option is required, what an interrupted run left is undone first (with a note on stderr), and the
 * directory is then judged as it is (src/fixtures/writeSuite.ts).
 */
import { recoverSuite, suiteTargetProblem } from '../fixtures/writeSuite.ts';
import { UsageError } from './usageError.ts';

/** The `--out` directory, ready to be written; a UsageError names what is wrong with it. */
export function suiteOut(values: Readonly<Record<string, unknown>>, err: (s: string) => void): string {
  const out = values['out'];
  if (typeof out !== 'string' || out === '') throw new UsageError('--out DIR is required: the directory to write the suite to');
  const recovered = recoverSuite(out);
  if (!recovered.ok) throw new UsageError(`--out ${recovered.message}`);
  for (const note of recovered.notes) err(`liqcheck: ${note}\n`);
  const unsafe = suiteTargetProblem(out);
  if (unsafe !== null) throw new UsageError(`--out ${unsafe}`);
  return out;
}
