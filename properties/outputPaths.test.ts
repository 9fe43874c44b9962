/**
 * Output paths as a careless or unlucky user meets them: `fixtures generate --out` never replaces a
 * directory it did not write, an interrupted swap is recovered, and a report path that cannot be
 * written stops the command before any work (exit 2, the path and the reason, nothing left behind).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/__support__/runCli.ts';
import { saveFailure } from '../src/fixtures/failureDb.ts';
import type { Scenario } from '../src/model/types.ts';

const root = new URL('..', import.meta.url).pathname;
const SUITE = join(root, 'fixtures/cases');
const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-outputs-'));
let n = 0;
/** A fresh, empty working directory. */
const fresh = (): string => mkdtempSync(join(tmp, `w${n++}-`));

/** Every file under `dir` with its content, to prove a directory untouched. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name)] = readFileSync(join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

/** A pid that no process has any more (a child that has exited). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

const generate = (out: string, count = 12, seed = 5) => runCli(['fixtures', 'generate', '--count', String(count), '--seed', String(seed), '--out', out]);
const caseNames = (dir: string) => readdirSync(dir).filter((f) => f !== 'manifest.json').sort();
const manifestNames = (dir: string) => Object.keys((JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, string> }).files).sort();

describe('fixtures generate --out: only into a missing, empty or previously generated directory', () => {
  it('refuses a directory holding package.json and leaves it intact (exit 2)', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'package.json'), '{ "name": "mine" }\n');
    writeFileSync(join(dir, 'tsconfig.json'), '{}\n');
    const before = snapshot(dir);
    const r = await generate(dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(dir);
    expect(r.err).toMatch(/package\.json, which is not part of a liqcheck suite/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(tmp).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('fixtures generate into the failure database: refused, every counterexample kept (exit 2)', async () => {
    const project = fresh();
    const db = join(project, '.liqcheck/failures');
    const partial = readdirSync(SUITE).find((f) => f.startsWith('partial-'))!;
    const input = (JSON.parse(readFileSync(join(SUITE, partial), 'utf8')) as { input: Scenario }).input;
    const saved = saveFailure(db, { scenario: input, invariants: ['LIQ-003'], message: 'closed one lot short', engine: { name: 'some-engine' } });
    const before = snapshot(db);
    const r = await generate(db);
    expect(r.code).toBe(2);
    expect(r.err).toContain(db);
    expect(r.err).toMatch(/failure-[0-9a-f]+\.json, which is not part of a liqcheck suite \(there is no manifest\.json/);
    expect(snapshot(db)).toEqual(before);
    expect(existsSync(saved)).toBe(true);
    expect(readdirSync(join(project, '.liqcheck'))).toEqual(['failures']);
  });

  it('refuses a previous suite with a file added, a case edited, or a manifest that is not ours', async () => {
    const added = fresh();
    cpSync(SUITE, added, { recursive: true });
    writeFileSync(join(added, 'NOTES.md'), 'my notes\n');
    const editedDir = fresh();
    cpSync(SUITE, editedDir, { recursive: true });
    const one = caseNames(editedDir)[0]!;
    writeFileSync(join(editedDir, one), readFileSync(join(editedDir, one), 'utf8').replace('"comment": "', '"comment": "edited: '));
    const foreign = fresh();
    writeFileSync(join(foreign, 'manifest.json'), '{ "name": "a web app manifest" }\n');
    writeFileSync(join(foreign, 'icons.json'), '[]\n');
    for (const [dir, reason] of [
      [added, /NOTES\.md, which is not part of a liqcheck suite \(not listed in its manifest\.json\)/],
      [editedDir, new RegExp(`${one}, which is not part of a liqcheck suite \\(edited since it was generated`)],
      [foreign, /holds a manifest\.json that is not a liqcheck manifest \(at \$\.format: expected/],
    ] as const) {
      const before = snapshot(dir);
      const r = await generate(dir);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(reason);
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it('writes into a missing or an empty directory, and replaces a previous suite with exactly the new one', async () => {
    const parent = fresh();
    const missing = join(parent, 'suite');
    expect((await generate(missing, 12)).code).toBe(0);
    expect(caseNames(missing)).toEqual(manifestNames(missing));
    const empty = fresh();
    expect((await generate(empty, 12)).code).toBe(0);
    expect(caseNames(empty)).toHaveLength(12);
    // a smaller regeneration drops the cases it no longer has
    const r = await generate(missing, 6, 9);
    expect(r.code, r.err).toBe(0);
    expect(caseNames(missing)).toEqual(manifestNames(missing));
    expect(caseNames(missing)).toHaveLength(6);
    expect(readdirSync(parent)).toEqual(['suite']);
    expect((await runCli(['fixtures', 'verify', missing])).code).toBe(0);
  });

  it('a run that died between its two renames: verify names the backup, the next generate restores it first', async () => {
    const parent = fresh();
    const out = join(parent, 'cases');
    expect((await generate(out, 8, 1)).code).toBe(0);
    const old = snapshot(out);
    // The state a kill -9 leaves after `cases` → backup and before the new tree → `cases`: the old
    // suite in the backup, the (complete or partial) new tree in the temp directory.
    const pid = deadPid();
    const backup = join(parent, `.cases.old-${pid}-Ab12Cd`);
    renameSync(out, backup);
    const temp = join(parent, `.cases.new-${pid}-Ab12Cd`);
    mkdirSync(temp);
    writeFileSync(join(temp, 'partial-000000000000.json'), '{}\n');

    const v = await runCli(['fixtures', 'verify', out]);
    expect(v.code).toBe(2);
    expect(v.err).toContain(backup);
    expect(v.err).toMatch(/interrupted .*fixtures generate/);

    const r = await generate(out, 6, 2);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`restored ${out} from ${backup}`);
    expect(readdirSync(parent)).toEqual(['cases']);
    expect(caseNames(out)).toHaveLength(6);
    expect(snapshot(out)).not.toEqual(old);
    expect((await runCli(['fixtures', 'verify', out])).code).toBe(0);
  });

  it('a run that died after its second rename: the stale backup of a suite is removed, and said so', async () => {
    const parent = fresh();
    const out = join(parent, 'cases');
    expect((await generate(out, 6, 1)).code).toBe(0);
    const backup = join(parent, `.cases.old-${deadPid()}-Zz99Yy`);
    cpSync(out, backup, { recursive: true });
    const r = await generate(out, 6, 1);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`removed ${backup}`);
    expect(readdirSync(parent)).toEqual(['cases']);
  });
});

/** A sibling of a regular file: its "parent directory" is that file. */
function underAFile(): string {
  const f = join(fresh(), 'plain-file');
  writeFileSync(f, 'x');
  return join(f, 'report.json');
}

