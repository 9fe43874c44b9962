/**
 * The published package works as a new user gets it: `npm pack` (which builds dist/ through
 * `prepack`), the tarball installed into an empty project, then the CLI through npx and the library
 * through a plain `node` import there, with no tsx anywhere in that project. Spawned rather than
 * imported, because only a separate project shows what the tarball alone provides.
 *
 * @remarks npm installs the tarball's dependencies from the registry (`--prefer-offline`: the npm
 * cache answers when it can). The built package is this test's subject, so it packs the working
 * tree as it is, with whatever dist/ the build produces.
 * @see README.md#install
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const repoPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; name: string };

// The child processes must not inherit the test runner's loaders or npm's per-script settings:
// the project below has to stand on its own.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.toLowerCase().startsWith('npm_')));

function sh(cmd: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
}
const shown = (r: SpawnSyncReturns<string>): string => `${r.stdout}\n${r.stderr}`;

let dir = '';
let project = '';
let packed: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liqcheck-package-'));
  const pack = sh('npm', ['pack', '--json', '--pack-destination', dir], root);
  expect(pack.status, shown(pack)).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  if (info === undefined) throw new Error(`npm pack printed no package: ${pack.stdout}`);
  packed = info.files.map((f) => f.path);

  project = join(dir, 'project');
  const init = sh('mkdir', [project], dir);
  expect(init.status, shown(init)).toBe(0);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const install = sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, info.filename)], project);
  expect(install.status, shown(install)).toBe(0);
}, 180_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('ships the built JavaScript, its declarations, the worker entries, the bin, the schemas and the docs, and nothing else', () => {
    const allowed = /^(dist\/.+\.(js|d\.ts|mjs)|bin\/liqcheck\.mjs|fixtures\/schema\/[^/]+|fixtures\/params\/default\.json|profiles\/(lending\/)?[a-z0-9-]+\.json|docs\/(profiles\/|research\/)?[^/]+\.md|README\.md|LICENSE|package\.json)$/;
    expect(packed.filter((p) => !allowed.test(p))).toEqual([]);
    expect(packed.filter((p) => /\.test\.|__fixtures__|__support__/.test(p))).toEqual([]);
    for (const p of ['LICENSE', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/cli/main.d.ts', 'dist/fuzz/worker.mjs', 'dist/adapters/moduleWorker.mjs', 'fixtures/params/default.json']) {
      expect(packed).toContain(p);
    }
    for (const f of readdirSync(join(root, 'fixtures/schema'))) expect(packed).toContain(`fixtures/schema/${f}`);
    for (const f of readdirSync(join(root, 'profiles'), { recursive: true, encoding: 'utf8' })) if (f.endsWith('.json')) expect(packed).toContain(`profiles/${f}`);
  });
});

describe('the tarball installed into an empty project', () => {
  it('brings no tsx: the package runs without a TypeScript loader', () => {
    expect(existsSync(join(project, 'node_modules/tsx'))).toBe(false);
    const r = sh('node', ['-e', "import('tsx/esm/api').then(() => console.log('found'), (e) => console.log(e.code))"], project);
    expect(r.stdout.trim(), shown(r)).toBe('ERR_MODULE_NOT_FOUND');
  });

  it('npx liqcheck check --runs 50 passes against the reference (exit 0)', () => {
    const r = sh('npx', ['--no-install', 'liqcheck', 'check', '--runs', '50', '--seed', '7'], project);
    expect(r.status, shown(r)).toBe(0);
    expect(r.stdout).toMatch(/All \d+ invariants held on 50 scenarios/);
  });

  it('npx liqcheck profiles lists the shipped profiles, found inside the installed package', () => {
    const r = sh('npx', ['--no-install', 'liqcheck', 'profiles', '--json'], project);
    expect(r.status, shown(r)).toBe(0);
    const names = readdirSync(join(root, 'profiles')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    expect((JSON.parse(r.stdout) as { profiles: { name: string }[] }).profiles.map((p) => p.name)).toEqual(names);
  });

  it('npx liqcheck --version prints the package version', () => {
    const r = sh('npx', ['--no-install', 'liqcheck', '--version'], project);
    expect(r.status, shown(r)).toBe(0);
    expect(r.stdout).toBe(`${repoPkg.version}\n`);
  });

  it("import('liqcheck') from plain node gives the library: checkEngine passes the reference liquidate, and under a shipped profile", () => {
    const script = `import('liqcheck').then(async (m) => {
      const report = await m.checkEngine(m.liquidate, { runs: 20, seed: 1 });
      const venue = await m.checkEngine(m.liquidate, { runs: 10, seed: 1, policy: 'dydx-v4' });
      const names = m.profiles.profileList().map((p) => p.wire.name);
      console.log(JSON.stringify({ ok: report.ok, venue: venue.ok, dydx: names.includes('dydx-v4'), cli: typeof (await import('liqcheck/cli')).main }));
    })`;
    const r = sh('node', ['-e', script], project);
    expect(r.status, shown(r)).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, venue: true, dydx: true, cli: 'function' });
  });

  it('the shipped schema files resolve through the package exports', () => {
    const r = sh('node', ['-e', "console.log(import.meta.resolve('liqcheck/fixtures/schema/params.schema.json'))"], project);
    expect(r.status, shown(r)).toBe(0);
    expect(readFileSync(new URL(r.stdout.trim()), 'utf8')).toBe(readFileSync(join(root, 'fixtures/schema/params.schema.json'), 'utf8'));
  });

  it('runs the worker threads from dist: a sweep on 2 workers and a JavaScript module engine', () => {
    const sweep = sh('npx', ['--no-install', 'liqcheck', 'sweep', '--x', 'maintenanceRate=0.002:0.02:3', '--scenarios', '20', '--workers', '2', '--out', 'sweep'], project);
    expect(sweep.status, shown(sweep)).toBe(0);
    expect(readdirSync(join(project, 'sweep')).sort()).toEqual(['sweep.csv', 'sweep.html', 'sweep.json']);

    writeFileSync(join(project, 'engine.mjs'), "export { liquidate } from 'liqcheck';\nexport const name = 'reexport';\n");
    const mod = sh('npx', ['--no-install', 'liqcheck', 'check', '--impl', './engine.mjs', '--runs', '20', '--seed', '7', '--failures', ''], project);
    expect(mod.status, shown(mod)).toBe(0);
    expect(mod.stdout).toMatch(/All \d+ invariants held on 20 scenarios/);
  });

  it('a TypeScript engine without tsx is refused with what to install (exit 3)', () => {
    writeFileSync(join(project, 'engine.ts'), "export { liquidate } from 'liqcheck';\nexport const name: string = 'typed';\n");
    const r = sh('npx', ['--no-install', 'liqcheck', 'check', '--impl', './engine.ts', '--runs', '5', '--failures', ''], project);
    expect(r.status, shown(r)).toBe(3);
    expect(shown(r)).toMatch(/engine\.ts is TypeScript: loading it needs tsx .*npm install --save-dev tsx/);
  });
});
