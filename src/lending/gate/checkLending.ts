/**
 * `liqcheck check --profile NAME` when NAME is a lending profile (profiles/lending/, or a lending
 * profile file): the lending catalog (spec §11) on `lendingScenario({ params: profile.params })`,
 * against the reference or, with `--impl ENGINE`, against an engine — then also LREF-001, every
 * field equal to the reference's. Exit 0 all held, 1 a violation or no scenario judged, 2 a usage
 * error (a bad profile, an option that does not apply, an engine that is no lending engine for this
 * profile), 3 the engine could not be started or gave no answer, 130/143 stopped by SIGINT/SIGTERM
 * (src/cli/interrupt.ts). A progress line on stderr as the perp check prints it; `--failures DIR`
 * saves counterexamples as found and replays this profile's first (lendingFailureStore.ts).
 * @see docs/profiles/README.md#lending-profiles
 * @see docs/protocol.md#lending-scenarios-feature-lending
 */
import fc from 'fast-check';
import { openEngine, type EngineHandle } from '../../adapters/openEngine.ts';
import type { Io } from '../../cli/commands/check.ts';
import { SIGNAL_EXIT, withInterrupt } from '../../cli/interrupt.ts';
import { intOption } from '../../cli/options.ts';
import { progressFor } from '../../cli/progress.ts';
import { EXIT, UsageError } from '../../cli/usageError.ts';
import { unwritableOutput } from '../../io/assertWritable.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import { paramsFileMessage } from '../../params/readParamsFile.ts';
import { lendingScenario } from '../arbitraries/lendingScenario.ts';
import { LENDING_CATALOG, LENDING_WELL_FORMED } from '../invariants/catalog.ts';
import type { AsyncLendingEngine } from '../invariants/checkLendingCase.ts';
import type { LendingInvariant } from '../invariants/invariant.ts';
import { liquidateLending } from '../liquidateLending.ts';
import type { LendingProfileRead, LoadedLendingProfile } from '../profiles/readLendingProfile.ts';
import { agreesWithLendingReference } from './agreesWithLendingReference.ts';
import { formatLendingReport } from './formatLendingReport.ts';
import { lendingEngineOf, lendingHandshakeProblems } from './lendingEngineOf.ts';
import { lendingCheckReport } from './lendingCheckReport.ts';
import { lendingFailureStore } from './lendingFailureStore.ts';
import { runLendingCatalog, type LendingCounterexample } from './runLendingCatalog.ts';

/** Cases judged at once against an engine behind an adapter: the perp gate's (src/gate/openImpl.ts). */
const ENGINE_WINDOW = 16;

/** The perp options a lending run has no use for: refused, not silently ignored. */
const PERP_ONLY = ['params', 'policy', 'shard', 'tolerance-quote', 'tolerance-lots', 'relations-every', 'junit'] as const;

function selectLendingInvariants(raw: string | undefined, withImpl: boolean): readonly LendingInvariant[] {
  const all = withImpl ? [...LENDING_CATALOG, agreesWithLendingReference] : LENDING_CATALOG;
  if (raw === undefined) return all;
  const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const known = [LENDING_WELL_FORMED.id, ...all.map((i) => i.id)];
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new UsageError(`--invariants: unknown lending id(s) ${unknown.join(', ') || '(none given)'}; known: ${known.join(', ')}${withImpl ? '' : ' (LREF-001 with --impl)'}`);
  }
  return all.filter((i) => ids.includes(i.id));
}