/** A named pipe in a fresh directory. */
function aFifo(): string {
  const f = join(fresh(), 'pipe');
  expect(spawnSync('mkfifo', [f]).status).toBe(0);
  return f;
}

// Runs of tens of seconds (more on a busy machine): the check must answer before any of it.
const LONG_FUZZ = ['fuzz', '--runs', '20000', '--search', '0', '--failures', ''];
const LONG_SWEEP = ['sweep', '--x', 'maintenanceRate=0.002:0.02:10', '--scenarios', '20000'];
const LONG_GENERATE = ['fixtures', 'generate', '--count', '3000'];

describe('an output path that cannot be written is found before the run (exit 2, path and reason)', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['fuzz --json, missing parent', () => [...LONG_FUZZ, '--json', join(fresh(), 'no/such/dir/report.json')], /--json .*no\/such\/dir\/report\.json: cannot be written: the directory .*no\/such\/dir does not exist/],
    ['fuzz --json, parent is a file', () => [...LONG_FUZZ, '--json', underAFile()], /--json .*plain-file\/report\.json: cannot be written: .*plain-file is not a directory/],
    ['fuzz --json, path is a directory', () => [...LONG_FUZZ, '--json', fresh()], /--json .*: cannot be written: it is a directory/],
    ['fuzz --json, /proc', () => [...LONG_FUZZ, '--json', '/proc/liqcheck-report.json'], /--json \/proc\/liqcheck-report\.json: cannot be written: cannot create a file in \/proc/],
    // A FIFO stands for any special file: a test must never risk renaming over the real /dev/null.
    ['fuzz --json, a FIFO', () => [...LONG_FUZZ, '--json', aFifo()], /--json .*\/pipe: cannot be written: it is not a regular file/],
    ['fuzz --failures under a file', () => ['fuzz', '--runs', '20000', '--search', '0', '--failures', join(underAFile(), 'db')], /--failures .*plain-file\/report\.json\/db: cannot be written: .*plain-file is not a directory/],
    ['sweep --out, missing parent', () => [...LONG_SWEEP, '--out', join(fresh(), 'no/such')], /--out .*no\/such: cannot be written: the directory .*\/no does not exist/],
    ['sweep --out, a file', () => [...LONG_SWEEP, '--out', join(underAFile(), '..')], /--out .*plain-file: cannot be written: it is not a directory/],
    ['sweep --out, /proc', () => [...LONG_SWEEP, '--out', '/proc/liqcheck-sweep'], /--out \/proc\/liqcheck-sweep: cannot be written: cannot create a file in \/proc/],
    ['sweep --out, sweep.json is a directory', () => { const d = fresh(); mkdirSync(join(d, 'sweep.json')); return [...LONG_SWEEP, '--out', d]; }, /--out .*sweep\.json: cannot be written: it is a directory/],
    ['fixtures generate --out, parent is a file', () => [...LONG_GENERATE, '--out', underAFile()], /--out .*plain-file\/report\.json: cannot be written: .*plain-file is not a directory/],
    ['fixtures generate --out, missing parent', () => [...LONG_GENERATE, '--out', join(fresh(), 'a/b')], /--out .*a\/b: cannot be written: the directory .*\/a does not exist/],
    ['fixtures generate --out, /proc', () => [...LONG_GENERATE, '--out', '/proc/liqcheck-suite'], /--out \/proc\/liqcheck-suite: cannot be written: cannot create a file in \/proc/],
    ['check --json, missing parent', () => ['check', '--runs', '100000', '--json', join(fresh(), 'no/such/dir/report.json')], /--json .*no\/such\/dir\/report\.json: cannot be written: the directory .*no\/such\/dir does not exist/],
    ['check --junit, path is a directory', () => ['check', '--runs', '100000', '--junit', fresh()], /--junit .*: cannot be written: it is a directory/],
    ['check --failures under a file', () => ['check', '--runs', '100000', '--failures', join(underAFile(), 'db')], /--failures .*plain-file\/report\.json\/db: cannot be written: .*plain-file is not a directory/],
    ['merge --junit, /proc', () => ['merge', join(SUITE, 'manifest.json'), '--junit', '/proc/liqcheck-junit.xml'], /--junit \/proc\/liqcheck-junit\.xml: cannot be written: cannot create a file in \/proc/],
    ['params check --json, a FIFO', () => ['params', 'check', 'fixtures/params/default.json', '--json', aFifo()], /--json .*\/pipe: cannot be written: it is not a regular file/],
    ['fuzz merge --json, missing parent', () => ['fuzz', 'merge', join(SUITE, 'manifest.json'), '--json', join(fresh(), 'no/merged.json')], /--json .*no\/merged\.json: cannot be written: the directory .*\/no does not exist/],
  ];

  it.each(cases)('%s', async (_, argv, message) => {
    const args = argv();
    const t0 = performance.now();
    const r = await runCli(args);
    const ms = performance.now() - t0;
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    // nothing ran: no banner, no report, no temporary file anywhere in the test area
    expect(r.out).toBe('');
    expect(ms).toBeLessThan(10_000);
    expect(readdirSync(tmp, { recursive: true }).filter((f) => String(f).endsWith('.tmp'))).toEqual([]);
  }, 20_000);
});
