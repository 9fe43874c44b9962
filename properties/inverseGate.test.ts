/**
 * Inverse contracts in the gate (issue 13 item 1, spec §12): the README's command runs as pasted,
 * draws coin-margined accounts under the profile's policy, judges the price-scaling relation that
 * replaces the long/short mirror (LIQ-030) and leaves the mirror itself (LIQ-013) unjudged, and
 * passes on the reference.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shell } from './shell.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const TIMEOUT = 120_000;

/** The table row of `id`: mark, then its cases, skipped and violated counts. */
const row = (out: string, id: string): { mark: string; cases: number; violated: number } | undefined => {
  const m = new RegExp(`^([✓✗]) ${id.replace('-', '\\-')}\\s.*?\\s(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+[\\d.]+$`, 'm').exec(out);
  return m ? { mark: m[1]!, cases: Number(m[2]), violated: Number(m[4]) } : undefined;
};

describe('check --profile bybit-inverse (README)', () => {
  it('runs as pasted and passes, judging LIQ-030 and not LIQ-013', async () => {
    const command = 'npx liqcheck check --profile bybit-inverse --runs 200';
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`${command}  `);
    const r = await shell(`${command.replace(/^npx liqcheck /, `node ${join(ROOT, 'bin/liqcheck.mjs')} `)} --seed 3 --relations-every 1 --failures ''`, ROOT);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain("profile bybit-inverse's params (BTCUSD), 200 scenarios");
    expect(r.out).toMatch(/All \d+ invariants held on 200 scenarios/);
    const scaling = row(r.out, 'LIQ-030');
    expect(scaling, r.out).toBeDefined();
    expect(scaling!.cases).toBeGreaterThan(0);
    expect(scaling!.violated).toBe(0);
    expect(r.out).toMatch(/^not judged: LIQ-013 /m);
  }, TIMEOUT);
});
