/**
 * What the tests of the committed suites of one kind (fixtures/<folder>/<profile>: inverse,
 * multi-asset) share: the suites read from disk, and the checks every such suite passes —
 * package.json regenerates them with exactly the commands their manifests record, each
 * regenerates byte for byte with exactly the accepted shortfalls, verifies and replays against
 * the reference, and `liqcheck fixtures verify` exits 0 on it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../src/cli/__support__/runCli.ts';
import { canonicalFile } from '../src/fixtures/canonicalJson.ts';
import { REFERENCE_ENGINE } from '../src/fixtures/engineFor.ts';
import { caseFiles } from '../src/fixtures/failureDb.ts';
import type { Fixture, Manifest } from '../src/fixtures/format.ts';
import { generateSuite } from '../src/fixtures/generate.ts';
import { verifyDir } from '../src/fixtures/verify.ts';
import type { Scenario } from '../src/model/types.ts';
import { profileNamed } from '../src/profiles/profiles.ts';

export const root = new URL('..', import.meta.url).pathname;

export interface CommittedSuite<P extends string> {
  readonly profile: P;
  readonly dir: string;
  readonly manifest: Manifest;
  readonly cases: readonly { readonly file: string; readonly text: string; readonly fixture: Fixture }[];
}

/** The directory of `profile`'s committed suite under fixtures/`folder`. */
export const suiteDir = (folder: string, profile: string): string => join(root, 'fixtures', folder, profile);

/** The committed suites of `profiles` under fixtures/`folder`, read from disk. */
export function readSuites<P extends string>(folder: string, profiles: readonly P[]): CommittedSuite<P>[] {
  return profiles.map((profile) => {
    const dir = suiteDir(folder, profile);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const cases = caseFiles(dir).map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return { file, text, fixture: JSON.parse(text) as Fixture };
    });
    return { profile, dir, manifest, cases };
  });
}

/** `--name value` of the recorded command. */
export const option = (command: string, name: string): string => {
  const m = new RegExp(`--${name} (\\S+)`).exec(command);
  if (m === null) throw new Error(`${command}: no --${name}`);
  return m[1]!;
};

/** A recipe's accepted shortfall: why, and how many cases it found. */
export interface Accepted {
  readonly why: string;
  readonly found: number;
}

export interface SuiteChecks<P extends string> {
  /** the suites' folder under fixtures/, also the suffix of their package.json script fixtures:generate:<folder> */
  readonly folder: string;
  readonly suites: readonly CommittedSuite<P>[];
  /** the accepted shortfalls of `profile`'s suite, by recipe */
  readonly accepted: (profile: P) => Readonly<Record<string, Accepted>>;
  /** test timeouts in ms: regeneration, replay, the CLI's verify */
  readonly timeouts: { readonly regenerate: number; readonly verify?: number; readonly cli: number };
}

/** The checks every committed suite of a kind passes (inside the caller's describe). */
export function itChecksCommittedSuites<P extends string>(c: SuiteChecks<P>): void {
  const { folder, suites } = c;
  const bySuite = suites.map((s) => [s.profile, s] as const);

  it(`package.json fixtures:generate:${folder} runs exactly the commands the manifests record`, () => {
    const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[`fixtures:generate:${folder}`]!;
    const commands = script.split(' && ').map((x) => x.replace(/^node bin\/liqcheck\.mjs /, 'liqcheck '));
    expect(commands).toEqual(suites.map((s) => s.manifest.command));
    for (const s of suites) {
      expect(option(s.manifest.command, 'profile')).toBe(s.profile);
      expect(option(s.manifest.command, 'out')).toBe(`fixtures/${folder}/${s.profile}`);
    }
  });

  it.each(bySuite)('%s regenerates byte for byte, its shortfalls exactly the accepted ones', (profile, s) => {
    const command = s.manifest.command;
    const p = profileNamed(profile)!;
    const accepted = c.accepted(profile);
    const regenerated = generateSuite({ params: p.params, policy: p.wire.policy, count: Number(option(command, 'count')), seed: Number(option(command, 'seed')), command });
    expect(regenerated.shortfalls.map((x) => x.recipe).sort()).toEqual(Object.keys(accepted).sort());
    for (const x of regenerated.shortfalls) expect(x.found, `${profile}: ${x.recipe} (${accepted[x.recipe]!.why})`).toBe(accepted[x.recipe]!.found);
    expect(regenerated.cases.map((x) => x.file)).toEqual(s.cases.map((x) => x.file));
    for (const [i, x] of regenerated.cases.entries()) expect(x.text, x.file).toBe(s.cases[i]!.text);
    expect(canonicalFile(regenerated.manifest)).toBe(readFileSync(join(s.dir, 'manifest.json'), 'utf8'));
  }, c.timeouts.regenerate);

  it.each(bySuite)('%s verifies and replays against the reference', async (_profile, s) => {
    const r = await verifyDir(s.dir, { engine: REFERENCE_ENGINE.run, match: 'exact' });
    expect(r.problems).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.manifest).toBe('checked');
    expect(r.passed).toBe(s.cases.length);
    expect(s.cases.length).toBeGreaterThanOrEqual(40);
  }, c.timeouts.verify);

  it.each(suites.map((s) => [s.profile] as const))(`liqcheck fixtures verify fixtures/${folder}/%s exits 0`, async (profile) => {
    const v = await runCli(['fixtures', 'verify', suiteDir(folder, profile)]);
    expect(v.err).not.toMatch(/Error: |\n\s+at /);
    expect(v.code, v.out + v.err).toBe(0);
  }, c.timeouts.cli);
}

/** The valid cases of `s` (at least one), each flagged `flag` and under its profile's policy. */
export function expectValidCasesFlagged<P extends string>(s: CommittedSuite<P>, flag: string): CommittedSuite<P>['cases'] {
  const valid = s.cases.filter((c) => 'expected' in c.fixture);
  expect(valid.length, s.profile).toBeGreaterThan(0);
  for (const c of valid) {
    expect(c.fixture.flags, c.file).toContain(flag);
    expect((c.fixture.input as Scenario).policy, c.file).toEqual(profileNamed(s.profile)!.wire.policy);
  }
  return valid;
}
