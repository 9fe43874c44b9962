/**
 * The README agrees with the code: its catalog table is the generated one, the spec sections cited
 * exist, and every command and snippet in it is run by a test, so the docs work when pasted.
 *
 * Which test runs each command of the README (`COVERAGE` below is this table as data; a command
 * added to the README without an entry fails the first test of "README commands"):
 *
 * | README command                                                    | run by |
 * |---|---|
 * | npm ci && npx liqcheck check                                      | here (`--runs 40`; `npm ci` is the install) |
 * | npm test                                                          | the package.json script; it is this suite |
 * | npx liqcheck check --impl "python3 examples/python/engine.py"     | properties/gateCli.test.ts (passes the correct engine …) |
 * | npx liqcheck check --impl ./my-engine.ts                          | here, with a my-engine.ts that re-exports the reference |
 * | npx liqcheck check --impl http://127.0.0.1:8080/liquidate         | here, against examples/js/httpEngine.mjs on a free port |
 * | npx liqcheck check --policy policy.json                           | here, with the README's policy.json (`--runs 40`) |
 * | GitHub Actions job (yaml)                                         | here: its command, with the example engine and `--runs 60` |
 * | vitest snippet (ts)                                               | examples/vitest/ourEngine.test.ts, byte-identical (checked here) |
 * | npx liqcheck params check proposal.json                           | here (proposal.json = fixtures/params/default.json) |
 * | npx liqcheck fuzz --params proposal.json --claim 0.05             | here (`--runs 100 --search 20`) |
 * | npx liqcheck sweep --params proposal.json --x … --y … --out sweep | here (`--scenarios 2`) |
 * | npx liqcheck sweep --compare current/sweep.json sweep/sweep.json  | here |
 * | reference-model snippet (ts)                                      | here |
 * | Replay: LIQCHECK_SEED=… npx vitest run … -t "LIQ-009 …"           | here: the line properties/profile.ts prints |
 * | liqcheck fixtures verify fixtures/cases [--impl ENGINE]           | here, with and without the example engine |
 * | liqcheck replay fixtures/cases/partial-80d36fa48345.json [--impl ENGINE] | here, with and without the example engine |
 * | npm run fixtures:generate                                         | the script is the command its comment names; properties/fixtures.test.ts regenerates byte for byte |
 * | usage block (liqcheck check/merge/fixtures/replay/<command> --help) | here: every flag shown exists, every command's --help exits 0; merge runs in src/cli/gate.test.ts |
 * | the progress line shown (`check: 2000/5000 scenarios …`)          | here, on a fake clock (and src/cli/progress.test.ts) |
 * | npx liqcheck profiles [--json], check --profile dydx-v4 [--impl ./my-engine.ts], params check profiles/dydx-v4.json | properties/profilesCli.test.ts |
 * | npm run prove:profiles                                            | properties/profilesCli.test.ts (one profile, fewer runs) |
 * | npx liqcheck check --profile aave-v3 --runs 200                   | properties/lendingGate.test.ts (as pasted) |
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/__support__/runCli.ts';
import { EXIT_CODES } from '../src/cli/options.ts';
import { progressReporter } from '../src/cli/progress.ts';
import { withCatalog } from '../src/invariants/catalogTable.ts';
import { withLendingCatalog } from '../src/lending/invariants/lendingCatalogTable.ts';
import { CATALOG, PARAMS_CATALOG } from '../src/invariants/catalog.ts';
import { liquidate } from '../src/model/index.ts';
// @ts-expect-error -- a plain JavaScript example engine, without declarations
import { startHttpEngine } from '../examples/js/httpEngine.mjs';
import { replayCommand, RUNS } from './profile.ts';
import { shell } from './shell.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const README = read('README.md');
const BIN = join(ROOT, 'bin/liqcheck.mjs');
const ENGINE = `"node ${join(ROOT, 'examples/js/engine.mjs')}"`;

function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{2,4} (.+)$/gm)) {
    out.add(`#${m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-')}`);
  }
  return out;
}

/** The README's fenced code blocks, in order, with their language. */
function blocks(): { lang: string; text: string }[] {
  return [...README.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, text: m[2]! }));
}

