import fc from 'fast-check';
import { classify } from '../../arbitraries/classify.ts';
import { defaultParams } from '../../arbitraries/defaultParams.ts';
import { defaultRunScenarios } from '../../arbitraries/defaultRun.ts';
import { scenario } from '../../arbitraries/scenario.ts';
import { agreesWithReference } from '../../gate/agreesWithReference.ts';
import { EXACT, type Tolerance } from '../../gate/diffResults.ts';
import { REFERENCE_ENGINE } from '../../gate/engineUnderTest.ts';
import { failureStore } from '../../gate/failureStore.ts';
import { describeParts, isUnder, profileDeclaration, sameRules, scenariosFor, valued, type Declaration } from '../../gate/declarationOf.ts';
import { derivationLines } from '../../gate/derivation.ts';
import { toJUnit } from '../../gate/junit.ts';
import { loadPolicyFile } from '../../gate/loadPolicyFile.ts';
import { REFERENCE_POLICY, REFERENCE_POLICY_NAME } from '../../policy/policy.ts';
import { openImpl, type OpenedEngine } from '../../gate/openImpl.ts';
import { formatDuration, formatShare } from '../../io/formatFigure.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import { CATALOG } from '../../invariants/catalog.ts';
import type { Invariant } from '../../invariants/invariant.ts';
import { Dec } from '../../model/decimal.ts';
import type { RiskParams, Scenario } from '../../model/types.ts';
import { DEFAULT_FAILURES_DIR, type FailureRecord } from '../../fixtures/failureDb.ts';
import { unwritableOutput } from '../../io/assertWritable.ts';
import { runCatalog, unstartedReport, type CatalogReport, type Counterexample } from '../../runner/runCatalog.ts';
import { DEFAULT_RELATIONS_EVERY } from '../../runner/relationBudget.ts';
import { isEngineFailure } from '../../invariants/checkCase.ts';
import type { Answer } from '../../invariants/invariant.ts';
import { SIGNAL_EXIT, withInterrupt } from '../interrupt.ts';
import { loadParams } from '../loadParams.ts';
import { loadProfile } from '../loadProfile.ts';
import { checkLending } from '../../lending/gate/checkLending.ts';
import { lendingProfileFor } from '../../lending/profiles/lendingProfileFor.ts';
import { lendingProfileNamed } from '../../lending/profiles/lendingProfiles.ts';
import { progressFor } from '../progress.ts';
import { helpFor, intOption, parseOptions, type OptionTable } from '../options.ts';
import { EXIT, UsageError } from '../usageError.ts';

export const CHECK_OPTIONS: OptionTable = {
  impl: { type: 'string', value: 'ENGINE', help: 'engine to check: "cmd args" (subprocess), ./engine.ts (module) or http://127.0.0.1:PORT/path (default: the reference)' },
  params: { type: 'string', value: 'FILE', help: 'pin the risk parameters to this JSON (default: the built-in profile and generated parameter sets)' },
  policy: { type: 'string', value: 'FILE', help: 'the liquidation policy (JSON, spec §10.1): the reference runs it when there is no --impl; with --impl it must be the one the engine declares, or stands in for "unspecified"' },
  profile: { type: 'string', value: 'NAME', help: 'a venue profile (liqcheck profiles; or a profile file\'s path): its policy, as --policy, and its params, as --params (an explicit --params wins); a lending profile runs the lending catalog (docs/profiles/README.md#lending-profiles)' },
  runs: { type: 'string', value: 'N', help: 'scenarios to generate (default 1000)' },
  seed: { type: 'string', value: 'S', help: 'random seed (default: fresh, printed; 20261125 under CI)' },
  timeout: { type: 'string', value: 'MS', help: 'per-request timeout for the engine (default 5000)' },
  invariants: { type: 'string', value: 'IDS', help: 'comma-separated invariant ids to run (default: all)' },
  shard: { type: 'string', value: 'I/N', help: 'run only shard I of N (1-based) of the cases; merge reports with liqcheck merge' },
  'tolerance-quote': { type: 'string', value: 'X', help: 'accept differences from the reference up to X quote units (default 0)' },
  'tolerance-lots': { type: 'string', value: 'K', help: 'accept size differences from the reference up to K lots (default 0)' },
  'relations-every': { type: 'string', value: 'K', help: `judge the relation invariants (LIQ-012–016, LIQ-018, LIQ-026, LIQ-030, LIQ-031: they re-run the engine) on every K-th generated case (default ${DEFAULT_RELATIONS_EVERY}; 1: every case); saved failures always get all` },
  failures: { type: 'string', value: 'DIR', help: 'where counterexamples are saved and replayed first (default .liqcheck/failures; "" to disable)' },
  json: { type: 'string', value: 'FILE', help: 'also write the report as JSON (atomically)' },
  junit: { type: 'string', value: 'FILE', help: 'also write a JUnit XML report (atomically)' },
  help: { type: 'boolean', help: 'show this help' },
};

