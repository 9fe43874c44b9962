import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/__support__/runCli.ts';

const run = promisify(execFile);
const BIN = new URL('../../../bin/liqcheck.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'liqcheck-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small sweep: 3 × 2 cells and 2 threshold rows, 8 tasks, 60 accounts × 20 steps each. */
const SWEEP = ['sweep', '--cascade', '--profile', 'binance-usdm', '--accounts-count', '60', '--steps', '20', '--seed', '7', '--x', 'shock=-0.02:-0.06:3', '--y', 'depth=100000000:200000000:2', '--max-bad-debt', '0.001', '--resolution', '0.01', '--no-judge'];

async function liqcheck(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const report = (d: string) => JSON.parse(readFileSync(join(d, 'cascade-sweep.json'), 'utf8')) as Record<string, unknown>;
/** The report's bytes with its one timing field zeroed (docs/distributed.md). */
const bytesWithoutMs = (d: string) => readFileSync(join(d, 'cascade-sweep.json'), 'utf8').replace(/\n {2}"ms": [0-9.e+-]+\n/, '\n  "ms": 0\n');

describe('sweep --cascade --shard i/n and merge, as separate processes', () => {
  const whole = join(dir, 'whole');
  const shard = (i: number) => join(dir, `shard-${i}`);
  const merged = join(dir, 'merged');

  it('merges three shards into the report of one run, byte for byte but ms', async () => {
    // The shards as separate processes; the whole run here, meanwhile.
    const results = await Promise.all([
      runCli([...SWEEP, '--out', whole]).then((r) => ({ code: r.code, stdout: r.out, stderr: r.err })),
      liqcheck([...SWEEP, '--shard', '1/3', '--out', shard(1)]),
      // The Kubernetes form: the index from JOB_COMPLETION_INDEX (0-based).
      liqcheck([...SWEEP, '--shard', 'env/3', '--out', shard(2)], { JOB_COMPLETION_INDEX: '1' }),
      liqcheck([...SWEEP, '--shard', '3/3', '--out', shard(3)]),
    ]);
    for (const r of results) expect(r.stderr + r.code).toMatch(/0$/);
    // Each shard ran its own tasks: index ≡ i − 1 (mod 3) of the 6 cells and then the 2 rows.
    const ran = (d: string) => {
      const r = report(d) as { cells: unknown[]; thresholds: unknown[]; shard: unknown };
      return [r.shard, r.cells.map((c) => c !== null), r.thresholds.map((t) => t !== null)];
    };
    expect(ran(shard(2))).toEqual([{ index: 2, count: 3 }, [false, true, false, false, true, false], [false, true]]);
    expect(ran(shard(3))).toEqual([{ index: 3, count: 3 }, [false, false, true, false, false, true], [false, false]]);
    const m = await runCli(['merge', join(shard(3), 'cascade-sweep.json'), join(shard(1), 'cascade-sweep.json'), join(shard(2), 'cascade-sweep.json'), '--out', merged]);
    expect(m.err + m.code).toMatch(/0$/);
    expect(m.out).toContain('3 cascade sweep shard(s)');
    expect(bytesWithoutMs(merged)).toBe(bytesWithoutMs(whole));
    expect(readFileSync(join(merged, 'cascade-sweep.csv'), 'utf8')).toBe(readFileSync(join(whole, 'cascade-sweep.csv'), 'utf8'));
    expect(readFileSync(join(merged, 'thresholds.csv'), 'utf8')).toBe(readFileSync(join(whole, 'thresholds.csv'), 'utf8'));
  }, 60_000);

  it('refuses an incomplete set, a shard twice, and a shard of another sweep', async () => {
    const a = join(shard(1), 'cascade-sweep.json');
    const b = join(shard(2), 'cascade-sweep.json');
    const missing = await runCli(['merge', a, b, '--json', join(dir, 'x.json')]);
    expect([missing.code, missing.err]).toEqual([2, 'liqcheck: merge: shards missing: 3/3 (given 1/3, 2/3)\n']);
    const twice = await runCli(['merge', a, a, '--json', join(dir, 'x.json')]);
    expect(twice.err).toMatch(/shard 1\/3 given twice/);
    const other = { ...report(shard(3)), criterion: { maxBadDebt: '0.5', cascadeRounds: null } };
    const otherFile = join(dir, 'other.json');
    writeFileSync(otherFile, JSON.stringify(other));
    const mixed = await runCli(['merge', a, b, otherFile, '--json', join(dir, 'x.json')]);
    expect(mixed.err).toMatch(/other\.json: not a shard of the same sweep/);
    const badEnv = await runCli([...SWEEP, '--shard', 'env/3', '--out', join(dir, 'never')]);
    expect([badEnv.code, process.env['JOB_COMPLETION_INDEX'] === undefined ? /JOB_COMPLETION_INDEX must be set/.test(badEnv.err) : true]).toEqual([2, true]);
  }, 30_000);
});
