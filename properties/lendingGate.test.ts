/**
 * The lending model in the gate (issue 13 item 3): `liqcheck check --profile <lending profile>`
 * runs the lending catalog (spec §11) on the profile's params against the reference, or against an
 * engine through the adapters with LREF-001 added; `liqcheck profiles` lists the lending profiles.
 *
 * The wrong engine is the lending zoo's `triggerAtOne` behind the module adapter
 * (src/lending/__fixtures__/triggerAtOneEngine.ts): the gate must name its ids, LREF-001 among
 * them, and print the rerun line; the reference behind the same adapter must pass, LREF-001
 * included, so a detection is the engine's bug and never the adapter's.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/__support__/runCli.ts';
import { lendingScenario } from '../src/lending/arbitraries/lendingScenario.ts';
import { LENDING_CATALOG } from '../src/lending/invariants/catalog.ts';
import { checkLendingCase, checkLendingCaseAsync } from '../src/lending/invariants/checkLendingCase.ts';
import { liquidateLending } from '../src/lending/liquidateLending.ts';
import { LENDING_ZOO } from '../src/lending/zoo/index.ts';
import { lendingProfileNamed } from '../src/lending/profiles/index.ts';
import type { LendingScenario } from '../src/wire/lending.ts';
import { pasteInProcess } from './pasteInProcess.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'src/lending/__fixtures__');
const engine = (file: string): string => join(FIXTURES, file);
const TIMEOUT = 120_000;

/** The table row of `id`: mark, id, title, then checked and violated counts. */
const row = (out: string, id: string): { mark: string; checked: number; violated: number } | undefined => {
  const m = new RegExp(`^([✓✗]) ${id.replace('-', '\\-')}\\s.*?\\s(\\d+)\\s+(\\d+)$`, 'm').exec(out);
  return m ? { mark: m[1]!, checked: Number(m[2]), violated: Number(m[3]) } : undefined;
};

