/**
 * `liqcheck fuzz`: parameter-level properties on the reference (they hold on valid parameter sets
 * for the claims the parameters make), counterexamples for a claim they do not make (shrunk to the
 * account at the maximum leverage, saved as a fixture the reference replays), determinism, shards
 * and workers giving the same figures as one run, and Ctrl-C writing what was found.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';
import { riskParams } from '../src/arbitraries/riskParams.ts';
import { runCli } from '../src/cli/__support__/runCli.ts';
import { readFixtureFile } from '../src/fixtures/read.ts';
import { checkParams } from '../src/invariants/checkParams.ts';
import { penaltyBelowMaintenance } from '../src/invariants/params/penaltyBelowMaintenance.ts';
import type { FuzzReport } from '../src/fuzz/fuzzReport.ts';
import { runFuzzUnit } from '../src/fuzz/fuzzUnit.ts';
import { mergeFuzzReports } from '../src/fuzz/mergeFuzzReports.ts';
import { runFuzz, type FuzzOptions } from '../src/fuzz/runFuzz.ts';
import { Dec } from '../src/model/decimal.ts';
import { deepFreeze } from '../src/model/frozen.ts';
import { SEED } from './profile.ts';

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-fuzz-'));
const params = deepFreeze(structuredClone(defaultParams));
const base: FuzzOptions = {
  params,
  paramsFile: '(built-in)',
  paramsText: JSON.stringify(params),
  seed: SEED,
  runs: 150,
  shocks: ['0.01', '0.05'],
  steps: 3,
  claim: null,
  workers: 1,
  shard: { index: 0, count: 1 },
  search: 100,
  failuresDir: null,
};
/** A report without its timings, for equality. */
const untimed = (r: FuzzReport) => JSON.parse(JSON.stringify(r, (k, v: unknown) => (k === 'ms' || k === 'raw' ? undefined : v))) as unknown;

describe('parameter-level properties on the reference', () => {
  it('PRM-001 (the implied cushion) and PRM-002 hold on generated parameter sets that claim PAR-002', async () => {
    const sets = fc.sample(riskParams({ penalty: 'below' }), { seed: SEED, numRuns: 6 });
    for (const [i, p] of sets.entries()) {
      const r = await runFuzzUnit({ params: deepFreeze(p), seed: SEED + i, unit: 0, runs: 60, shocks: [], steps: 2, claim: null, shrinkMs: 5000 });
      const bad = r.properties.filter((t) => t.violations > 0).map((t) => `${t.id}: ${t.first?.message}`);
      expect(bad, `params #${i} (seed ${SEED}): ${JSON.stringify(p)}`).toEqual([]);
      expect(r.catalog.ok).toBe(true);
      // PRM-002 is judged when the set claims PAR-002 (with a price impact it may not).
      const claims = checkParams(p, [penaltyBelowMaintenance]).length === 0;
      expect(r.properties.find((t) => t.id === 'PRM-002')!.checked > 0).toBe(claims);
    }
  });

  it('reports figures that add up, and the same figures for the same seed', async () => {
    const a = await runFuzz(base);
    expect(a.ok).toBe(true);
    for (const s of a.figures.shocks) {
      expect(s.accounts).toBe(150);
      expect(s.partial + s.full + s.bankrupt).toBe(s.liquidations);
      expect(s.withBadDebt).toBeLessThanOrEqual(s.liquidated);
      expect(new Dec(s.badDebtBp.p99).gte(s.badDebtBp.p95)).toBe(true);
    }
    const b = a.figures.boundary;
    expect(b.partial + b.full + b.bankrupt).toBe(b.liquidations);
    // Survivable moves stay above the cushion the parameters imply (the figure PRM-001 rests on).
    for (const row of a.figures.survivable!) expect(new Dec(row.worst).gte(row.cushion), `${row.leverage}×`).toBe(true);
    expect(untimed(await runFuzz(base))).toEqual(untimed(a));
  });
});

