/**
 * Multi-asset collateral in the gate (issue 13 item 2, spec §13): the README's command runs as
 * pasted, draws accounts holding collateral assets under the profile's policy, judges the three
 * invariants of §13.6 (haircut monotonicity, sales bounded by their goal, no negative asset) on
 * them, and passes on the reference.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shell } from './shell.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const TIMEOUT = 120_000;

/** The table row of `id`: mark, then its cases and violated counts. */
const row = (out: string, id: string): { mark: string; cases: number; violated: number } | undefined => {
  const m = new RegExp(`^([✓✗]) ${id.replace('-', '\\-')}\\s.*?\\s(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+[\\d.]+$`, 'm').exec(out);
  return m ? { mark: m[1]!, cases: Number(m[2]), violated: Number(m[4]) } : undefined;
};

describe('check --profile mango-v4 (README)', () => {
  it('runs as pasted and passes, judging LIQ-031, LIQ-032 and LIQ-033', async () => {
    const command = 'npx liqcheck check --profile mango-v4 --runs 200';
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`${command}  `);
    const r = await shell(`${command.replace(/^npx liqcheck /, `node ${join(ROOT, 'bin/liqcheck.mjs')} `)} --seed 3 --relations-every 1 --failures ''`, ROOT);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/All \d+ invariants held on 200 scenarios/);
    for (const id of ['LIQ-031', 'LIQ-032', 'LIQ-033']) {
      const judged = row(r.out, id);
      expect(judged, `${id} in\n${r.out}`).toBeDefined();
      expect(judged!.cases, id).toBeGreaterThan(0);
      expect(judged!.violated, id).toBe(0);
    }
  }, TIMEOUT);
});
