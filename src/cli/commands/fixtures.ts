/**
 * `liqcheck fixtures generate|verify`: write a canonical test-vector suite, and replay one
 * against the reference (drift detection) or an engine under test.
 * @see docs/fixtures.md
 */
import { existsSync, statSync } from 'node:fs';
import { defaultParams } from '../../arbitraries/defaultParams.ts';
import { formatDiffs } from '../../fixtures/compare.ts';
import { engineFor, EngineUnavailable, type FixtureEngine } from '../../fixtures/engineFor.ts';
import { FLAGS } from '../../fixtures/flags.ts';
import { generateSuiteOnWorkers, type GeneratedSuite } from '../../fixtures/generate.ts';
import { unlistableDir, verifyDir, type VerifyReport } from '../../fixtures/verify.ts';
import { interruptedSwap, writeSuite } from '../../fixtures/writeSuite.ts';
import { suiteOut } from '../suiteOut.ts';
import { formatDuration, formatRate } from '../../io/formatFigure.ts';
import { generateLendingFixtures, isLendingSuite, verifyLendingFixtures } from '../../lending/fixtures/index.ts';
import { lendingProfileFor } from '../../lending/profiles/lendingProfileFor.ts';
import { loadParams } from '../loadParams.ts';
import { loadProfile } from '../loadProfile.ts';
import { progressFor } from '../progress.ts';
import { helpFor, intOption, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';
import type { Io } from './check.ts';

export const GENERATE_OPTIONS: OptionTable = {
  params: { type: 'string', value: 'FILE', help: 'base risk-parameters JSON (default: the built-in profile)' },
  profile: { type: 'string', value: 'NAME', help: "a venue profile (liqcheck profiles, or a profile file's path): every case under its policy, on its params (an explicit --params wins); a lending profile writes a lending suite (docs/fixtures.md#lending-fixtures; default --count 60)" },
  count: { type: 'string', value: 'N', help: 'cases to generate (default 600)' },
  seed: { type: 'string', value: 'S', help: 'seed (default 1); the same options give the same bytes' },
  out: { type: 'string', value: 'DIR', help: 'directory to write: case files and manifest.json (required); must be missing, empty or a suite written before' },
  workers: { type: 'string', value: 'N', help: 'threads drawing candidates: this one and N − 1 workers (default 1); the bytes do not depend on it' },
  help: { type: 'boolean', help: 'show this help' },
};

export const VERIFY_OPTIONS: OptionTable = {
  impl: { type: 'string', value: 'ENGINE', help: 'engine under test, as for check --impl (default: the reference: drift detection)' },
  timeout: { type: 'string', value: 'MS', help: 'per-case timeout for --impl (default 5000)' },
  'strict-issues': { type: 'boolean', help: 'with --impl: an invalid-input answer must also name the same set of issue paths as the fixture (default: the code and a non-empty issues list, as check does)' },
  help: { type: 'boolean', help: 'show this help' },
};

const GENERATE_SUMMARY = `Generates a fixture suite: each case one canonical JSON file (input, the reference's expected
result or error, flags, provenance, content hash) plus manifest.json. Deterministic: the same
options give byte-identical files. Every flag of the edge-case catalog is aimed at on purpose.`;

const VERIFY_SUMMARY = `Replays every fixture in DIR: checks manifest.json against each file's bytes, each file against
the JSON Schema and its content hash, and each case against the engine. Results are compared
field for field (positions matched by market); an expected rejection by its error code and a
non-empty issues list, and with --strict-issues also by the set of issue paths. Reports every
failing file with a field-by-field diff and goes on. Exit 0 all passed, 1 any failure or problem, 2 usage,
3 the engine could not be started.`;

const SUBCOMMANDS = 'generate, verify';

export async function fixtures(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'generate') return generate(rest, io);
  if (sub === 'verify') return verify(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.out(`Usage: liqcheck fixtures <generate|verify> [options]\n\n${helpFor('fixtures generate', GENERATE_SUMMARY, GENERATE_OPTIONS)}\n${helpFor('fixtures verify DIR', VERIFY_SUMMARY, VERIFY_OPTIONS)}`);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  throw new UsageError(`unknown fixtures subcommand ${JSON.stringify(sub)}; expected one of ${SUBCOMMANDS}`);
}

async function generate(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseOptions(argv, GENERATE_OPTIONS);
  if (values['help']) {
    io.out(helpFor('fixtures generate', GENERATE_SUMMARY, GENERATE_OPTIONS));
    return EXIT.ok;
  }
  // A lending profile (spec §11) writes a lending suite (docs/fixtures.md#lending-fixtures).
  const lending = lendingProfileFor(values['profile'] as string | undefined);
  if (lending !== undefined) return generateLendingFixtures(values, io, values['profile'] as string, lending);
  // Before any work: first undo what an interrupted run left, then judge the directory as it is.
  const out = suiteOut(values, io.err);
  const count = intOption(values, 'count', 600, 1, 10_000_000);
  const seed = intOption(values, 'seed', 1, -(2 ** 31), 2 ** 31 - 1);
  const workers = intOption(values, 'workers', 1, 1, 256);
  const paramsFile = values['params'] as string | undefined;
  const profileName = values['profile'] as string | undefined;
  const profile = profileName === undefined ? undefined : loadProfile(profileName);
  const params = paramsFile !== undefined ? loadParams(paramsFile) : (profile?.params ?? defaultParams);
  const command = ['liqcheck fixtures generate', ...(profileName === undefined ? [] : [`--profile ${profileName}`]), ...(paramsFile === undefined ? [] : [`--params ${paramsFile}`]), `--count ${count}`, `--seed ${seed}`, `--out ${out}`].join(' ');

  const t0 = performance.now();
  const progress = progressFor(io, 'fixtures generate', 'cases');
  // --workers is left out of the recorded command: it changes the speed, never the bytes.
  const suite = await generateSuiteOnWorkers({ params, ...(profile === undefined ? {} : { policy: profile.wire.policy }), count, seed, command, workers, onCase: progress.update });
  progress.finish();
  const t1 = performance.now();
  for (const note of writeSuite(out, suite)) io.err(`liqcheck: ${note}\n`);
  const t2 = performance.now();
  io.out(formatGenerated(suite, out, t1 - t0, t2 - t1));
  return EXIT.ok;
}

/** Counts per flag, shortfalls and throughput of a generation. */
export function formatGenerated(suite: GeneratedSuite, out: string, genMs: number, writeMs: number): string {
  const counts = suite.manifest.flags;
  const width = Math.max(...FLAGS.map((f) => f.length));
  const rows = FLAGS.filter((f) => f !== 'counterexample').map((f) => `  ${f.padEnd(width)}  ${String(counts[f] ?? 0).padStart(6)}`);
  const short = suite.shortfalls.map((s) => `  ! ${s.recipe}: ${s.found} of ${s.wanted} wanted, after ${s.draws} draws (raise the count or change the params)`);
  const n = suite.cases.length;
  const rate = n / ((genMs + writeMs) / 1000);
  return [
    `liqcheck fixtures generate — ${n} cases (${suite.draws} candidates drawn) → ${out}`,
    '',
    `  ${'flag'.padEnd(width)}  ${'cases'.padStart(6)}`,
    ...rows,
    ...(short.length > 0 ? ['', ...short] : []),
    '',
    `Wrote ${n} case files and manifest.json in ${formatDuration(genMs + writeMs)} (${Number.isFinite(rate) ? formatRate(rate, 'cases') : 'under 1 ms'}; writing ${formatDuration(writeMs)}).`,
    `Regenerate: ${suite.manifest.command}`,
    '',
  ].join('\n');
}

async function verify(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(argv, VERIFY_OPTIONS, 1);
  if (values['help']) {
    io.out(helpFor('fixtures verify DIR', VERIFY_SUMMARY, VERIFY_OPTIONS));
    return EXIT.ok;
  }
  const dir = positionals[0];
  if (dir === undefined) throw new UsageError('fixtures verify needs a directory: liqcheck fixtures verify DIR [--impl ENGINE]');
  const interrupted = interruptedSwap(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(interrupted ?? `${dir}: no such directory`);
  if (interrupted !== null) io.err(`liqcheck: ${interrupted}\n`);
  if (unlistableDir(dir) !== undefined) throw new UsageError(unlistableDir(dir)!);
  if (isLendingSuite(dir)) return verifyLendingFixtures(dir, values, io, formatVerify);
  return withEngine(values, io, async (engine) => {
    io.out(`liqcheck fixtures verify — ${dir} against ${engine.label}\n`);
    const progress = progressFor(io, 'fixtures verify', 'files');
    // The reference is compared exactly anyway; --strict-issues tightens only another engine's check.
    const match = values['strict-issues'] === true && engine.match === 'conformance' ? 'strict-issues' : engine.match;
    const report = await verifyDir(dir, { engine: engine.run, match, onFile: progress.update, ...(engine.unsupported ? { unsupported: engine.unsupported } : {}) });
    progress.finish();
    io.out(formatVerify(report));
    return report.failures.length === 0 && report.problems.length === 0 && report.files > 0 ? EXIT.ok : EXIT.violation;
  });
}

/**
 * Opens the engine that `--impl`/`--timeout` name (the reference without `--impl`), runs `use`
 * with it and closes it; an engine that cannot be started is one line on stderr and exit 3.
 */
export async function withEngine(values: Record<string, unknown>, io: Io, use: (engine: FixtureEngine) => Promise<number>): Promise<number> {
  const timeout = intOption(values, 'timeout', 5000, 1, 3_600_000);
  let engine: FixtureEngine;
  try {
    engine = await engineFor(values['impl'] as string | undefined, timeout);
  } catch (e) {
    if (e instanceof EngineUnavailable) {
      io.err(`liqcheck: ${e.message}\n`);
      return EXIT.engine;
    }
    throw e;
  }
  try {
    return await use(engine);
  } finally {
    await engine.close();
  }
}

/** Every failure with its diff, every problem with its JSON path, then one summary line. */
export function formatVerify(r: VerifyReport): string {
  const lines: string[] = [];
  for (const f of r.failures) lines.push(`\n✗ ${f.file}: ${f.summary}\n${formatDiffs(f.diffs)}`.trimEnd());
  const byFile = [...r.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const p of byFile) lines.push(`✗ ${p.file} at ${p.path}: ${p.message}`);
  if (r.skipped.length > 0) lines.push(`- skipped ${r.skipped.length} case(s) needing features the engine does not declare (${[...new Set(r.skipped.flatMap((s) => s.features))].join(', ')})`);
  if (r.manifest === 'missing') lines.push('- no manifest.json: file integrity checked by content hashes only');
  const bad = new Set([...r.failures.map((f) => f.file), ...r.problems.map((p) => p.file)]).size;
  const verdict = r.files === 0 ? 'no fixture files found' : bad === 0 ? 'all passed' : `${bad} file(s) failed`;
  lines.push(`\n${r.files} files: ${r.passed} passed, ${r.failures.length} failed, ${r.problems.length} problem(s), ${r.skipped.length} skipped; manifest ${r.manifest} — ${verdict} (${formatDuration(r.ms)}).\n`);
  return `${lines.join('\n')}`;
}
