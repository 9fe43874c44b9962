/**
 * `fixtures generate --workers N`: the worker count changes the speed, never the bytes. The
 * workers draw and flag candidate batches ahead of a selection that stays sequential, so the
 * suite must equal the one-thread suite file for file, whatever the timing of the answers.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';
import { main } from '../src/cli/main.ts';
import { drawCandidateBatches, generateSuite, generateSuiteOnWorkers } from '../src/fixtures/generate.ts';

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-fixtures-workers-'));

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), isTTY: false });
  return { code, out, err };
}

/** Every file of a directory and its bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

// Worker threads start through tsx and share two cores with other suites: generous, not tight.
const SLOW = 120_000;

describe('fixtures generate --workers', () => {
  it(
    'writes the same bytes with --workers 1 and --workers 2',
    async () => {
      // One directory for both runs (a previous suite may be replaced), so even the manifest's
      // recorded command, which names --out, must be identical.
      const dir = join(tmp, 'suite');
      const args = ['fixtures', 'generate', '--count', '80', '--seed', '31', '--out', dir];
      const one = await run([...args, '--workers', '1']);
      expect(one.code, one.err).toBe(0);
      const sequential = snapshot(dir);
      const two = await run([...args, '--workers', '2']);
      expect(two.code, two.err).toBe(0);
      expect(Object.keys(sequential)).toHaveLength(81);
      expect(snapshot(dir)).toEqual(sequential);
      expect(JSON.parse(sequential['manifest.json']!).command).not.toContain('--workers');
    },
    SLOW,
  );

  it(
    'gives the same suite, draw count and shortfalls in memory with 3 workers as in one thread',
    async () => {
      const o = { params: defaultParams, count: 120, seed: -5, command: 'x' };
      const here = generateSuite(o);
      const there = await generateSuiteOnWorkers({ ...o, workers: 3 });
      expect(there.cases.map((c) => [c.file, c.text])).toEqual(here.cases.map((c) => [c.file, c.text]));
      expect(there.manifest).toEqual(here.manifest);
      expect(there.draws).toBe(here.draws);
      expect(there.shortfalls).toEqual(here.shortfalls);
    },
    SLOW,
  );

  it('rejects a worker count out of range as a usage error', async () => {
    const r = await run(['fixtures', 'generate', '--count', '5', '--out', join(tmp, 'never'), '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--workers');
  });

  it('names the streams when a task asks for one that does not exist', () => {
    expect(() => drawCandidateBatches({ params: defaultParams, seed: 1, stream: 'nope', from: 0, batches: 1, open: [] })).toThrow(/stream: expected one of base, .*received "nope"/);
  });
});
