/**
 * The gate judges each engine by the policy it declares (spec §10.7, docs/protocol.md#the-policy):
 * an inline policy gets the invariants it promises enough for and REF-001 against the reference
 * under the same policy; a name the reference does not know gets the invariants that presume
 * nothing, and the output says why; `--policy FILE` configures the reference, or stands in for an
 * engine that declared none. Every run goes through the CLI as a user runs it.
 */
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../src/arbitraries/index.ts';
import { scenariosUnder } from '../src/arbitraries/policyScenario.ts';
import { runCli } from '../src/cli/__support__/runCli.ts';
import { saveFailure } from '../src/fixtures/failureDb.ts';
import { profileNamed } from '../src/profiles/profiles.ts';

const FIXTURES = new URL('../src/adapters/__fixtures__/', import.meta.url).pathname;
const module = (file: string): string => join(FIXTURES, file);

interface Report {
  readonly ok: boolean;
  readonly engine: { readonly policy: string };
  readonly tallies: readonly { readonly id: string; readonly checked: number; readonly violations: number }[];
  readonly notJudged?: readonly { readonly id: string; readonly missing: readonly string[] }[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'liqcheck-gate-policy-'));
});

/** `liqcheck check …` with a JSON report, no failure database and a fixed seed. */
async function check(...argv: string[]) {
  const json = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  const r = await runCli(['check', '--seed', '5', '--failures', '', '--json', json, ...argv]);
  let report: Report | undefined;
  try {
    report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  } catch {
    report = undefined;
  }
  return { ...r, report };
}

const tally = (r: Report | undefined, id: string) => r?.tallies.find((t) => t.id === id);
const notJudged = (r: Report | undefined) => (r?.notJudged ?? []).map((n) => n.id);

