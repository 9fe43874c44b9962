/**
 * The venue-profile commands (issue 12 items 1, 2, 5): `liqcheck profiles` (text and --json,
 * the JSON checked by ajv against the committed schema), `check --profile` (the reference
 * configured as the profile, judged by its promises; an unknown name and a bad file exit 2), a
 * module engine whose handshake names a profile (sent the profile's policy and params, REF-001
 * judged), `params check` on a profile file, and the README's profile table and commands.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/__support__/runCli.ts';
import { profileList } from '../src/profiles/profiles.ts';
import { withProfileTable } from '../src/profiles/profileSummary.ts';
import { pasteInProcess } from './pasteInProcess.ts';
import { shell } from './shell.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const TINY = join(ROOT, 'src/profiles/__fixtures__/tiny-venue.json');
const BAD = join(ROOT, 'src/profiles/__fixtures__/bad-venue.json');
const SHIPPED = profileList();
/** A shipped profile for the tests that need one: dYdX v4 (the README's example) when it is there. */
const SOME = SHIPPED.find((p) => p.wire.name === 'dydx-v4') ?? SHIPPED[0]!;

const sh = shell;

describe('liqcheck profiles', () => {
  it('lists every shipped profile: name, venue, policy parts, first source', async () => {
    const r = await runCli(['profiles']);
    expect(r.code, r.err).toBe(0);
    expect(SHIPPED.length).toBeGreaterThan(0);
    for (const p of SHIPPED) {
      expect(r.out).toContain(`${p.wire.name} — ${p.wire.venue}`);
      expect(r.out).toContain(`  source: ${p.wire.sources[0]!.where}`);
    }
    // describeParts' words, checked on the file's own policy: the close-size kind written in it.
    expect(r.out).toContain(`close size ${SOME.wire.policy.closeSize?.kind ?? 'minimal'}`);
  });

  it('--json is the documented shape (ajv against fixtures/schema/profile-list-1.schema.json)', async () => {
    const r = await runCli(['profiles', '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { format: string; profiles: { name: string; venue: string; sources: unknown[] }[] };
    const schema = JSON.parse(readFileSync(join(ROOT, 'fixtures/schema/profile-list-1.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.format).toBe('liqcheck-profiles/1');
    expect(doc.profiles.map((p) => p.name)).toEqual(SHIPPED.map((p) => p.wire.name));
    expect(doc.profiles.map((p) => p.sources)).toEqual(SHIPPED.map((p) => p.wire.sources));
  });

  it('a profile file validates against fixtures/schema/profile-1.schema.json, and a bad one does not', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'fixtures/schema/profile-1.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate(JSON.parse(readFileSync(TINY, 'utf8')))).toBe(true);
    expect(validate({ ...(JSON.parse(readFileSync(TINY, 'utf8')) as object), venue: '' })).toBe(false);
  });
});

describe('check --profile', () => {
  it("runs the reference as the profile: its policy's promises judged, its params used", async () => {
    const r = await runCli(['check', '--profile', TINY, '--runs', '60', '--seed', '12', '--failures', '']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain("profile tiny-venue's params (TINY-PERP)");
    expect(r.out).toContain('policy tiny-venue: requirement tiers (valuation mark, lossBuffer 0); close size fixed-portion (portion 0.1, minimumNotional 50)');
    // fixed-portion promises portion-sized closes (LIQ-019), not minimal ones (LIQ-004): spec §10.7.
    expect(r.out).toMatch(/✓ LIQ-019 .* 60 /);
    expect(r.out).toContain('not judged: LIQ-004 minimal close size (presumes minimal');
  }, 120_000);

  it('an unknown name is a usage error listing the known profiles (exit 2)', async () => {
    const r = await runCli(['check', '--profile', 'no-such-venue']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown profile "no-such-venue"; known profiles: ');
    for (const p of SHIPPED) expect(r.err).toContain(p.wire.name);
  });

  it('a bad profile file is a usage error, each problem as path: expected …, received … (exit 2)', async () => {
    const r = await runCli(['check', '--profile', BAD]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('2 problem(s)');
    expect(r.err).toContain('policy.closeSize.portion: expected a decimal with 0 < x ≤ 1, received "1.5"');
    expect(r.err).toContain('params.markets["TINY-PERP"].tiers[1].maintenanceAmount: expected maintenanceAmount = 10 (continuous with tier 0), received "3"');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('--profile with --policy is a usage error', async () => {
    const r = await runCli(['check', '--profile', TINY, '--policy', TINY]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--policy and --profile');
  });
});

describe('an engine whose handshake names a profile', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'liqcheck-profile-engine-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    // The reference, but it refuses (throws: an engine failure, exit 3) any scenario that does not
    // carry the profile's policy and the profile's markets: so exit 0 shows what it was sent.
    const engine = (policy: string, pickyFor: string) => `import { readFileSync } from 'node:fs';
import { liquidate as reference } from ${JSON.stringify(join(ROOT, 'src/index.ts'))};
const profile = JSON.parse(readFileSync(${JSON.stringify(pickyFor)}, 'utf8'));
export const name = 'venue-engine';
export const policy = ${JSON.stringify(policy)};
export function liquidate(s) {
  if (JSON.stringify(s.policy) !== JSON.stringify(profile.policy)) throw new Error('not the profile policy: ' + JSON.stringify(s.policy));
  if (JSON.stringify(Object.keys(s.params.markets)) !== JSON.stringify(Object.keys(profile.params.markets))) throw new Error('not the profile params');
  return reference(s);
}
`;
    writeFileSync(join(dir, 'venue.ts'), engine(SOME.wire.name, SOME.file));
    writeFileSync(join(dir, 'other.ts'), engine('minimal-close', SOME.file));
    // A wrong port: declares the profile but liquidates as the reference policy (drops `policy`).
    writeFileSync(join(dir, 'wrong.ts'), `import { liquidate as reference } from ${JSON.stringify(join(ROOT, 'src/index.ts'))};
export const name = 'wrong-port';
export const policy = ${JSON.stringify(SOME.wire.name)};
export function liquidate(s) { const { policy: _p, book: _b, requests: _r, ...rest } = s; return reference(rest); }
`);
  });

  it("catches an engine that declares the profile but ignores its policy (REF-001, exit 1)", async () => {
    const r = await runCli(['check', '--impl', join(dir, 'wrong.ts'), '--runs', '100', '--seed', '5', '--failures', '', '--invariants', 'REF-001']);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toMatch(/✗ REF-001 /);
  }, 180_000);

  it("gets the profile's scenarios and REF-001 against the reference configured as the profile", async () => {
    const r = await runCli(['check', '--impl', join(dir, 'venue.ts'), '--runs', '40', '--seed', '5', '--failures', '']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain(`(module, policy ${SOME.wire.name}), profile ${SOME.wire.name}'s params`);
    expect(r.out).toMatch(/✓ REF-001 .* 40 /);
  }, 120_000);

  it('--profile that the handshake contradicts is a usage error naming both (exit 2)', async () => {
    const r = await runCli(['check', '--impl', join(dir, 'other.ts'), '--profile', SOME.wire.name, '--runs', '5', '--failures', '']);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toContain(`--profile ${SOME.wire.name} is policy ${SOME.wire.name}`);
    expect(r.err).toContain("but the engine's handshake declares policy minimal-close");
  }, 60_000);
});

describe('fixtures generate --profile', () => {
  it("writes a suite whose every valid case carries the profile's policy and params, the same bytes on 1 and 2 workers, verified by the reference", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqcheck-profile-suite-'));
    const one = await runCli(['fixtures', 'generate', '--profile', TINY, '--count', '40', '--seed', '9', '--out', join(dir, 'one')]);
    expect(one.code, one.err).toBe(0);
    const two = await runCli(['fixtures', 'generate', '--profile', TINY, '--count', '40', '--seed', '9', '--workers', '2', '--out', join(dir, 'two')]);
    expect(two.code, two.err).toBe(0);
    const files = readdirSync(join(dir, 'one')).filter((f) => f !== 'manifest.json');
    expect(readdirSync(join(dir, 'two')).filter((f) => f !== 'manifest.json')).toEqual(files);
    const tiny = JSON.parse(readFileSync(TINY, 'utf8')) as { policy: { name: string }; params: { markets: object } };
    let valid = 0;
    for (const f of files) {
      expect(readFileSync(join(dir, 'two', f), 'utf8'), f).toBe(readFileSync(join(dir, 'one', f), 'utf8'));
      const c = JSON.parse(readFileSync(join(dir, 'one', f), 'utf8')) as { input: { policy?: { name?: string }; params?: { markets?: object } }; expected?: unknown };
      if (c.expected === undefined) continue; // an invalid-input case: its input is broken on purpose
      valid++;
      expect(c.input.policy?.name, f).toBe(tiny.policy.name);
      expect(Object.keys(c.input.params?.markets ?? {}), f).toEqual(Object.keys(tiny.params.markets));
    }
    expect(valid).toBeGreaterThan(20);
    expect(JSON.parse(readFileSync(join(dir, 'one', 'manifest.json'), 'utf8')).command).toContain(`--profile ${TINY}`);
    const verified = await runCli(['fixtures', 'verify', join(dir, 'one')]);
    expect(verified.code, verified.out).toBe(0);
  }, 240_000);
});

describe('params check on a profile file', () => {
  it("checks its policy and its params; a bad one exits 2 with the problems", async () => {
    const ok = await runCli(['params', 'check', TINY]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('profile tiny-venue, policy tiny-fixed-portion: requirement tiers');
    expect(ok.out).toContain('1 market(s), 1 tier(s), 1 penalty step(s)');
    const bad = await runCli(['params', 'check', BAD]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('policy.closeSize.portion: expected a decimal with 0 < x ≤ 1, received "1.5"');
  });
});

describe('README: venue profiles', () => {
  const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
  it('the profile table is the one generated from profiles/*.json (run `npm run catalog`)', () => {
    expect(README).toBe(withProfileTable(README, SHIPPED));
  });

  // As pasted: split as the shell splits each line, then the CLI's main in-process
  // (properties/pasteInProcess.ts); the binary around main is tested where the process is the subject.
  describe('its commands, pasted', () => {
    let tmp = '';
    const paste = (line: string) => pasteInProcess(line, tmp);
    beforeAll(() => {
      tmp = mkdtempSync(join(tmpdir(), 'liqcheck-readme-profiles-'));
      writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(tmp, 'my-engine.ts'), `export { liquidate } from ${JSON.stringify(join(ROOT, 'src/index.ts'))};\nexport const name: string = 'my-engine';\n`);
    });
    it('npx liqcheck profiles and npx liqcheck profiles --json', async () => {
      const text = await paste('npx liqcheck profiles');
      expect(text.code, text.err).toBe(0);
      expect(text.out).toContain('dydx-v4 — ');
      const json = await paste('npx liqcheck profiles --json');
      expect(json.code, json.err).toBe(0);
      expect((JSON.parse(json.out) as { profiles: { name: string }[] }).profiles.map((p) => p.name)).toContain('dydx-v4');
    }, 120_000);
    it('npx liqcheck check --profile dydx-v4, and with --impl ./my-engine.ts', async () => {
      const ref = await paste('npx liqcheck check --profile dydx-v4 --runs 30 --failures ""');
      expect(ref.code, ref.out + ref.err).toBe(0);
      expect(ref.out).toContain('policy dydx-v4: ');
      const impl = await paste('npx liqcheck check --profile dydx-v4 --impl ./my-engine.ts --runs 30 --failures ""');
      expect(impl.code, impl.out + impl.err).toBe(0);
      expect(impl.out).toMatch(/✓ REF-001 .* 30 /);
    }, 240_000);
    it('npx liqcheck params check profiles/dydx-v4.json', async () => {
      const r = await pasteInProcess('npx liqcheck params check profiles/dydx-v4.json', ROOT);
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.out).toContain('profile dydx-v4, policy ');
    }, 60_000);
  });
});

describe('npm run prove:profiles (docs/profiles/README.md#example-engines-and-the-proof)', () => {
  it('runs a venue engine on every seed and each of its wrong variants, and writes the report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'liqcheck-prove-')), 'prove.json');
    const r = await sh(`npm run -s prove:profiles -- --profile hyperliquid --runs 40 --seeds 1,2 --bug-runs 300 --out ${out}`, ROOT);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/^✓ hyperliquid seed 1: 40 scenarios, differential on 40, no violation/m);
    expect(r.out).toMatch(/^✓ hyperliquid seed 2: 40 scenarios, differential on 40, no violation/m);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { ok: boolean; results: { bug: string | null; ok: boolean; violated: string[] }[] };
    expect(report.ok).toBe(true);
    const bugs = report.results.filter((x) => x.bug !== null);
    expect(bugs.length).toBeGreaterThanOrEqual(2);
    for (const b of bugs) expect(b.violated, `${b.bug}`).toContain('REF-001');
  }, 180_000);

  it('refuses a bad option with exit 2 and says what it expected', async () => {
    const r = await sh('npm run -s prove:profiles -- --runs 0', ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--runs: expected a positive integer, received "0"');
    const u = await sh('npm run -s prove:profiles -- --profile nowhere', ROOT);
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/--profile: expected one of .*dydx-v4.*, received nowhere/);
  }, 60_000);
});

describe('the venue engine commands of docs/profiles/README.md', () => {
  const engine = 'python3 examples/python/profile_engine.py --profile drift-v2';
  it('the drift-v2 engine passes under its profile; --bug base-floor fails with LIQ-003 and REF-001; --list-bugs lists it', async () => {
    const doc = readFileSync(join(ROOT, 'docs/profiles/README.md'), 'utf8');
    expect(doc).toContain(`npx liqcheck check --impl "${engine}"`);
    expect(doc).toContain(`npx liqcheck check --impl "${engine} --bug base-floor"   # exit 1: LIQ-003, REF-001`);
    expect(doc).toContain(`${engine} --list-bugs`);
    const failures = mkdtempSync(join(tmpdir(), 'liqcheck-venue-docs-'));
    // the documented lines with fewer runs, through the CLI's main in-process (the engine is its own process)
    const ok = await pasteInProcess(`npx liqcheck check --impl "${engine}" --runs 60 --seed 3 --failures ${failures}`, ROOT);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toContain('policy drift-v2');
    const bad = await pasteInProcess(`npx liqcheck check --impl "${engine} --bug base-floor" --runs 300 --seed 3 --failures ${failures} --invariants LIQ-003,REF-001`, ROOT);
    expect(bad.code, bad.out + bad.err).toBe(1);
    expect(bad.out).toMatch(/✗ LIQ-003/);
    expect(bad.out).toMatch(/✗ REF-001/);
    const list = await sh(`${engine} --list-bugs`, ROOT);
    expect(list.code, list.err).toBe(0);
    expect(Object.keys(JSON.parse(list.out) as object)).toContain('base-floor');
  }, 120_000);
});