/** Each command of the README's shell blocks, without its trailing comment. */
function shellCommands(): string[] {
  return blocks()
    .filter((b) => b.lang === 'sh')
    .flatMap((b) => b.text.split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** Where each shell command of the README is run (see the table at the top). */
const COVERAGE: Readonly<Record<string, string>> = {
  'npm ci && npx liqcheck check': 'here',
  'npm test': 'package.json',
  'npx liqcheck check --impl "python3 examples/python/engine.py"': 'properties/gateCli.test.ts',
  'npx liqcheck check --impl ./my-engine.ts': 'here',
  'npx liqcheck check --impl http://127.0.0.1:8080/liquidate': 'here',
  'npx liqcheck check --policy policy.json': 'here',
  'npx liqcheck params check proposal.json': 'here',
  'npx liqcheck fuzz --params proposal.json --claim 0.05': 'here',
  'npx liqcheck sweep --params proposal.json --x maintenanceRate=0.002:0.02:20 --y penaltyRate=0:0.02:20 --out sweep': 'here',
  'npx liqcheck sweep --compare current/sweep.json sweep/sweep.json': 'here',
  'liqcheck fixtures verify fixtures/cases': 'here',
  'liqcheck fixtures verify fixtures/cases --impl ENGINE': 'here',
  'liqcheck replay fixtures/cases/partial-80d36fa48345.json [--impl ENGINE]': 'here',
  'npm run fixtures:generate': 'package.json + properties/fixtures.test.ts',
  'npx liqcheck profiles': 'properties/profilesCli.test.ts',
  'npx liqcheck profiles --json': 'properties/profilesCli.test.ts',
  'npx liqcheck check --profile dydx-v4': 'properties/profilesCli.test.ts',
  'npx liqcheck check --profile dydx-v4 --impl ./my-engine.ts': 'properties/profilesCli.test.ts',
  'npx liqcheck params check profiles/dydx-v4.json': 'properties/profilesCli.test.ts',
  'npm run prove:profiles': 'properties/profilesCli.test.ts (one profile, fewer runs)',
  'npx liqcheck check --profile aave-v3 --runs 200': 'properties/lendingGate.test.ts',
};

/** Runs a README command line through the shell as pasted, with `liqcheck` this checkout's binary. */
async function paste(command: string, cwd: string, ...extra: string[]): Promise<{ code: number; out: string; err: string }> {
  const line = `${command.replace(/^(npx )?liqcheck /, `node ${BIN} `)} ${extra.join(' ')}`;
  return shell(line, cwd);
}

describe('documentation', () => {
  it('README catalog table is the one generated from the code (run `npm run catalog`)', () => {
    expect(README).toBe(withCatalog(README));
    expect(README, 'npm run catalog').toBe(withLendingCatalog(README));
  });
  it('every invariant cites a spec section that exists', () => {
    const known = anchors(read('docs/spec.md'));
    for (const inv of [...CATALOG, ...PARAMS_CATALOG]) expect(known, `${inv.id} cites ${inv.spec}`).toContain(inv.spec);
  });
  it('invariant ids are unique', () => {
    const ids = [...CATALOG, ...PARAMS_CATALOG].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('README commands, run as pasted', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'liqcheck-docs-'));
    copyFileSync(join(ROOT, 'fixtures/params/default.json'), join(tmp, 'proposal.json'));
  });

  it('every shell command of the README has a test that runs it (the COVERAGE table)', () => {
    expect(shellCommands().sort()).toEqual(Object.keys(COVERAGE).sort());
  });

  it('npm ci && npx liqcheck check: the default run passes against the reference', async () => {
    const [install, command] = 'npm ci && npx liqcheck check'.split(' && ');
    expect(install).toBe('npm ci');
    const r = await paste(command!, tmp, '--runs', '40');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/All \d+ invariants held on 40 scenarios/);
  }, 60_000);

  it('npm test and npm run …: every script the README names exists, and fixtures:generate is the command its comment names', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['test']).toMatch(/^tsc --noEmit && vitest run$/);
    const named = [...README.matchAll(/npm run ([\w:-]*[\w-])/g)].map((m) => m[1]!);
    for (const name of new Set(named)) expect(Object.keys(scripts), `npm run ${name}`).toContain(name);
    const comment = /npm run fixtures:generate\s+# = (liqcheck fixtures generate .*)$/m.exec(README)![1]!;
    expect(scripts['fixtures:generate']).toBe(comment.replace(/^liqcheck /, 'node bin/liqcheck.mjs '));
    for (const file of [...README.matchAll(/npx tsx (\S+\.ts)/g)].map((m) => m[1]!)) expect(existsSync(join(ROOT, file)), file).toBe(true);
  });

  it('npx liqcheck check --impl ./my-engine.ts: a TypeScript module exporting liquidate', async () => {
    // as in a project of ES modules (what a TypeScript engine with `export` is)
    writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(tmp, 'my-engine.ts'), `export { liquidate } from ${JSON.stringify(join(ROOT, 'src/index.ts'))};\nexport const name: string = 'my-engine';\n`);
    const r = await paste('npx liqcheck check --impl ./my-engine.ts', tmp, '--runs', '30', '--failures', '""');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/liqcheck check — my-engine( \S+)? \(module/);
  }, 60_000);

  it('npx liqcheck check --impl http://127.0.0.1:8080/liquidate: an engine running as a service', async () => {
    const server = (await startHttpEngine({ port: 0 })) as { url: string; close: () => Promise<void> };
    try {
      const r = await paste(`npx liqcheck check --impl ${server.url}`, tmp, '--runs', '30', '--failures', '""');
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/liquidate$/); // the README's form, on a free port
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.out).toMatch(/\(http, policy minimal-close\)[\s\S]*✓ REF-001/);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('npx liqcheck check --policy policy.json: the reference configured with the README\'s policy, and the derivation printed', async () => {
    const policy = blocks().find((b) => b.lang === 'json' && b.text.includes('"closeSize"'))!.text;
    writeFileSync(join(tmp, 'policy.json'), policy);
    const r = await paste('npx liqcheck check --policy policy.json', tmp, '--runs', '40', '--failures', '""');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/\(reference, policy full-close\)/);
    expect(r.out).toMatch(/^policy full-close: .*close size full/m);
    // The line the README quotes, word for word.
    expect(r.out).toContain('not judged: LIQ-004 minimal close size (presumes minimal: policy full-close does not promise it)');
    expect(README.replace(/\s+/g, ' ')).toContain('`not judged: LIQ-004 minimal close size (presumes minimal: policy full does not promise it)`');
  }, 60_000);

  it('the GitHub Actions job: its command runs (example engine, fewer runs) and writes what the artifact step uploads', async () => {
    const yaml = blocks().find((b) => b.lang === 'yaml')!.text;
    const run = /npx liqcheck check (?:[^\n\\]|\\\n)*/.exec(yaml)![0].replace(/\\\n\s*/g, '');
    const command = run
      .replace('"../target/release/engine --liqcheck"', ENGINE)
      .replace('${{ github.run_id }}', '7')
      .replaceAll('${{ matrix.shard }}', '1');
    expect(command).not.toContain('${{');
    const r = await paste(command, tmp, '--runs', '60');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/(shard 1\/2)/);
    // the artifact paths (relative to the job's root, liqcheck/ being the working directory)
    expect(yaml).toMatch(/working-directory: liqcheck/);
    expect(yaml).toContain('liqcheck/report-*.json');
    expect(yaml).toContain('liqcheck/junit-*.xml');
    expect(existsSync(join(tmp, 'report-1.json'))).toBe(true);
    expect(existsSync(join(tmp, 'junit-1.xml'))).toBe(true);
  }, 60_000);

  it('params check, fuzz, sweep and sweep --compare on proposal.json', async () => {
    const params = await paste('npx liqcheck params check proposal.json', tmp);
    expect(params.code, params.out + params.err).toBe(0);
    // --claim 0.05 is more than the built-in profile's cushion: the example shows what breaks (exit 1)
    const fuzz = await paste('npx liqcheck fuzz --params proposal.json --claim 0.05', tmp, '--runs', '100', '--search', '20');
    expect([0, 1], fuzz.out + fuzz.err).toContain(fuzz.code);
    expect(fuzz.out).toContain('PRM-001');
    const sweep = await paste('npx liqcheck sweep --params proposal.json --x maintenanceRate=0.002:0.02:20 --y penaltyRate=0:0.02:20 --out sweep', tmp, '--scenarios', '2');
    expect(sweep.code, sweep.out + sweep.err).toBe(0);
    expect(sweep.out).toMatch(/400 cell\(s\)/);
    mkdirSync(join(tmp, 'current'), { recursive: true });
    copyFileSync(join(tmp, 'sweep/sweep.json'), join(tmp, 'current/sweep.json'));
    const compare = await paste('npx liqcheck sweep --compare current/sweep.json sweep/sweep.json', tmp);
    expect(compare.code, compare.out + compare.err).toBe(0);
  }, 120_000);

  it.each([
    ['liqcheck fixtures verify fixtures/cases', []],
    ['liqcheck fixtures verify fixtures/cases --impl ENGINE', []],
    ['liqcheck replay fixtures/cases/partial-80d36fa48345.json [--impl ENGINE]', ['without']],
    ['liqcheck replay fixtures/cases/partial-80d36fa48345.json [--impl ENGINE]', ['with']],
  ] as const)('%s %j', async (command, [optional]) => {
    const line = optional === 'without' ? command.replace(' [--impl ENGINE]', '') : command.replace('[--impl ENGINE]', '--impl ENGINE');
    const r = await paste(line.replace('ENGINE', ENGINE), ROOT);
    expect(r.code, r.out + r.err).toBe(0);
  }, 60_000);

  it('the usage block: every flag it shows exists, and `liqcheck <command> --help` exits 0 for every command', async () => {
    const usage = blocks().find((b) => b.lang === '' && b.text.startsWith('liqcheck check'))!.text;
    const check = (await runCli(['check', '--help'])).out;
    for (const flag of usage.split('\n')[0]!.matchAll(/--[\w-]+/g)) expect(check, flag[0]).toContain(`  ${flag[0]} `);
    const commands = (await runCli(['--help'])).out.split('Commands:\n')[1]!.split('\n\n')[0]!.split('\n').map((l) => l.trim().split(' ')[0]!);
    expect(commands).toEqual(expect.arrayContaining(['check', 'merge', 'fixtures', 'replay', 'params', 'fuzz', 'sweep']));
    for (const name of commands) {
      const r = await runCli([name, '--help']);
      expect(r.code, `${name} --help: ${r.err}`).toBe(0);
      expect(r.out, name).toMatch(/Usage: liqcheck/);
    }
  });
});