describe('check judges an engine by the policy its handshake declares', () => {
  it('an inline full-close policy: REF-001 judged against the reference under it, LIQ-004 not judged', async () => {
    const r = await check('--impl', module('fullPolicyModule.ts'), '--runs', '150');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.report?.engine.policy).toBe('full');
    expect(tally(r.report, 'REF-001')?.checked).toBe(150);
    // The full-close invariant is judged too: the engine got the policy in every scenario.
    expect(tally(r.report, 'LIQ-021')?.checked).toBe(150);
    expect(tally(r.report, 'LIQ-004')).toBeUndefined();
    expect(r.report?.notJudged).toContainEqual({ id: 'LIQ-004', missing: ['minimal'] });
    expect(r.out).toMatch(/\(module, policy full\)/);
    expect(r.out).toMatch(/^policy full: requirement tiers .*; close size full; price mark; penalty steps; loss insurance-then-socialized$/m);
    expect(r.out).toContain('not judged: LIQ-004 minimal close size (presumes minimal: policy full does not promise it)');
    expect(r.out).toMatch(/\d+ of \d+ invariants judged under policy full/);
  }, 120_000);

  it('an engine that declares full but computes minimal-close is caught by REF-001', async () => {
    const r = await check('--impl', module('fullPolicyIgnoredModule.ts'), '--runs', '150', '--invariants', 'REF-001');
    expect(r.code, r.out + r.err).toBe(1);
    expect(tally(r.report, 'REF-001')?.violations).toBeGreaterThan(0);
    expect(r.out).toMatch(/✗ REF-001 agrees with the reference model — \d+ case\(s\)/);
  }, 120_000);

  it('an unknown policy name: no REF-001 and none of the invariants that presume a promise; the output says why', async () => {
    const r = await check('--impl', module('unknownPolicyModule.ts'), '--runs', '60');
    expect(r.code, r.out + r.err).toBe(0);
    const judged = r.report!.tallies.map((t) => t.id);
    for (const id of ['REF-001', 'LIQ-002', 'LIQ-003', 'LIQ-004', 'LIQ-005', 'LIQ-006']) {
      expect(judged).not.toContain(id);
      expect(notJudged(r.report)).toContain(id);
    }
    // The invariants that presume nothing are still judged.
    for (const id of ['LIQ-001', 'LIQ-007', 'LIQ-008', 'LIQ-017', 'LIQ-018']) expect(judged).toContain(id);
    expect(r.report?.notJudged).toContainEqual({ id: 'REF-001', missing: ['runnable'] });
    expect(r.out).toContain('policy house-rules: the reference cannot run it');
    expect(r.out).toMatch(/the reference cannot run policy "house-rules": REF-001 and \d+ invariants not judged \(LIQ-002, /);
    expect(r.out).toContain('not judged: LIQ-003 post-liquidation safety (presumes restorative: policy house-rules does not promise it)');
  }, 120_000);

  it('an invalid inline policy is a clean start error naming the field, not a stack trace (exit 3)', async () => {
    const r = await check('--impl', module('badPolicyModule.mjs'), '--runs', '5');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/export `policy` is not a policy the reference can parse: policy\.closeSize\.portion: expected a decimal with 0 < x ≤ 1, received "1\.5"/);
    expect(r.err).not.toMatch(/\n\s+at /);
    // The same over the wire: a subprocess whose hello_ok carries the policy inline.
    const hello = { type: 'hello_ok', name: 'x', version: '1', protocol: '1.1', policy: { closeSize: { kind: 'fixed-portion', portion: '1.5', minimumNotional: '10' } }, features: [] };
    const engine = `python3 -c ${JSON.stringify(`import sys; sys.stdin.readline(); print(${JSON.stringify(JSON.stringify(hello))}, flush=True); sys.stdin.read()`)}`;
    const wire = await check('--impl', engine, '--runs', '5');
    expect(wire.code, wire.out + wire.err).toBe(3);
    expect(wire.err).toContain('bad hello_ok: hello_ok.policy.closeSize.portion: expected a decimal with 0 < x ≤ 1, received "1.5"');
    expect(wire.err).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('check --policy FILE', () => {
  const write = (name: string, text: string): string => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('a bad policy file exits 2 with the path, what it expects and what it received', async () => {
    const bad = write('bad.json', '{ "closeSize": { "kind": "fixed-portion", "portion": "1.5", "minimumNotional": "10" } }\n');
    const r = await runCli(['check', '--policy', bad, '--runs', '5', '--failures', '']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--policy ${bad}: 1 problem(s)`);
    expect(r.err).toContain('closeSize.portion: expected a decimal with 0 < x ≤ 1, received "1.5"');
    const notObject = write('name.json', '"minimal-close"\n');
    const named = await runCli(['check', '--policy', notObject, '--runs', '5', '--failures', '']);
    expect(named.code).toBe(2);
    expect(named.err).toMatch(/expected a policy object \(spec §10\.1\)/);
  });

  it('without --impl: the catalog runs against the reference configured with the policy', async () => {
    const full = write('full.json', '{ "closeSize": { "kind": "full" } }\n');
    const r = await check('--policy', full, '--runs', '80');
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/\(reference, policy full\)/);
    expect(tally(r.report, 'LIQ-021')?.checked).toBe(80);
    expect(notJudged(r.report)).toContain('LIQ-004');
    // The reference is not compared with itself.
    expect(tally(r.report, 'REF-001')).toBeUndefined();
  }, 120_000);

  it('with --impl: agrees with the declaration, stands in for "unspecified", and is refused against another policy', async () => {
    const full = write('full2.json', '{ "name": "my-full", "closeSize": { "kind": "full" } }\n');
    const same = await check('--policy', full, '--impl', module('fullPolicyModule.ts'), '--runs', '30');
    expect(same.code, same.out + same.err).toBe(0);
    expect(tally(same.report, 'REF-001')?.checked).toBe(30);
    // misbehavingModule.mjs has no `policy` export: the file stands in for it.
    const standIn = await check('--policy', full, '--impl', module('misbehavingModule.mjs'), '--runs', '3', '--invariants', 'LIQ-001');
    expect(standIn.out).toMatch(/\(module, policy my-full\)/);
    const other = await check('--policy', full, '--impl', module('referenceModule.ts'), '--runs', '5');
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/--policy \S+full2\.json is policy my-full \(.*close size full.*\), but the engine's handshake declares policy minimal-close \(.*close size minimal.*\)/);
  }, 120_000);
});

describe('saved failures are replayed only under the policy they were recorded under', () => {
  it('a counterexample saved under dydx-v4 is replayed by a dydx-v4 run and left alone by a drift-v2 run', async () => {
    const failures = mkdtempSync(join(dir, 'failures-'));
    const dydx = profileNamed('dydx-v4')!;
    const [sc] = fc.sample(scenariosUnder(dydx.policy, dydx.wire.policy, scenario({ params: fc.constant(dydx.params) })), { seed: 3, numRuns: 1 });
    saveFailure(failures, { scenario: sc!, invariants: ['LIQ-023'], message: 'saved by this test', engine: { name: 'a dydx-v4 engine' } });
    const same = await runCli(['check', '--profile', 'dydx-v4', '--runs', '5', '--seed', '5', '--failures', failures]);
    expect(same.code, same.out + same.err).toBe(0);
    expect(same.out).toContain('replayed 1 saved failure(s) first');
    const other = await runCli(['check', '--profile', 'drift-v2', '--runs', '5', '--seed', '5', '--failures', failures]);
    expect(other.code, other.out + other.err).toBe(0);
    expect(other.out).toContain(`1 saved failure(s) in ${failures} were recorded under another policy: not replayed`);
    expect(other.out).not.toContain('replayed 1 saved failure(s) first');
    expect(readdirSync(failures)).toHaveLength(1);
  }, 60_000);
});

describe('a run that judges no scenario is not a pass', () => {
  it('an engine supporting none of the features the scenarios need: exit 1, "No scenario was judged", the JSON report not ok', async () => {
    const r = await check('--impl', module('featurelessModule.ts'), '--runs', '20');
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toContain('No scenario was judged');
    expect(r.out).toMatch(/✗ no scenario was judged: the engine supports none of the features the 20 generated scenario\(s\) need \(its features: none;/);
    expect(r.report?.ok).toBe(false);
  }, 60_000);
});
