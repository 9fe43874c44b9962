import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../arbitraries/defaultParams.ts';
import { CATALOG } from '../invariants/catalog.ts';
import { REFERENCE_POLICY } from '../policy/policy.ts';
import { judgedBy, promisesOf } from '../policy/promises.ts';
import { runCli } from './__support__/runCli.ts';

/** LIQ-000 and the catalog's invariants the reference policy promises enough for (spec §10.7). */
const JUDGED = 1 + judgedBy(CATALOG, promisesOf(REFERENCE_POLICY)).judged.length;

const run = runCli;

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-cli-'));

describe('liqcheck check', () => {
  it('runs the catalog on the built-in profile and exits 0', async () => {
    const r = await run(['check', '--runs', '60', '--seed', '7']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('seed 7');
    expect(r.out).toMatch(/✓ LIQ-003 {2}post-liquidation safety/);
    expect(r.out).toContain(`All ${JUDGED} invariants held on 60 scenarios`);
  });

  it('is reproducible: the same seed prints the same table (timings aside)', async () => {
    const strip = (s: string) => s.replace(/ +\d+\.\d\n/g, '\n').replace(/\((\d+(\.\d+)? m?s|\d+ min \d+ s)\)/, '');
    expect(strip((await run(['check', '--runs', '40', '--seed', '11'])).out)).toBe(strip((await run(['check', '--runs', '40', '--seed', '11'])).out));
  });

  it('runs a chosen subset and writes a JSON report', async () => {
    const file = join(tmp, 'report.json');
    const r = await run(['check', '--runs', '20', '--seed', '1', '--invariants', 'LIQ-007,LIQ-003', '--json', file]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8')) as { tallies: { id: string }[] };
    expect(report.tallies.map((t) => t.id)).toEqual(['LIQ-000', 'LIQ-003', 'LIQ-007']);
  });

  it('accepts a params file', async () => {
    const file = join(tmp, 'params.json');
    writeFileSync(file, JSON.stringify(defaultParams));
    expect((await run(['check', '--runs', '10', '--params', file])).code).toBe(0);
  });

  it.each([
    [['check', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['check', '--runs', 'ten'], /--runs: expected an integer from 1 to 100000000, received "ten"/],
    [['check', '--runs', '0'], /--runs: expected an integer/],
    [['check', '--invariants', 'LIQ-999'], /--invariants: unknown id\(s\) LIQ-999/],
    [['check', '--params', '/nonexistent/p.json'], /--params \/nonexistent\/p.json: 1 problem\(s\)\n  params: expected a readable file, received an error \(ENOENT/],
    [['chek'], /unknown command "chek"/],
  ])('%j is a usage error (exit 2, one line, no stack trace)', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('reports every problem of a malformed params file with its field path', async () => {
    const file = join(tmp, 'bad.json');
    const bad = structuredClone(defaultParams) as unknown as { markets: Record<string, { tiers: { maintenanceAmount: string }[] }>; targetBuffer: string };
    bad.markets['BTC-PERP']!.tiers[1]!.maintenanceAmount = '7';
    bad.targetBuffer = '-0.1';
    writeFileSync(file, JSON.stringify(bad));
    const r = await run(['check', '--params', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('params.markets["BTC-PERP"].tiers[1].maintenanceAmount: expected maintenanceAmount = 50');
    expect(r.err).toContain('params.targetBuffer');
    writeFileSync(file, '{"quoteScale": 6,');
    expect((await run(['check', '--params', file])).err).toMatch(/expected JSON, received a syntax error/);
  });
});

describe('the liqcheck binary', () => {
  it('goes on without stdout when its reader goes away (`| head -1`): no stack trace, the report still written', () => {
    const json = join(tmp, 'epipe.json');
    // `head -1` exits after the first line, closing the pipe while check still prints.
    const r = spawnSync('sh', ['-c', `node bin/liqcheck.mjs check --runs 200 --seed 5 --json ${json} | head -1`], {
      encoding: 'utf8',
      cwd: new URL('../..', import.meta.url).pathname,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { cases: number; ok: boolean };
    expect([report.cases, report.ok]).toEqual([200, true]);
  });

  it('runs as the README says (npx liqcheck check)', () => {
    const out = execFileSync('npx', ['liqcheck', 'check', '--runs', '30', '--seed', '3'], { encoding: 'utf8', cwd: new URL('../..', import.meta.url).pathname });
    expect(out).toContain(`All ${JUDGED} invariants held on 30 scenarios`);
  });
  it('exits 2 on a usage error', () => {
    const r = spawnSync('node', ['bin/liqcheck.mjs', 'check', '--nope'], { encoding: 'utf8', cwd: new URL('../..', import.meta.url).pathname });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown option '--nope'");
  });
});