const SUMMARY = `Runs the invariant catalog on generated scenarios (accounts near the liquidation boundary)
against an engine and prints a per-invariant summary. The engine is judged by the invariants its
declared policy promises enough for (spec §10.7), and, when the reference can run that policy,
compared with the reference configured with the same policy (REF-001).`;

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly isTTY: boolean;
}

export function parseShard(raw: string | undefined): { index: number; count: number } {
  if (raw === undefined) return { index: 0, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || n > 10_000 || i < 1 || i > n) throw new UsageError(`--shard: expected I/N with 1 ≤ I ≤ N, received ${JSON.stringify(raw)}`);
  return { index: i - 1, count: n };
}

function parseTolerance(values: Record<string, unknown>): Tolerance {
  const read = (name: string): Dec => {
    const raw = values[name];
    if (raw === undefined) return new Dec(0);
    if (typeof raw !== 'string' || !/^(0|[1-9]\d*)(\.\d+)?$/.test(raw)) throw new UsageError(`--${name}: expected a decimal ≥ 0 such as 0.000001, received ${JSON.stringify(raw)}`);
    return new Dec(raw);
  };
  const quote = read('tolerance-quote');
  const lots = read('tolerance-lots');
  return quote.isZero() && lots.isZero() ? EXACT : { quote, lots };
}

function selectInvariants(raw: string | undefined): readonly Invariant[] {
  if (raw === undefined) return CATALOG;
  const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const known = [...CATALOG.map((i) => i.id), 'REF-001'];
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new UsageError(`--invariants: unknown id(s) ${unknown.join(', ') || '(none given)'}; known: ${known.join(', ')}`);
  }
  return CATALOG.filter((i) => ids.includes(i.id));
}