describe('check --profile <lending profile> on the reference', () => {
  it('aave-v3 --runs 200 passes: every LND id of close-factor rules judged on every case, the table printed', async () => {
    const r = await runCli(['check', '--profile', 'aave-v3', '--runs', '200', '--seed', '11']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('lending profile aave-v3 (rules close-factor; assets WETH, USDC, WBTC, GHO), 200 scenarios, seed 11');
    expect(row(r.out, 'LND-000')).toEqual({ mark: '✓', checked: 200, violated: 0 });
    for (const inv of LENDING_CATALOG) {
      expect(inv.presumes).toContain('close-factor');
      expect(row(r.out, inv.id), inv.id).toEqual({ mark: '✓', checked: 200, violated: 0 });
    }
    expect(r.out).not.toContain('LREF-001');
    expect(r.out).toContain('All 14 lending invariants held on 200 scenarios.');
    expect(r.out).toMatch(/cases: .*hf=1 /);
  }, TIMEOUT);

  it('compound-v3 judges the ids that presume absorb and names the others as not judged', async () => {
    const r = await runCli(['check', '--profile', 'compound-v3', '--runs', '100', '--seed', '11']);
    expect(r.code, r.out + r.err).toBe(0);
    const closeFactorOnly = LENDING_CATALOG.filter((i) => !i.presumes.includes('absorb'));
    expect(closeFactorOnly.length).toBeGreaterThan(0);
    for (const inv of LENDING_CATALOG) {
      if (inv.presumes.includes('absorb')) expect(row(r.out, inv.id), inv.id).toEqual({ mark: '✓', checked: 100, violated: 0 });
      else expect(row(r.out, inv.id), inv.id).toBeUndefined();
    }
    expect(r.out).toContain(`not judged under these rules: ${closeFactorOnly.map((i) => `${i.id} (presumes close-factor)`).join(', ')}`);
  }, TIMEOUT);

  it('--invariants selects ids; an unknown id is a usage error (exit 2)', async () => {
    const r = await runCli(['check', '--profile', 'morpho-blue', '--runs', '30', '--seed', '2', '--invariants', 'LND-004']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(row(r.out, 'LND-004')).toEqual({ mark: '✓', checked: 30, violated: 0 });
    expect(row(r.out, 'LND-003')).toBeUndefined();
    const u = await runCli(['check', '--profile', 'morpho-blue', '--invariants', 'LND-999']);
    expect(u.code).toBe(2);
    expect(u.err).toContain('unknown lending id(s) LND-999');
  }, TIMEOUT);

  it('a perp-only option is refused (exit 2), not ignored', async () => {
    const r = await runCli(['check', '--profile', 'aave-v3', '--shard', '1/2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--shard: not available with a lending profile');
  });
});

describe('check --profile aave-v3 --impl <module engine>', () => {
  it('the zoo engine triggerAtOne fails with its ids and LREF-001 (exit 1), each counterexample with its scenario and the rerun line', async () => {
    const impl = engine('triggerAtOneEngine.ts');
    const zoo = LENDING_ZOO.find((z) => z.name === 'triggerAtOne')!;
    const r = await runCli(['check', '--profile', 'aave-v3', '--runs', '200', '--seed', '7', '--impl', impl]);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toContain('trigger-at-one 0.0.1 (module), lending profile aave-v3');
    for (const id of [...zoo.violates, 'LREF-001']) {
      expect(row(r.out, id)?.mark, id).toBe('✗');
      expect(r.out).toContain(`\n✗ ${id} `);
    }
    expect(r.out).toMatch(/✗ LREF-001 agrees with the lending reference — \d+ case\(s\)\n {2}differs from the reference at .*result\.status \("liquidated" vs "healthy"\)/);
    expect(r.out).toMatch(/ {2}scenario: \{"model":"lending",/);
    expect(r.out).toContain(`rerun:    npx liqcheck check --profile aave-v3 --seed 7 --runs 200 --impl ${JSON.stringify(impl)}`);
    // The engine's other steps are the reference's: nothing else is charged to it.
    expect(row(r.out, 'LND-004')).toEqual({ mark: '✓', checked: 200, violated: 0 });
  }, TIMEOUT);

  it('the reference behind the same adapter passes, LREF-001 judged on every case; --json writes the documented report', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'liqcheck-lending-gate-')), 'report.json');
    const r = await runCli(['check', '--profile', 'aave-v3', '--runs', '60', '--seed', '5', '--impl', engine('referenceLendingEngine.ts'), '--json', json]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(row(r.out, 'LREF-001')).toEqual({ mark: '✓', checked: 60, violated: 0 });
    const doc = JSON.parse(readFileSync(json, 'utf8')) as { format: string; profile: string; seed: number; runs: number; cases: number; ok: boolean; engine: { kind: string }; tallies: { id: string; checked: number; violations: number }[] };
    expect(doc).toMatchObject({ format: 'liqcheck-lending-check/1', profile: 'aave-v3', seed: 5, runs: 60, cases: 60, ok: true, engine: { kind: 'module' } });
    expect(doc.tallies.map((t) => t.id)).toEqual(['LND-000', ...LENDING_CATALOG.map((i) => i.id), 'LREF-001']);
  }, TIMEOUT);

  it('an engine that throws gives no answer: engine failures reported, exit 3, no violation counted', async () => {
    const r = await runCli(['check', '--profile', 'aave-v3', '--runs', '5', '--seed', '1', '--impl', engine('throwingLendingEngine.ts')]);
    expect(r.code, r.out + r.err).toBe(3);
    expect(r.out).toContain('✗ the engine crashed, hung or broke the protocol on 5 case(s)');
    expect(r.out).toContain('out of gas (deliberately)');
    expect(row(r.out, 'LND-001')).toEqual({ mark: '✓', checked: 0, violated: 0 });
  }, TIMEOUT);

  it('an engine without the lending feature exits 2 naming the field, what was expected and what it sent', async () => {
    const r = await runCli(['check', '--profile', 'aave-v3', '--runs', '5', '--impl', engine('noLendingFeatureEngine.ts')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot be judged under the lending profile aave-v3');
    expect(r.err).toContain('`features` export: expected a list naming "lending"');
    expect(r.err).toContain('received ["cross"]');
    expect(r.out).toBe('');
  }, TIMEOUT);

  it('an engine declaring another profile exits 2 naming the field, expected and received', async () => {
    const r = await runCli(['check', '--profile', 'aave-v3', '--runs', '5', '--impl', engine('otherPolicyEngine.ts')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('`policy` export: expected "aave-v3"');
    expect(r.err).toContain('received "morpho-blue"');
  }, TIMEOUT);
});

describe('check --profile compound-v3 --impl <subprocess engine>', () => {
  it('a JSON Lines engine declaring the profile passes, LREF-001 judged; one declaring another exits 2 naming hello_ok.policy', async () => {
    const impl = (profile: string): string => `node --import tsx ${engine('lendingSubprocessEngine.ts')} ${profile}`;
    const r = await runCli(['check', '--profile', 'compound-v3', '--runs', '40', '--seed', '4', '--impl', impl('compound-v3')]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('lending-subprocess 1.0.0 (subprocess), lending profile compound-v3');
    expect(row(r.out, 'LREF-001')).toEqual({ mark: '✓', checked: 40, violated: 0 });
    const u = await runCli(['check', '--profile', 'aave-v3', '--runs', '5', '--impl', impl('compound-v3')]);
    expect(u.code).toBe(2);
    expect(u.err).toContain('hello_ok.policy: expected "aave-v3"');
    expect(u.err).toContain('received "compound-v3"');
  }, TIMEOUT);
});

describe('a bad lending profile file', () => {
  it('exits 2 with every problem as a field path', async () => {
    const file = engine('bad-lending.json');
    const r = await runCli(['check', '--profile', file, '--runs', '5']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--profile ${file}: 3 problem(s)`);
    expect(r.err).toContain('params.assets["WETH"].liquidationBonus: expected a decimal ≥ 1, received "0.9"');
    expect(r.err).toContain('params.assets["USDC"].unit: expected a power of ten');
    expect(r.err).toContain('params.rules.closeFactor: expected');
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('liqcheck profiles lists the lending profiles', () => {
  const shipped = readdirSync(join(ROOT, 'profiles/lending')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

  it('in their own section: name — venue, rules kind, first source', async () => {
    const r = await runCli(['profiles']);
    expect(r.code, r.err).toBe(0);
    const at = r.out.indexOf(`lending profiles (profiles/lending/, spec §11) — ${shipped.length}`);
    expect(at).toBeGreaterThan(0);
    const section = r.out.slice(at);
    for (const name of shipped) {
      const p = lendingProfileNamed(name)!;
      expect(section).toContain(`\n${name} — ${p.wire.venue}`);
      expect(section).toContain(`  rules ${p.params.rules.kind}\n`);
      expect(section).toContain(`  source: ${p.wire.sources[0]!.where}`);
    }
  });

  it('--json adds them as `lending`, valid against fixtures/schema/profile-list-1.schema.json; the perp list unchanged', async () => {
    const r = await runCli(['profiles', '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { profiles: { name: string }[]; lending: { name: string; rules: string; assets: string[] }[] };
    const schema = JSON.parse(readFileSync(join(ROOT, 'fixtures/schema/profile-list-1.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.lending.map((p) => p.name)).toEqual(shipped);
    expect(doc.profiles.map((p) => p.name)).not.toContain('aave-v3');
    // The schema still accepts a list from before the lending section (the field is additive).
    const { lending: _new, ...old } = doc;
    expect(validate(old)).toBe(true);
    expect(validate({ ...doc, lending: [{ ...doc.lending[0], extra: 1 }] })).toBe(false);
  });
});

describe('checkLendingCaseAsync', () => {
  it('judges exactly as checkLendingCase does, for the reference and every zoo engine', async () => {
    const scenarios = fc.sample(lendingScenario(), { numRuns: 40, seed: 13 });
    let violations = 0;
    // callCounter is left out: its answers depend on how many calls came before, by design (LND-011).
    for (const z of [{ name: 'reference', engine: liquidateLending }, ...LENDING_ZOO.filter((e) => e.name !== 'callCounter')]) {
      for (const sc of scenarios) {
        const sync = checkLendingCase(z.engine, sc);
        const async = await checkLendingCaseAsync(async (s) => z.engine(s), sc);
        expect(async, z.name).toEqual(sync);
        violations += sync.violations.length;
      }
    }
    // The comparison covers failing judgements too, not only clean ones.
    expect(violations).toBeGreaterThan(0);
  }, TIMEOUT);
});

describe('the docs of the lending gate', () => {
  const read = (f: string): string => readFileSync(join(ROOT, f), 'utf8');

  it('the README command runs as pasted and passes', async () => {
    const command = 'npx liqcheck check --profile aave-v3 --runs 200';
    expect(read('README.md')).toContain(`${command}  `);
    // as pasted: split as the shell splits it, the CLI's main in-process (properties/pasteInProcess.ts)
    const r = await pasteInProcess(`${command} --seed 3`, ROOT);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('All 14 lending invariants held on 200 scenarios.');
  }, TIMEOUT);

  it('the anchors the code and the docs cite exist', () => {
    expect(read('docs/protocol.md')).toMatch(/^## Lending scenarios \(feature `lending`\)$/m);
    expect(read('docs/profiles/README.md')).toMatch(/^## Lending profiles$/m);
  });

  it("docs/protocol.md's lending exchange: hand-computed, and the reference's bytes", () => {
    const doc = read('docs/protocol.md');
    const section = doc.slice(doc.indexOf('## Lending scenarios'), doc.indexOf('## The JSON Schema'));
    const request = JSON.parse(/^> (\{"type":"liquidate".*\})$/m.exec(section)![1]!) as { scenario: LendingScenario };
    const reply = JSON.parse(/^< (\{"type":"result".*\})$/m.exec(section)![1]!) as { result: Record<string, unknown> };
    // Hand-computed, not a published vector: 5 000 USDC repaid at 2 000 per WETH with LB 1.05 seizes
    // 2.625 WETH; bonus 2.625 − 2.5 = 0.125, fee 10 % = 0.0125; HF after ⌊7.375·2000·0.83 / 12000⌋₁₈.
    expect(reply.result).toMatchObject({
      status: 'liquidated',
      repaid: { USDC: '5000' },
      seized: { WETH: '2.625' },
      protocolFee: { WETH: '0.0125' },
      liquidatorReceives: { WETH: '2.6125' },
      account: { supplies: { WETH: '7.375' }, borrows: { USDC: '12000' } },
      healthBefore: '0.976470588235294117',
      healthAfter: '1.020208333333333333',
    });
    expect(request.scenario.params).toEqual(lendingProfileNamed('aave-v3')!.params);
    expect(liquidateLending(request.scenario)).toEqual({ ok: true, result: reply.result });
  });
});

describe('check --impl <engine whose handshake names a lending profile>', () => {
  it('is checked as --profile NAME would check it: the lending catalog and LREF-001, not the perp catalog on scenarios it cannot take', async () => {
    const impl = 'python3 examples/python/lending_engine.py --profile morpho-blue';
    const r = await runCli(['check', '--runs', '40', '--seed', '3', '--impl', impl]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('lending profile morpho-blue');
    expect(row(r.out, 'LREF-001')).toEqual({ mark: '✓', checked: 40, violated: 0 });
    expect(r.out).toMatch(/All \d+ lending invariants held on 40 scenarios/);
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------
// The lending run loop as the perp check runs it: progress, a clean stop on a signal, pipelining,
// no pass without a judged scenario, the failure database, and the unknown-profile message.

const PY_BUGGY = 'python3 examples/python/lending_engine.py --profile morpho-blue --bug seize-round-up';
const lendingFailures = (dir: string): string[] => readdirSync(dir).filter((f) => /^lending-failure-[0-9a-f]{16}\.json$/.test(f));

describe('check --profile <lending profile>: the progress line', () => {
  it('LIQCHECK_PROGRESS=1 prints a line on stderr per case, as the perp check does; a short run in a log prints none', async () => {
    vi.stubEnv('LIQCHECK_PROGRESS', '1');
    try {
      const r = await runCli(['check', '--profile', 'aave-v3', '--runs', '30', '--seed', '2']);
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.err).toMatch(/^check: 1\/30 scenarios /m);
      expect(r.err).toMatch(/^check: 30\/30 scenarios \(100%\), .*, ETA /m);
    } finally {
      vi.unstubAllEnvs();
    }
    const quiet = await runCli(['check', '--profile', 'aave-v3', '--runs', '30', '--seed', '2']);
    expect(quiet.err).toBe('');
  }, TIMEOUT);
});

describe('check --profile <lending profile> stopped by a signal (a Python subprocess engine)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: prints what ran, "NOT a pass", writes the report marked interrupted, keeps the failures, exits %d', async (signal, exit) => {
    const dir = mkdtempSync(join(tmpdir(), 'liqcheck-lending-signals-'));
    const failures = join(dir, 'failures');
    const argv = ['check', '--profile', 'morpho-blue', '--impl', PY_BUGGY, '--runs', '10000000', '--seed', '3', '--failures', failures, '--json', join(dir, 'report.json')];
    const child = spawn('node', ['bin/liqcheck.mjs', ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.stderr.on('data', (d: Buffer) => (err += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const saved = (): string[] => (existsSync(failures) ? lendingFailures(failures) : []);
    const t0 = Date.now();
    while (saved().length === 0 && child.exitCode === null && Date.now() - t0 < 90_000) await new Promise((r) => setTimeout(r, 50));
    expect(saved().length, `no counterexample saved while running\n${out}\n${err}`).toBeGreaterThan(0);
    child.kill(signal);
    const code = await exited;
    expect(code, `${out}\n${err}`).toBe(exit);
    expect(err).toContain(`${signal} — stopping after the work in flight`);
    expect(out).toMatch(new RegExp(`Interrupted by ${signal} after \\d+ of 10000000 scenarios: NOT a pass`));
    expect(out).toMatch(/✗ LND-004 .*\(not shrunk: the run was stopped\)\n/);
    expect(out).toMatch(/ {2}saved as: \S+lending-failure-[0-9a-f]{16}\.json\n/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { interrupted?: string; ok: boolean; cases: number; concurrency: number };
    expect(report).toMatchObject({ interrupted: signal, ok: false, concurrency: 16 });
    expect(report.cases).toBeGreaterThan(0);
    for (const f of saved()) expect(JSON.parse(readFileSync(join(failures, f), 'utf8'))).toMatchObject({ format: 'liqcheck-lending-failure-1', profile: 'morpho-blue' });
    expect(readdirSync(failures).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, TIMEOUT);
});

describe('check --profile <lending profile> pipelines an engine\'s requests', () => {
  it('a subprocess engine is judged 16 cases at a time (the report says so), and the output and report are the same, byte for byte, on a second run of the seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqcheck-lending-pipeline-'));
    const run = (n: number) => runCli(['check', '--profile', 'morpho-blue', '--impl', PY_BUGGY, '--runs', '150', '--seed', '8', '--json', join(dir, `r${n}.json`)]);
    const [one, two] = [await run(1), await run(2)];
    expect(one.code, one.out + one.err).toBe(1);
    expect(two.out).toBe(one.out);
    const text = readFileSync(join(dir, 'r1.json'), 'utf8');
    expect(readFileSync(join(dir, 'r2.json'), 'utf8')).toBe(text);
    expect(JSON.parse(text)).toMatchObject({ concurrency: 16, cases: 150, judged: 150 });
  }, TIMEOUT);
});

describe('check --profile <lending profile>: a run that judges no scenario is no pass', () => {
  it('an engine that answers nothing: "No scenario was judged: NOT a pass", the report not ok, exit 3 (engine failures)', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'liqcheck-lending-none-')), 'report.json');
    const r = await runCli(['check', '--profile', 'aave-v3', '--runs', '4', '--seed', '1', '--impl', engine('throwingLendingEngine.ts'), '--json', json]);
    expect(r.code, r.out + r.err).toBe(3);
    expect(r.out).toContain('No scenario was judged: NOT a pass.');
    expect(r.out).toContain('✗ no scenario was judged: the engine answered none of the 4 case(s) run');
    expect(r.out).not.toContain('held on');
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ cases: 4, judged: 0, ok: false });
  }, TIMEOUT);
});

describe('check --profile <lending profile> --failures DIR', () => {
  it('saves each counterexample as found, replays them first on the next run of the profile, leaves a perp fixture alone and counts it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'liqcheck-lending-db-')), 'failures');
    const cases = join(ROOT, 'fixtures/cases');
    const perp = readdirSync(cases).find((f) => f !== 'manifest.json' && f.endsWith('.json'))!;
    mkdirSync(dir);
    copyFileSync(join(cases, perp), join(dir, perp));
    const impl = engine('triggerAtOneEngine.ts');
    const first = await runCli(['check', '--profile', 'aave-v3', '--runs', '150', '--seed', '7', '--impl', impl, '--failures', dir]);
    expect(first.code, first.out + first.err).toBe(1);
    expect(first.out).toContain(`1 other file(s) in ${dir} are no lending failures (perp fixtures or others): left alone`);
    const saved = lendingFailures(dir);
    expect(saved.length).toBeGreaterThan(0);
    for (const f of saved) {
      const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { format: string; profile: string; invariants: string[]; scenario: LendingScenario };
      expect(doc).toMatchObject({ format: 'liqcheck-lending-failure-1', profile: 'aave-v3' });
      expect(first.out).toContain(`saved as: ${join(dir, f)}`);
      // Each saved scenario still violates what it names, on the engine: judged independently.
      const again = checkLendingCase(LENDING_ZOO.find((z) => z.name === 'triggerAtOne')!.engine, doc.scenario);
      expect(again.violations.map((v) => v.invariant), f).toEqual(expect.arrayContaining(doc.invariants.filter((i) => i !== 'LREF-001')));
    }
    // Another seed, few cases: the saved failures are judged first, so the bug is found again.
    const second = await runCli(['check', '--profile', 'aave-v3', '--runs', '5', '--seed', '99', '--impl', impl, '--failures', dir]);
    expect(second.code, second.out + second.err).toBe(1);
    expect(second.out).toContain(`replayed ${saved.length} saved failure(s) first`);
    expect(row(second.out, 'LND-000')?.checked).toBe(5 + saved.length);
    expect(row(second.out, 'LREF-001')?.mark).toBe('✗');
    expect(readFileSync(join(dir, perp), 'utf8')).toBe(readFileSync(join(cases, perp), 'utf8'));
    // Another lending profile's run leaves them for aave-v3 and says so.
    const other = await runCli(['check', '--profile', 'morpho-blue', '--runs', '5', '--seed', '1', '--failures', dir]);
    expect(other.code, other.out + other.err).toBe(0);
    expect(other.out).toContain(`${saved.length} saved lending failure(s) in ${dir} were recorded under another lending profile: not replayed`);
    expect(lendingFailures(dir)).toEqual(saved);
  }, TIMEOUT);

  it('without --failures nothing is saved or replayed; an unwritable DIR is a usage error before the run (exit 2)', async () => {
    const base = mkdtempSync(join(tmpdir(), 'liqcheck-lending-db-'));
    const file = join(base, 'a-file');
    writeFileSync(file, 'x');
    const r = await runCli(['check', '--profile', 'aave-v3', '--runs', '5', '--failures', join(file, 'below')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--failures');
    expect(r.out).toBe('');
  }, TIMEOUT);
});

describe('an unknown --profile NAME', () => {
  it('lists the lending profiles too (exit 2)', async () => {
    const r = await runCli(['check', '--profile', 'no-such-venue']);
    expect(r.code).toBe(2);
    const names = readdirSync(join(ROOT, 'profiles/lending')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    expect(names.length).toBeGreaterThan(0);
    expect(r.err).toContain(`; lending profiles: ${names.join(', ')} (or a path to a profile file`);
  });
});