describe('a claim the parameters do not make', () => {
  it('is broken by a position at the maximum leverage: shrunk, saved as a fixture the reference replays with bad debt', async () => {
    const failures = join(tmp, 'failures');
    const json = join(tmp, 'claim.json');
    const r = await runCli(['fuzz', '--runs', '100', '--seed', String(SEED), '--claim', '0.05', '--shocks', '0.05', '--search', '50', '--failures', failures, '--json', json]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ PRM-001 no bad debt within the initial-margin cushion/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as FuzzReport;
    const cx = report.properties.find((p) => p.id === 'PRM-001')!.counterexample!;
    expect(cx.message).toMatch(/leverage [\d.]+×, bracket maximum [\d.]+×\), moved 5% against it/);
    // Shrinking drives the leverage gene to 0: opened at exactly the initial margin of its bracket.
    const lev = /leverage ([\d.]+)×, bracket maximum ([\d.]+)×/.exec(cx.message)!;
    expect(Number(lev[1]) / Number(lev[2]), cx.message).toBeGreaterThan(0.99);
    const fixture = readFixtureFile(cx.file!);
    expect(fixture.ok).toBe(true);
    if (!fixture.ok || !('expected' in fixture.fixture)) throw new Error('expected a result fixture');
    expect(fixture.fixture.provenance.found?.invariants).toEqual(['PRM-001']);
    expect(new Dec(fixture.fixture.expected.badDebt).gt(0)).toBe(true);
    const replay = await runCli(['replay', cx.file!]);
    expect(replay.code).toBe(0);
  });
});

describe('long runs', () => {
  it('shards merged, and worker threads, give the figures of one run', async () => {
    const opts = { ...base, runs: 1100, search: 0, shocks: ['0.02'] };
    const whole = await runFuzz({ ...opts, workers: 2 });
    const shards = await Promise.all([0, 1].map((index) => runFuzz({ ...opts, shard: { index, count: 2 } })));
    const files = shards.map((s, i) => {
      const f = join(tmp, `shard-${i}.json`);
      writeFileSync(f, JSON.stringify(s));
      return f;
    });
    const merged = mergeFuzzReports(shards);
    expect(merged.units.done).toEqual([0, 1]);
    expect(merged.figures).toEqual(whole.figures);
    expect(merged.properties.map((p) => [p.id, p.checked, p.violations])).toEqual(whole.properties.map((p) => [p.id, p.checked, p.violations]));
    expect(merged.catalog!.cases).toBe(1100);
    expect(merged.catalog!.tallies).toEqual(whole.catalog!.tallies.map((t) => ({ ...t, ms: expect.any(Number) })));
    const cli = await runCli(['fuzz', 'merge', ...files, '--json', join(tmp, 'merged.json')]);
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('No violation in 2/2 unit(s)');
    expect((await runCli(['fuzz', 'merge', files[0]!, files[0]!])).err).toMatch(/shard 1\/2 is given twice/);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops the run and still writes the report atomically (exit %d)', async (signal, exit) => {
    const json = join(tmp, `interrupted-${signal}.json`);
    const child = spawn(process.execPath, ['bin/liqcheck.mjs', 'fuzz', '--runs', '100000', '--search', '0', '--workers', '2', '--failures', '', '--json', json], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LIQCHECK_PROGRESS: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    // Two tasks done (the survivable-move panel and at least one unit): then Ctrl-C.
    child.stderr.on('data', (d: Buffer) => {
      err += String(d);
      if (/\b[2-9]\/101 tasks/.test(err) && child.exitCode === null && !child.killed) child.kill(signal);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code, `${out}\n${err}`).toBe(exit);
    expect(err).toContain(`${signal} — stopping after the work in flight`);
    expect(out).toMatch(/Interrupted after \d+\/100 unit\(s\)/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as FuzzReport;
    expect(report.interrupted).toBe(true);
    expect(report.units.done.length).toBeGreaterThan(0);
    expect(report.figures.shocks[0]!.accounts).toBe(report.units.done.length * 1000);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(json)).toBe(true);
  }, 60_000);
});

describe('bad input', () => {
  it.each([
    [['fuzz', '--shocks', '5%'], /--shocks: expected fractions in \(0, 1\)/],
    [['fuzz', '--claim', '1.5'], /--claim: expected a fraction in \(0, 1\)/],
    [['fuzz', '--shard', '3/2'], /--shard: expected I\/N/],
    [['fuzz', '--workers', '0'], /--workers: expected an integer from 1/],
  ])('%j exits 2 naming the option', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