describe('README snippets', () => {
  it('the vitest snippet is the code of examples/vitest/ourEngine.test.ts, byte for byte, importing from the package', () => {
    const example = read('examples/vitest/ourEngine.test.ts');
    const region = /^\/\/ #region readme\n([\s\S]*?)^\/\/ #endregion readme$/m.exec(example)![1]!;
    const imports = /^import \{ checkEngine, formatViolations \} from '\.\.\/\.\.\/src\/index\.ts';$/m.exec(example)![0];
    const snippet = blocks().find((b) => b.lang === 'ts' && b.text.includes('checkEngine'))!.text;
    expect(snippet).toBe(`${imports.replace("'../../src/index.ts'", "'liqcheck'")}\n\n${region}`);
    // the package's entry is the file the example imports (src/index.ts, built to dist/index.js)
    const pkg = JSON.parse(read('package.json')) as { main: string };
    expect(pkg.main.replace(/^\.\/(dist|src)\//, '').replace(/\.(js|ts)$/, '')).toBe('index');
  });

  it('its timeout fits its run count: more than vitest’s 5 s default, stated with the runs', () => {
    const snippet = blocks().find((b) => b.lang === 'ts' && b.text.includes('checkEngine'))!.text;
    const runs = Number(/runs: (\d+)/.exec(snippet)![1]);
    const timeout = Number(/timeout: ([\d_]+)/.exec(snippet)![1]!.replaceAll('_', ''));
    // ≈ 3 ms per scenario idle; allow 100 ms per scenario for a loaded CI machine
    expect(timeout).toBeGreaterThanOrEqual(Math.max(5_000, runs * 100));
  });

  it('the reference-model snippet: liquidate from src/model/index.ts returns { ok, result } or { ok: false, error: { code, issues } }', () => {
    const snippet = blocks().find((b) => b.lang === 'ts' && b.text.includes('src/model/index.ts'))!.text;
    expect(snippet).toMatch(/^import \{ liquidate \} from '\.\/src\/model\/index\.ts';\nconst outcome = liquidate\(scenario\);/);
    const scenario = JSON.parse(read('fixtures/cases/partial-80d36fa48345.json')).input;
    const ok = liquidate(scenario);
    expect(ok.ok && Object.keys(ok)).toEqual(['ok', 'result']);
    const bad = liquidate({ ...scenario, account: { ...scenario.account, positions: [{ ...scenario.account.positions[0], size: '1e999999' }] } });
    expect(!bad.ok && bad.error.code).toBe('invalid-input');
    if (!bad.ok && bad.error.code === 'invalid-input') {
      expect(bad.error.issues[0]).toEqual({ path: expect.stringMatching(/^account\.positions\[0\]\.size$/), expected: expect.any(String), received: '"1e999999"' });
    }
  });

  it('the Replay line is what a failing property prints (properties/profile.ts), for a test that exists', () => {
    const line = blocks().find((b) => b.text.startsWith('Replay: '))!.text.trim();
    const liq009 = CATALOG.find((i) => i.id === 'LIQ-009')!;
    expect(existsSync(join(ROOT, 'properties/catalog.test.ts'))).toBe(true);
    expect(read('properties/catalog.test.ts')).toContain('`${inv.id} ${inv.title}`');
    const printed = `Replay: ${replayCommand('properties/catalog.test.ts', `${liq009.id} ${liq009.title}`, 1466133326, '1:45:0:0')}`;
    expect(printed.replace(liq009.title, '…').replace(`LIQCHECK_RUNS=${RUNS}`, 'LIQCHECK_RUNS=200')).toBe(line);
  });
});

describe('progress', () => {
  it('the CI progress line the README shows is the one check prints, 10 s into a run of 5000 at 200/s', () => {
    const shown = /in a CI log[\s\S]*?such as `([^`]+)`/.exec(README)![1]!;
    let t = 0;
    const lines: string[] = [];
    const p = progressReporter({ label: 'check', unit: 'scenarios', tty: false, write: (s) => void lines.push(s), now: () => t });
    t = 10_000;
    p.update(2000, 5000);
    expect(lines).toEqual([`${shown}\n`]);
  });
});

describe('exit codes', () => {
  it('the README table lists 0, 1, 2, 3 and 130/143, the codes `check --help` lists', async () => {
    const table = [...README.matchAll(/^\| (\d+(?:, \d+)?) \| /gm)].map((m) => m[1]!);
    expect(table).toEqual(['0', '1', '2', '3', '130, 143']);
    expect(EXIT_CODES['check']!.map(([code]) => code)).toEqual(table);
    const help = (await runCli(['check', '--help'])).out;
    for (const code of table) expect(help).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
  });

  it.each(['fuzz', 'sweep'])('%s --help lists its exit codes, 130/143 included', async (command) => {
    const help = (await runCli([command, '--help'])).out;
    expect(help).toMatch(/\nExit codes:\n {2}0 +\S[\s\S]*\n {2}2 +\S[\s\S]*\n {2}130, 143 +stopped by SIGINT/);
  });
});