/** Runs `check` for the lending profile `arg` (already read as `read`), options as parsed by check. */
export async function checkLending(values: Readonly<Record<string, unknown>>, io: Io, arg: string, read: LendingProfileRead): Promise<number> {
  if (!read.ok) throw new UsageError(`--profile ${paramsFileMessage(arg, read.issues)}`);
  const profile = read.profile;
  for (const o of PERP_ONLY) {
    if (values[o] !== undefined) throw new UsageError(`--${o}: not available with a lending profile (${profile.wire.name} is a lending market, spec §11; see docs/profiles/README.md#lending-profiles)`);
  }
  const jsonFile = values['json'] as string | undefined;
  const unwritable = unwritableOutput([{ option: '--json', path: jsonFile }]);
  if (unwritable !== null) throw new UsageError(unwritable);
  const runs = intOption(values, 'runs', 1000, 1, 100_000_000);
  const seed = intOption(values, 'seed', process.env['CI'] ? 20261125 : Math.floor(Math.random() * 2 ** 31), -(2 ** 31), 2 ** 31 - 1);
  const timeoutMs = intOption(values, 'timeout', 5000, 1, 3_600_000);
  const impl = values['impl'] as string | undefined;
  const invariants = selectLendingInvariants(values['invariants'] as string | undefined, impl !== undefined);

  const failuresDir = (values['failures'] as string | undefined) ?? '';
  const unwritableDir = failuresDir === '' ? null : unwritableOutput([{ option: '--failures', path: failuresDir, kind: 'directory', createsParents: true }]);
  if (unwritableDir !== null) throw new UsageError(unwritableDir);

  let handle: EngineHandle | undefined;
  if (impl !== undefined) {
    try {
      handle = await openEngine(impl, { timeoutMs });
    } catch (e) {
      io.err(`liqcheck: the engine could not be started: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT.engine;
    }
  }
  try {
    if (handle !== undefined) {
      const problems = lendingHandshakeProblems(handle, profile.wire.name);
      if (problems.length > 0) throw new UsageError(`${impl} cannot be judged under the lending profile ${profile.wire.name}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    }
    const engine: AsyncLendingEngine = handle === undefined ? async (sc) => liquidateLending(sc) : lendingEngineOf(handle);
    const who = handle === undefined ? 'reference (liquidateLending)' : `${handle.name}${handle.version ? ` ${handle.version}` : ''} (${handle.kind})`;
    const store = failuresDir === '' ? null : lendingFailureStore(failuresDir, profile.wire.name);
    for (const p of store?.problems ?? []) io.err(`liqcheck: skipped saved lending failure ${p.file}: ${p.message}\n`);
    io.out(`liqcheck check — ${who}, lending profile ${profile.wire.name} (${describeProfile(profile)}), ${runs} scenarios, seed ${seed}\n`);
    if (store !== null && store.otherProfiles > 0) io.out(`${store.otherProfiles} saved lending failure(s) in ${failuresDir} were recorded under another lending profile: not replayed (a run of theirs replays them)\n`);
    if (store !== null && store.notLending > 0) io.out(`${store.notLending} other file(s) in ${failuresDir} are no lending failures (perp fixtures or others): left alone\n`);
    io.out('\n');
    const progress = progressFor(io, 'check', 'scenarios');
    const handleOf = handle;
    const report = await withInterrupt(io, (signal) =>
      runLendingCatalog({
        engine,
        scenarios: lendingScenario({ params: fc.constant(profile.params) }),
        runs,
        seed,
        invariants,
        kind: profile.params.rules.kind,
        // An out-of-process engine pipelines its requests; the in-process reference gains nothing.
        concurrency: handleOf === undefined ? 1 : ENGINE_WINDOW,
        replay: store?.replay ?? [],
        signal,
        ...(handleOf === undefined ? {} : { gaveUp: () => handleOf.stats?.().gaveUp ?? null }),
        // Saved the moment it is found, then replaced by its shrunk form: a kill -9 keeps it.
        ...(store === null ? {} : { onCounterexample: (id: string, cx: LendingCounterexample, stage: 'found' | 'shrunk') => store[stage](id, cx.scenario, cx.message) }),
        onCase: progress.update,
      }),
    );
    progress.finish();
    io.out(formatLendingReport(report));
    const rerun = `npx liqcheck check --profile ${arg} --seed ${seed} --runs ${runs}${impl ? ` --impl ${JSON.stringify(impl)}` : ''}`;
    const stopped = report.interrupted !== undefined || report.stoppedEarly !== undefined;
    for (const t of report.tallies) {
      const cx = t.counterexample;
      if (!cx) continue;
      const how = cx.shrunk ? '' : stopped ? ' (not shrunk: the run was stopped)' : cx.seed === undefined ? ' (a saved failure, replayed)' : ' (not shrunk: the violation did not recur)';
      io.out(`\n✗ ${t.id} ${t.title} — ${t.violations} case(s)${how}\n${indent(cx.message)}\n`);
      io.out(`  scenario: ${JSON.stringify(cx.scenario)}\n`);
      if (cx.file !== undefined) io.out(`  saved as: ${cx.file}\n`);
      io.out(`  rerun:    ${rerun}\n`);
    }
    const broke = report.engineFailures;
    if (broke.count > 0) {
      io.out(`\n✗ the engine crashed, hung or broke the protocol on ${broke.count} case(s); the first:\n`);
      for (const f of broke.examples) io.out(`  ${indent(f.message).trimStart()}\n  input: ${JSON.stringify(f.scenario)}\n`);
      io.out(`  rerun:    ${rerun}\n`);
    }
    // A run that judged no scenario proved nothing: never a pass (the report's `ok` says so too).
    const judgedNone = report.judged === 0 && report.interrupted === undefined;
    if (judgedNone) io.out(`\n✗ no scenario was judged: the engine answered none of the ${report.cases} case(s) run\n`);
    if (jsonFile) writeFileAtomic(jsonFile, `${JSON.stringify(lendingCheckReport(report, { profile: profile.wire.name, engine: handle === undefined ? { name: 'reference', kind: 'reference' } : { name: handle.name, version: handle.version, kind: handle.kind } }), null, 2)}\n`);
    if (report.interrupted) return SIGNAL_EXIT[report.interrupted];
    if (broke.count > 0) return EXIT.engine;
    return report.ok ? EXIT.ok : EXIT.violation;
  } finally {
    await handle?.close();
  }
}

function describeProfile(p: LoadedLendingProfile): string {
  return `rules ${p.params.rules.kind}; assets ${Object.keys(p.params.assets).join(', ')}`;
}

function indent(s: string): string {
  return s.split('\n').map((l) => `  ${l}`).join('\n');
}