export async function check(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseOptions(argv, CHECK_OPTIONS);
  if (values['help']) {
    io.out(helpFor('check', SUMMARY, CHECK_OPTIONS));
    return EXIT.ok;
  }
  // A lending profile (profiles/lending/, spec §11) runs the lending catalog; everything else is as before.
  const lending = lendingProfileFor(values['profile'] as string | undefined);
  if (lending !== undefined) return checkLending(values, io, values['profile'] as string, lending);
  // Found now, not after the whole run: an unwritable report or failure database costs a second.
  const unwritable = unwritableOutput([
    { option: '--json', path: values['json'] as string | undefined },
    { option: '--junit', path: values['junit'] as string | undefined },
    { option: '--failures', path: (values['failures'] as string | undefined) ?? DEFAULT_FAILURES_DIR, kind: 'directory', createsParents: true },
  ]);
  if (unwritable !== null) throw new UsageError(unwritable);
  const runs = intOption(values, 'runs', 1000, 1, 100_000_000);
  const seed = intOption(values, 'seed', process.env['CI'] ? 20261125 : Math.floor(Math.random() * 2 ** 31), -(2 ** 31), 2 ** 31 - 1);
  const timeoutMs = intOption(values, 'timeout', 5000, 1, 3_600_000);
  const shard = parseShard(values['shard'] as string | undefined);
  const relationsEvery = intOption(values, 'relations-every', DEFAULT_RELATIONS_EVERY, 1, 1_000_000);
  const tolerance = parseTolerance(values);
  const paramsFile = values['params'] as string | undefined;
  const pinned: RiskParams | undefined = paramsFile === undefined ? undefined : loadParams(paramsFile);
  const selected = selectInvariants(values['invariants'] as string | undefined);
  const wantRef = values['invariants'] === undefined || String(values['invariants']).includes('REF-001');
  const impl = values['impl'] as string | undefined;
  const failuresDir = (values['failures'] as string | undefined) ?? DEFAULT_FAILURES_DIR;
  const policyFile = values['policy'] as string | undefined;
  const profileName = values['profile'] as string | undefined;
  if (policyFile !== undefined && profileName !== undefined) throw new UsageError('--policy and --profile both name the policy: give one (a profile is a policy plus params)');
  const fromFile = policyFile === undefined ? undefined : loadPolicyFile(policyFile);
  if (fromFile !== undefined && !fromFile.ok) throw new UsageError(`--policy ${fromFile.message}`);
  const given: GivenPolicy | undefined = fromFile?.ok
    ? { option: `--policy ${policyFile}`, declaration: fromFile.declaration }
    : profileName !== undefined
      ? { option: `--profile ${profileName}`, declaration: profileDeclaration(loadProfile(profileName)) }
      : undefined;

  const jsonFile = values['json'] as string | undefined;
  const junitFile = values['junit'] as string | undefined;
  const writeReports = (report: CatalogReport): void => {
    if (jsonFile) writeFileAtomic(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    if (junitFile) writeFileAtomic(junitFile, toJUnit(report));
  };

  let opened: OpenedEngine;
  try {
    opened = impl === undefined ? { engine: REFERENCE_ENGINE, declaration: REFERENCE_DECLARATION, kind: 'reference', close: async () => {} } : await openImpl(impl, timeoutMs);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    io.err(`liqcheck: the engine could not be started: ${why}\n`);
    // CI reads the reports, not the log: a red run must leave one.
    writeReports(unstartedReport({ name: impl ?? 'engine', policy: 'unknown' }, { seed, runs, shard }, why));
    return EXIT.engine;
  }
  // An engine whose handshake names a lending profile (spec §11) is checked as `--profile NAME`
  // would check it; by name only, so a handshake never makes the gate read a file.
  const lendingNamed = impl !== undefined && given === undefined && opened.declaration.policy === null ? lendingProfileNamed(opened.declaration.name) : undefined;
  if (lendingNamed !== undefined) {
    await opened.close();
    return checkLending(values, io, lendingNamed.wire.name, { ok: true, profile: lendingNamed });
  }
  try {
    const declaration = runDeclaration(opened, given);
    // A profile's params are the run's (named by --profile or by the handshake); --params pins others.
    const params: RiskParams = pinned ?? declaration.params ?? defaultParams;
    const paramsNote = pinned !== undefined ? `${paramsFile} (${Object.keys(params.markets).join(', ')})` : declaration.params !== undefined ? `profile ${declaration.profile}'s params (${Object.keys(params.markets).join(', ')})` : 'default run (built-in profile and generated params)';
    const engine = { ...opened.engine, policy: declaration.name, declared: declaration.policy };
    // REF-001 presumes `runnable`: the runner drops it (and says why) for a policy the reference cannot run.
    const invariants = impl !== undefined && wantRef ? [...selected, agreesWithReference(tolerance)] : selected;
    const store = failuresDir === '' ? null : failureStore(failuresDir);
    const saved = store?.load() ?? [];
    for (const p of store?.problems ?? []) io.err(`liqcheck: skipped saved failure ${p.file}: ${p.message}\n`);
    // Only the failures recorded under this run's policy are replayed: another policy's are kept
    // for the runs under it.
    const replay = saved.filter((f) => isUnder(declaration, f.scenario));
    const elsewhere = saved.length - replay.length;
    const record = (id: string, cx: Counterexample): FailureRecord => ({
      scenario: cx.scenario,
      invariants: [id],
      message: cx.message,
      engine: { name: engine.name, ...(engine.version ? { version: engine.version } : {}) },
      seed: cx.seed,
      path: cx.path,
    });

    const shardNote = shard.count > 1 ? ` (shard ${shard.index + 1}/${shard.count})` : '';
    io.out(`liqcheck check — ${engine.name}${engine.version ? ` ${engine.version}` : ''} (${opened.kind}, policy ${engine.policy}), ${paramsNote}, ${runs} scenarios${shardNote}, seed ${seed}\n`);
    io.out(`${policyLine(declaration)}\n`);
    if (elsewhere > 0) io.out(`${elsewhere} saved failure(s) in ${failuresDir} were recorded under another policy: not replayed (a run under theirs replays them)\n`);
    io.out('\n');
    const progress = progressFor(io, 'check', 'scenarios');
    const report = await withInterrupt(io, (signal) =>
      runCatalog({
        engine,
        // The engine gets the policy it declared (and the book or requests its parts read) in every scenario.
        scenarios: scenariosFor(declaration, pinned === undefined && declaration.params === undefined ? defaultRunScenarios() : scenario({ params: fc.constant(params), ...valued(declaration) })),
        runs,
        seed,
        invariants,
        shard,
        replay,
        relationsEvery,
        // Labels describe the scenario: the reference's own answer is read as it is, any other
        // engine's answer (possibly wrong) is not, and classify runs the reference itself.
        classify: (s: Scenario, answer: Answer) => classify(s, opened.kind === 'reference' && !isEngineFailure(answer) ? answer : undefined),
        signal,
        // Saved the moment it is found, then replaced by its shrunk form: a kill -9 keeps it.
        ...(store ? { onCounterexample: (id: string, cx: Counterexample, stage: 'found' | 'shrunk') => void (cx.file = store[stage](id, record(id, cx))) } : {}),
        ...(opened.requiredFeatures ? { requiredFeatures: opened.requiredFeatures } : {}),
        onCase: progress.update,
      }),
    );
    progress.finish();
    io.out(formatReport(report));
    const replayArgs = `${impl ? ` --impl ${JSON.stringify(impl)}` : ''}${paramsFile ? ` --params ${paramsFile}` : ''}${policyFile ? ` --policy ${policyFile}` : ''}${profileName ? ` --profile ${profileName}` : ''}${shard.count > 1 ? ` --shard ${shard.index + 1}/${shard.count}` : ''}${relationsEvery !== DEFAULT_RELATIONS_EVERY ? ` --relations-every ${relationsEvery}` : ''}`;
    for (const t of report.tallies) {
      const cx = t.counterexample;
      if (!cx) continue;
      io.out(`\n✗ ${t.id} ${t.title} — ${t.violations} case(s)${report.interrupted || report.stoppedEarly ? ' (not shrunk: the run was stopped)' : ''}\n${indent(cx.message)}\n`);
      // The saved fixture holds the shrunk scenario; print it inline only when nothing was saved.
      if (cx.file) io.out(`  saved as:        ${cx.file}\n  replay:          npx liqcheck replay ${cx.file}${impl ? ` --impl ${JSON.stringify(impl)}` : ''}\n`);
      else io.out(`  shrunk scenario: ${JSON.stringify(cx.scenario)}\n`);
      io.out(`  or rerun:        npx liqcheck check${replayArgs} --seed ${seed} --runs ${runs} --invariants ${t.id}\n`);
    }
    const broke = report.engineFailures;
    if (broke.count > 0) {
      io.out(`\n✗ the engine crashed, hung or broke the protocol on ${broke.count} request(s); the first:\n`);
      for (const f of broke.examples) {
        io.out(`  ${f.code}: ${indent(f.message).trimStart()}\n  input: ${JSON.stringify(f.scenario)}\n`);
      }
    }
    // A run that judged no scenario proved nothing (every one needed a feature the engine lacks):
    // never a pass, and the reports say so.
    const judgedNone = report.cases === 0 && report.runs > 0 && report.interrupted === undefined;
    if (judgedNone) io.out(`\n✗ no scenario was judged: the engine supports none of the features the ${report.unsupported} generated scenario(s) need (its features: ${opened.engine.features?.join(', ') || 'none'}; docs/protocol.md#features)\n`);
    writeReports(judgedNone ? { ...report, ok: false } : report);
    if (report.interrupted) return SIGNAL_EXIT[report.interrupted];
    if (broke.count > 0) return EXIT.engine;
    return report.ok && !judgedNone ? EXIT.ok : EXIT.violation;
  } catch (e) {
    // A configuration error found once the engine runs (exit 2) still leaves a red report.
    if (e instanceof UsageError) {
      // The report names the engine; the rest of it (its entry points, its parsed policy) is no JSON.
      const { name, version, policy } = opened.engine;
      writeReports(unstartedReport({ name, ...(version ? { version } : {}), policy }, { seed, runs, shard }, `configuration error: ${e.message}`));
    }
    throw e;
  } finally {
    await opened.close();
  }
}

/** The reference itself, under its own policy (no `policy` field in its scenarios). */
const REFERENCE_DECLARATION: Declaration = { name: REFERENCE_POLICY_NAME, policy: REFERENCE_POLICY, wire: {} };

interface GivenPolicy {
  /** how the user gave it, for messages: `--policy FILE` or `--profile NAME` */
  readonly option: string;
  readonly declaration: Declaration;
}

/**
 * The policy a run judges by: the engine's declaration, or `--policy`'s (`--profile`'s) — for the reference, or
 * standing in for an engine that declared none (`unspecified`). An engine that declared another
 * policy than the file is a usage error: which of the two is meant cannot be guessed.
 */
function runDeclaration(opened: OpenedEngine, file: GivenPolicy | undefined): Declaration {
  if (file === undefined) return opened.declaration;
  const declared = opened.declaration;
  if (opened.kind === 'reference' || (declared.policy === null && declared.name === 'unspecified')) return file.declaration;
  // The same rules: the engine's declaration, with a profile's params when the option gave one.
  if (declared.policy !== null && file.declaration.policy !== null && sameRules(declared.policy, file.declaration.policy)) {
    return declared.params === undefined && file.declaration.params !== undefined ? { ...declared, profile: file.declaration.profile!, params: file.declaration.params } : declared;
  }
  const parts = (d: Declaration): string => (d.policy === null ? 'which the reference does not know' : describeParts(d.policy).join('; '));
  throw new UsageError(
    `${file.option} is policy ${file.declaration.name} (${parts(file.declaration)}), but the engine's handshake declares policy ${declared.name} (${parts(declared)}): drop ${file.option.split(' ')[0]} to judge the engine by its own declaration, or make the engine declare that policy`,
  );
}

/** The policy line of the header: its name and parts, or that the reference cannot run it. */
function policyLine(d: Declaration): string {
  if (d.policy === null) return `policy ${d.name}: the reference cannot run it; judged by the invariants that presume nothing (spec §10.7)`;
  return `policy ${d.name}: ${describeParts(d.policy).join('; ')}`;
}

function indent(s: string): string {
  return s.split('\n').map((l) => `  ${l}`).join('\n');
}

export function formatReport(r: CatalogReport): string {
  const head = `  ${'id'.padEnd(8)} ${'invariant'.padEnd(52)} ${'cases'.padStart(7)} ${'skipped'.padStart(8)} ${'violated'.padStart(9)} ${'ms'.padStart(9)}`;
  const rows = r.tallies.map((t) => {
    const mark = t.violations > 0 ? '✗' : '✓';
    return `${mark} ${t.id.padEnd(8)} ${t.title.slice(0, 52).padEnd(52)} ${String(t.checked).padStart(7)} ${String(t.skipped).padStart(8)} ${String(t.violations).padStart(9)} ${t.ms.toFixed(1).padStart(9)}`;
  });
  const failed = r.tallies.filter((t) => t.violations > 0).length;
  const notes = [
    r.replayed > 0 ? `replayed ${r.replayed} saved failure(s) first` : '',
    r.unsupported > 0 ? `skipped ${r.unsupported} scenario(s) that need features the engine does not support` : '',
    r.notJudged !== undefined && r.notJudged.length > 0 ? `${r.tallies.length} of ${r.tallies.length + r.notJudged.length} invariants judged under policy ${r.engine.policy}` : '',
    ...derivationLines(r),
    (r.relationsEvery ?? 1) > 1 ? `relation invariants judged on 1 generated case in ${r.relationsEvery} and on every saved failure (their skipped count includes the others; --relations-every 1 judges all)` : '',
  ].filter(Boolean);
  const held = r.cases === 0 && r.runs > 0
    ? `No scenario was judged (${formatDuration(r.ms)}): NOT a pass.`
    : failed === 0
    ? `All ${r.tallies.length} invariants held on ${r.cases} scenarios (${formatDuration(r.ms)}).`
    : `${failed} of ${r.tallies.length} invariants violated on ${r.cases} scenarios (${formatDuration(r.ms)}).`;
  const verdict = r.interrupted
    ? `Interrupted by ${r.interrupted} after ${r.cases} of ${Math.ceil(r.runs / r.shard.count)} scenarios: NOT a pass. ${held.replace('All ', 'So far all ')}`
    : r.stoppedEarly
      ? `Stopped ${r.stoppedEarly}: NOT a pass. ${held}`
      : held;
  const dist = Object.entries(r.labels)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k} ${formatShare(n, r.cases)}`)
    .join(' · ');
  return `${head}\n${rows.join('\n')}\n\n${dist ? `cases: ${dist}\n` : ''}${notes.map((n) => `${n}\n`).join('')}${verdict}\n`;
}
