/**
 * `liqcheck fixtures verify --impl ENGINE [--strict-issues]` on an engine that rejects invalid
 * input with the right code but names other issue paths than the reference (spec §8: the paths
 * are informative; docs/fixtures.md#how-answers-are-compared).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './__support__/runCli.ts';

const root = new URL('../..', import.meta.url).pathname;
const SUITE = join(root, 'fixtures/cases');
const committed = readdirSync(SUITE).sort();
const invalid = committed.find((n) => n.startsWith('invalid-two-problems-'))!;
const valid = committed.find((n) => n.startsWith('multi-position-'))!;

// Two committed cases and no manifest (content hashes only, which is not a failure), and the
// reference as a module engine, except that every invalid-input error names one path of its own.
const dir = mkdtempSync(join(tmpdir(), 'liqcheck-strict-issues-'));
const cases = join(dir, 'cases');
mkdirSync(cases);
for (const name of [invalid, valid]) copyFileSync(join(SUITE, name), join(cases, name));
const engine = join(dir, 'otherPaths.mts');
writeFileSync(
  engine,
  `import { liquidate as reference } from ${JSON.stringify(join(root, 'src/model/liquidate.ts'))};
export const name = 'other-paths';
export const policy = 'minimal-close';
export function liquidate(s: unknown) {
  const o = reference(s);
  if (o.ok || o.error.code !== 'invalid-input') return o;
  return { ok: false, error: { code: 'invalid-input', issues: [{ path: 'account', expected: 'a valid account', received: 'something else' }] } };
}
`,
);

describe('fixtures verify: issue paths', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes by default: the same code and a non-empty issues list', { timeout: 60_000 }, async () => {
    const r = await runCli(['fixtures', 'verify', cases, '--impl', engine]);
    expect(r.out).toContain('2 files: 2 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  it('fails with --strict-issues, naming the paths that differ', { timeout: 60_000 }, async () => {
    const r = await runCli(['fixtures', 'verify', cases, '--impl', engine, '--strict-issues']);
    expect(r.out).toContain(`${invalid}: the engine's issue paths differ from the reference's (--strict-issues)`);
    expect(r.out).toContain('"account.collateral"');
    expect(r.out).toContain('2 files: 1 passed, 1 failed');
    expect(r.code).toBe(1);
  });

  it('--help documents the flag', async () => {
    const r = await runCli(['fixtures', 'verify', '--help']);
    expect(r.out).toMatch(/--strict-issues\s+with --impl: an invalid-input answer must also name the same set of issue paths/);
  });
});
