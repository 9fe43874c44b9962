/**
 * A red run keeps its evidence whatever stops it: SIGINT and SIGTERM stop `check` cleanly (the
 * summary of what ran, reports marked interrupted, failures saved, exit 130/143), and kill -9 still
 * leaves every counterexample found so far on disk, because each is saved the moment it is found.
 * The gate runs as a user runs it (`node bin/liqcheck.mjs`), against a buggy example engine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFixtureFile } from '../src/fixtures/read.ts';

const root = new URL('..', import.meta.url).pathname;

interface Stopped {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
  readonly dir: string;
  readonly failures: string;
}

/**
 * Starts a long `check` against an engine with a bug found in the first few hundred cases, waits
 * until its first counterexample is on disk, then sends `signal`.
 */
async function stopMidRun(signal: NodeJS.Signals, command: readonly string[] = []): Promise<Stopped> {
  const dir = mkdtempSync(join(tmpdir(), 'liqcheck-signals-'));
  const failures = join(dir, 'failures');
  const argv = command.length > 0
    ? command
    : ['check', '--impl', 'node examples/js/engine.mjs --bug round-nearest', '--runs', '10000000', '--seed', '3', '--failures', failures, '--json', join(dir, 'report.json'), '--junit', join(dir, 'junit.xml')];
  const child = spawn('node', ['bin/liqcheck.mjs', ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += String(d)));
  child.stderr.on('data', (d: Buffer) => (err += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  const saved = (): string[] => {
    try {
      return readdirSync(failures).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
  };
  const t0 = Date.now();
  while (saved().length === 0 && child.exitCode === null && Date.now() - t0 < 90_000) await new Promise((r) => setTimeout(r, 50));
  expect(saved().length, `no counterexample saved while running\n${out}\n${err}`).toBeGreaterThan(0);
  child.kill(signal);
  const end = await exited;
  return { ...end, out, err, dir, failures };
}

describe('check stopped by a signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: prints what ran, writes both reports marked interrupted, keeps the failures, exits %d', async (signal, exit) => {
    const r = await stopMidRun(signal);
    expect(r.code, `${r.out}\n${r.err}`).toBe(exit);
    expect(r.err).toContain(`${signal} — stopping after the work in flight`);
    expect(r.out).toMatch(new RegExp(`Interrupted by ${signal} after \\d+ of 10000000 scenarios: NOT a pass`));
    expect(r.out).toMatch(/✗ LIQ-006 .*\(not shrunk: the run was stopped\)/);
    expect(r.out).toMatch(/saved as: +\S+failure-[0-9a-f]+\.json/);
    const report = JSON.parse(readFileSync(join(r.dir, 'report.json'), 'utf8')) as { interrupted?: string; ok: boolean; cases: number };
    expect(report.interrupted).toBe(signal);
    expect(report.ok).toBe(false);
    expect(report.cases).toBeGreaterThan(0);
    expect(readFileSync(join(r.dir, 'junit.xml'), 'utf8')).toMatch(/interrupted/);
    for (const f of readdirSync(r.failures)) expect(readFixtureFile(join(r.failures, f)).ok, f).toBe(true);
    expect(readdirSync(r.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('kill -9: every counterexample found so far is already on disk, as a valid fixture', async () => {
    const r = await stopMidRun('SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    const files = readdirSync(r.failures).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const fx = readFixtureFile(join(r.failures, f));
      expect(fx.ok, f).toBe(true);
      if (fx.ok) expect(fx.fixture.provenance.found?.invariants.length).toBeGreaterThan(0);
    }
    // SIGKILL can land between a write's open and its rename (the shrunk form replacing a found
    // one, or the next counterexample): that leaves one hidden temp file of writeFileAtomic's
    // naming, never a partial .json. Nothing sweeps it up, since another run may share the directory
    // and be mid-write; readers ignore it.
    const litter = readdirSync(r.failures).filter((f) => !f.endsWith('.json'));
    for (const f of litter) expect(f).toMatch(/^\.failure-[0-9a-f]+\.json\.[0-9a-f-]{36}\.tmp$/);
    expect(litter.length).toBeLessThanOrEqual(1);
  }, 120_000);
});
