/**
 * `liqcheck replay FILE`: one fixture against the reference or an engine under test, with a
 * field-by-field diff of expected vs actual.
 * @see docs/fixtures.md#replaying-one-case
 */
import { existsSync } from 'node:fs';
import { formatDiffs } from '../../fixtures/compare.ts';
import type { Fixture } from '../../fixtures/format.ts';
import { checkFixture } from '../../fixtures/read.ts';
import { formatFileProblem, readJsonFile } from '../../io/readJsonFile.ts';
import { verifyCase } from '../../fixtures/verify.ts';
import { isLendingFixtureValue, replayLendingFixture } from '../../lending/fixtures/index.ts';
import { helpFor, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';
import type { Io } from './check.ts';
import { VERIFY_OPTIONS, withEngine } from './fixtures.ts';

export const REPLAY_OPTIONS: OptionTable = VERIFY_OPTIONS;

const SUMMARY = `Replays one fixture file against the reference (default) or --impl and prints a field-by-field
diff of expected vs actual. Exit 0 the engine matches, 1 it does not (or the JSON is not a valid
fixture), 2 usage or a file that cannot be read as strict JSON (not a regular file, over 16 MiB,
invalid UTF-8, duplicate or __proto__ keys, a syntax error), 3 the engine could not be started.`;

export async function replay(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, REPLAY_OPTIONS, 1);
  if (values['help']) {
    io.out(helpFor('replay FILE', SUMMARY, REPLAY_OPTIONS));
    return EXIT.ok;
  }
  const file = positionals[0];
  if (file === undefined) throw new UsageError('replay needs a fixture file: liqcheck replay FILE [--impl ENGINE]');
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  // A file that cannot be read as strict JSON is a usage error (exit 2), as for every input file;
  // a JSON file that is not a valid fixture is this command's verdict on it (exit 1).
  const json = readJsonFile(file);
  if (!json.ok) throw new UsageError(formatFileProblem(json.problem));
  if (isLendingFixtureValue(json.value)) return replayLendingFixture(file, json.value, json.text, values, io);
  const problems = checkFixture(file, json.value, json.text);
  if (problems.length > 0) {
    for (const p of problems) io.out(`✗ ${p.file} at ${p.path}: ${p.message}\n`);
    io.out(`${file} is not a valid fixture: ${problems.length} problem(s).\n`);
    return EXIT.violation;
  }
  const f = json.value as Fixture;
  return withEngine(values, io, async (engine) => {
    io.out(`${f.id}\n  ${f.comment}\n  flags: ${f.flags.join(', ')}\n  engine: ${engine.label}\n\n`);
    const v = await verifyCase(f, { engine: engine.run, match: engine.match, ...(engine.unsupported ? { unsupported: engine.unsupported } : {}) });
    if (v === 'pass') {
      io.out(`✓ ${'expected' in f ? 'result identical to the expected result' : `rejected as expected (${f.expectedError.code})`}\n`);
      return EXIT.ok;
    }
    if ('features' in v) {
      io.out(`- skipped: the case needs ${v.features.join(', ')}, which the engine does not declare\n`);
      return EXIT.ok;
    }
    io.out(`✗ ${v.summary}\n${formatDiffs(v.diffs, 200)}`);
    return EXIT.violation;
  });
}
