/**
 * In-process module engines cannot end the gate or fake its verdict: the real CLI, spawned as a
 * user runs it, against modules that call process.exit(0) or never return. Spawned rather than run
 * in-process, because only a separate process shows what process.exit would do to the gate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

describe('liqcheck check --impl <module> (a hostile in-process engine)', () => {
  it.each([
    ['src/adapters/__fixtures__/exit0Module.mjs', /crash: the engine exited with code 0 /],
    ['src/adapters/__fixtures__/loopModule.mjs', /timeout: no answer within 300 ms/],
  ])('reports %s as an engine failure with its input (exit 3), within a bounded time', (impl, why) => {
    const failures = mkdtempSync(join(tmpdir(), 'liqcheck-module-isolation-'));
    const t0 = Date.now();
    const r = spawnSync('node', ['bin/liqcheck.mjs', 'check', '--impl', impl, '--runs', '20', '--timeout', '300', '--seed', '3', '--failures', failures], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(Date.now() - t0).toBeLessThan(100_000);
    expect(r.status, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toMatch(/the engine crashed, hung or broke the protocol on \d+ request\(s\)/);
    expect(r.stdout).toMatch(why);
    expect(r.stdout).toMatch(/input: \{"params"/);
  });
});
