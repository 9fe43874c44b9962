/**
 * The real gate, run as a user runs it (`node bin/liqcheck.mjs check --impl …`), against the
 * example engines: correct ones pass, each buggy one fails with the invariant it breaks, and
 * engines that hang, crash or print garbage are reported as such (exit 3) without hanging the gate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../src/invariants/catalog.ts';
import { REFERENCE_POLICY } from '../src/policy/policy.ts';
import { judgedBy, promisesOf } from '../src/policy/promises.ts';

/** LIQ-000, the catalog's invariants the reference policy promises enough for, and REF-001. */
const JUDGED = 2 + judgedBy(CATALOG, promisesOf(REFERENCE_POLICY)).judged.length;

const root = new URL('..', import.meta.url).pathname;

function gate(impl: string, ...extra: string[]) {
  const failures = mkdtempSync(join(tmpdir(), 'liqcheck-gate-cli-'));
  const r = spawnSync('node', ['bin/liqcheck.mjs', 'check', '--impl', impl, '--seed', '11', '--failures', failures, ...extra], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, saved: readdirSync(failures) };
}

describe('liqcheck check --impl (the CLI, end to end)', () => {
  it.each([
    ['python3 examples/python/engine.py'],
    ['node examples/js/engine.mjs'],
    ['./examples/js/engine.mjs'],
  ])('passes the correct engine %s: every invariant and REF-001 hold (exit 0)', (impl) => {
    const r = gate(impl, '--runs', '120');
    expect(r.err).toBe('');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/✓ REF-001/);
    expect(r.out).toContain(`All ${JUDGED} invariants held on 120 scenarios`);
    expect(r.saved).toEqual([]);
  });

  it.each([
    ['python3 examples/python/engine.py --bug one-lot-short', 'LIQ-003'],
    ['python3 examples/python/engine.py --bug uncapped-penalty', 'LIQ-010'],
    ['python3 examples/python/engine.py --bug ignores-dust', 'LIQ-009'],
    ['node examples/js/engine.mjs --bug round-nearest', 'LIQ-006'],
    ['node examples/js/engine.mjs --bug insurance-overdrawn', 'LIQ-011'],
  ])('fails %s with %s (exit 1), saves the counterexample and prints the replay command', (impl, id) => {
    const r = gate(impl, '--runs', '300');
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(new RegExp(`✗ ${id} `));
    expect(r.out).toMatch(/replay: +npx liqcheck replay \S+failure-[0-9a-f]+\.json --impl /);
    expect(r.saved.length).toBeGreaterThan(0);
  });

  it('reports an engine that hangs as a timeout on the input that caused it (exit 3), within the deadline', () => {
    const t0 = Date.now();
    const r = gate('python3 examples/pathological/hang.py --when after:5', '--runs', '20', '--timeout', '300', '--invariants', 'LIQ-003');
    expect(r.code, r.out + r.err).toBe(3);
    expect(r.out).toMatch(/the engine crashed, hung or broke the protocol on \d+ request\(s\)/);
    expect(r.out).toMatch(/timeout: /);
    expect(r.out).toMatch(/input: \{"params"/);
    expect(Date.now() - t0).toBeLessThan(100_000);
  });

  it('reports an engine that crashes with its stderr tail (exit 3)', () => {
    const r = gate('python3 examples/pathological/crash.py --when after:3', '--runs', '20', '--invariants', 'LIQ-003');
    expect(r.code, r.out + r.err).toBe(3);
    expect(r.out).toMatch(/crash: /);
    expect(r.out).toMatch(/stderr/);
  });

  it('reports an engine that prints garbage as a protocol error (exit 3)', () => {
    const r = gate('python3 examples/pathological/garbage.py --mode non-json', '--runs', '10', '--invariants', 'LIQ-003');
    expect(r.code, r.out + r.err).toBe(3);
    expect(r.out).toMatch(/protocol-error: /);
  });

  it('exits 3 with one line when the engine cannot be started', () => {
    const r = gate('./no/such/engine --flag', '--runs', '5');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^liqcheck: the engine could not be started: /);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
