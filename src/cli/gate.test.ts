/** The gate's CLI surface that needs no external engine: shards, merge, reports, failures. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogReport } from '../runner/runCatalog.ts';
import { runCli } from './__support__/runCli.ts';

const run = runCli;

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-gate-'));

describe('shards and merge', () => {
  it('splits the cases of a run into disjoint shards whose merge is the whole run', async () => {
    const base = ['check', '--runs', '90', '--seed', '21', '--failures', ''];
    const whole = await run([...base, '--json', join(tmp, 'whole.json')]);
    expect(whole.code).toBe(0);
    for (const i of [1, 2, 3]) expect((await run([...base, '--shard', `${i}/3`, '--json', join(tmp, `s${i}.json`)])).code).toBe(0);
    const shards = [1, 2, 3].map((i) => JSON.parse(readFileSync(join(tmp, `s${i}.json`), 'utf8')) as CatalogReport);
    expect(shards.map((s) => s.cases)).toEqual([30, 30, 30]);
    const merged = await run(['merge', ...[1, 2, 3].map((i) => join(tmp, `s${i}.json`)), '--json', join(tmp, 'merged.json'), '--junit', join(tmp, 'merged.xml')]);
    expect(merged.code).toBe(0);
    const m = JSON.parse(readFileSync(join(tmp, 'merged.json'), 'utf8')) as CatalogReport;
    const w = JSON.parse(readFileSync(join(tmp, 'whole.json'), 'utf8')) as CatalogReport;
    expect(m.cases).toBe(90);
    // Every tally of the merged shards equals the single run's.
    expect(m.tallies.map((t) => [t.id, t.checked, t.skipped, t.violations])).toEqual(w.tallies.map((t) => [t.id, t.checked, t.skipped, t.violations]));
    // The shards agree on what the policy left out, and the merge keeps it (spec §10.7).
    expect(m.notJudged).toEqual(w.notJudged);
    // A testcase per invariant judged and per invariant not judged (skipped), and the engine's.
    const tests = w.tallies.length + (w.notJudged?.length ?? 0) + 1;
    expect(readFileSync(join(tmp, 'merged.xml'), 'utf8')).toMatch(new RegExp(`<testsuites name="liqcheck" tests="${tests}" failures="0" errors="0"`));
  });

  it('refuses to merge shards of different runs, or a shard twice, and says which', async () => {
    const a = join(tmp, 'a.json');
    const b = join(tmp, 'b.json');
    await run(['check', '--runs', '10', '--seed', '1', '--shard', '1/2', '--failures', '', '--json', a]);
    await run(['check', '--runs', '10', '--seed', '2', '--shard', '2/2', '--failures', '', '--json', b]);
    expect((await run(['merge', a, b])).err).toMatch(/not shards of one run: seed 2\/1/);
    expect((await run(['merge', a, a])).err).toMatch(/shard 1\/2 is given twice/);
    expect((await run(['merge', join(tmp, 'nope.json')])).code).toBe(2);
    expect((await run(['merge', a])).code).toBe(1); // incomplete: shard 2/2 missing
  });

  it.each([
    [['check', '--shard', '3/2'], /--shard: expected I\/N with 1 ≤ I ≤ N, received "3\/2"/],
    [['check', '--shard', 'half'], /--shard: expected I\/N/],
    [['check', '--timeout', '0'], /--timeout: expected an integer from 1 to 3600000, received "0"/],
    [['check', '--tolerance-quote', '1e-6'], /--tolerance-quote: expected a decimal ≥ 0 such as 0.000001, received "1e-6"/],
    [['merge'], /merge: expected the JSON reports of the shards, received none/],
  ])('%j is a usage error', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
