/**
 * CI reads the reports, not the log: `check --json/--junit` leave a valid, red report on every
 * exit after the run was set up — a violation (1), an engine that cannot start or that fails (3) —
 * and a green one only for a pass. (Interrupted runs: properties/gateSignals.test.ts.)
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { runCli } from '../src/cli/__support__/runCli.ts';

const SCHEMA = { fileName: 'junit.xsd', contents: readFileSync(new URL('../fixtures/schema/junit.xsd', import.meta.url), 'utf8') };

async function reportsOf(argv: readonly string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'liqcheck-reports-'));
  const json = join(dir, 'report.json');
  const junit = join(dir, 'junit.xml');
  const r = await runCli(['check', '--seed', '4', '--failures', join(dir, 'failures'), '--json', json, '--junit', junit, ...argv]);
  const xml = readFileSync(junit, 'utf8');
  const validity = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: SCHEMA });
  expect(validity.errors.map((e) => e.rawMessage)).toEqual([]);
  const suite = /<testsuite ([^>]*)>/.exec(xml)![1]!;
  const attr = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)![1]);
  return { ...r, report: JSON.parse(readFileSync(json, 'utf8')) as { ok: boolean; startError?: string }, xml, failures: attr('failures'), errors: attr('errors') };
}

describe('check writes valid reports on every exit', () => {
  it('exit 0: a green report', async () => {
    const r = await reportsOf(['--runs', '30']);
    expect(r.code).toBe(0);
    expect(r.report.ok).toBe(true);
    expect([r.failures, r.errors]).toEqual([0, 0]);
  });

  it('exit 1: the violated invariant is a <failure>', async () => {
    const r = await reportsOf(['--runs', '300', '--impl', 'node examples/js/engine.mjs --bug one-lot-short', '--invariants', 'LIQ-003']);
    expect(r.code, r.out).toBe(1);
    expect(r.report.ok).toBe(false);
    expect(r.failures).toBeGreaterThan(0);
    expect(r.xml).toMatch(/<failure [^>]*type="LIQ-003"/);
  });

  it('exit 3: an engine that cannot be started leaves a red report with an <error>', async () => {
    const r = await reportsOf(['--runs', '30', '--impl', 'liqcheck-no-such-engine-command --liqcheck']);
    expect(r.code).toBe(3);
    expect(r.report.ok).toBe(false);
    expect(r.report.startError).toMatch(/could not run it|failed to start/);
    expect(r.errors).toBeGreaterThan(0);
    expect(r.xml).toMatch(/start-error/);
  });

  it('exit 3: an engine that crashes is an <error>, never a <failure>', async () => {
    const r = await reportsOf(['--runs', '20', '--timeout', '2000', '--impl', 'python3 examples/pathological/crash.py --when after:3']);
    expect(r.code).toBe(3);
    expect(r.report.ok).toBe(false);
    expect(r.errors).toBeGreaterThan(0);
    expect(r.failures).toBe(0);
  });
});
