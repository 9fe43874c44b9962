/**
 * `liqcheck check --profile NAME` when NAME is a lending profile (profiles/lending/, or a lending
 * profile file): the lending catalog (spec §11) on `lendingScenario({ params: profile.params })`,
 * against the reference or, with `--impl ENGINE`, against an engine — then also LREF-001, every
 * field equal to the reference's. Exit 0 all held, 1 a violation, 2 a usage error (a bad profile,
 * an option that does not apply, an engine that is no lending engine for this profile), 3 the
 * engine could not be started or gave no answer.
 * @see docs/profiles/README.md#lending-profiles
 * @see docs/protocol.md#lending-scenarios-feature-lending
 */
import fc from 'fast-check';
import { openEngine, type EngineHandle } from '../../adapters/openEngine.ts';
import type { Io } from '../../cli/commands/check.ts';
import { intOption } from '../../cli/options.ts';
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
import { runLendingCatalog } from './runLendingCatalog.ts';

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
    io.out(`liqcheck check — ${who}, lending profile ${profile.wire.name} (${describeProfile(profile)}), ${runs} scenarios, seed ${seed}\n\n`);
    const report = await runLendingCatalog({ engine, scenarios: lendingScenario({ params: fc.constant(profile.params) }), runs, seed, invariants, kind: profile.params.rules.kind });
    io.out(formatLendingReport(report));
    const rerun = `npx liqcheck check --profile ${arg} --seed ${seed} --runs ${runs}${impl ? ` --impl ${JSON.stringify(impl)}` : ''}`;
    for (const t of report.tallies) {
      const cx = t.counterexample;
      if (!cx) continue;
      io.out(`\n✗ ${t.id} ${t.title} — ${t.violations} case(s)${cx.shrunk ? '' : ' (not shrunk: the violation did not recur)'}\n${indent(cx.message)}\n`);
      io.out(`  scenario: ${JSON.stringify(cx.scenario)}\n  rerun:    ${rerun}\n`);
    }
    const broke = report.engineFailures;
    if (broke.count > 0) {
      io.out(`\n✗ the engine crashed, hung or broke the protocol on ${broke.count} case(s); the first:\n`);
      for (const f of broke.examples) io.out(`  ${indent(f.message).trimStart()}\n  input: ${JSON.stringify(f.scenario)}\n`);
      io.out(`  rerun:    ${rerun}\n`);
    }
    if (jsonFile) writeFileAtomic(jsonFile, `${JSON.stringify(lendingCheckReport(report, { profile: profile.wire.name, engine: handle === undefined ? { name: 'reference', kind: 'reference' } : { name: handle.name, version: handle.version, kind: handle.kind } }), null, 2)}\n`);
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
