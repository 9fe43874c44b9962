/**
 * The shipped schemas of the protocol and the reports, checked independently of TypeBox: each
 * compiles in ajv as draft 2020-12, equals its committed file, and accepts what liqcheck and the
 * example engines really write (and the readers refuse what does not fit, naming the field).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { helloMessage, liquidateLine, liquidateRefLine, paramsLine, splitScenario } from '../adapters/protocol.ts';
import { defaultParams } from '../arbitraries/defaultParams.ts';
// @ts-expect-error -- a plain JavaScript example engine, without declarations
import { startHttpEngine } from '../../examples/js/httpEngine.mjs';
import { runCli } from '../cli/__support__/runCli.ts';
import { runFuzz } from '../fuzz/runFuzz.ts';
import { checkEngine } from '../gate/checkEngine.ts';
import { deepFreeze } from '../model/frozen.ts';
import type { Scenario } from '../model/types.ts';
import { oneLotShort } from '../zoo/oneLotShort.ts';
import { messageSchemaFiles } from './messageSchemaFiles.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-wire-'));
const read = (name: string): Record<string, unknown> => JSON.parse(readFileSync(resolve(ROOT, 'fixtures/schema', name), 'utf8')) as Record<string, unknown>;

/** The committed schema file compiled by ajv (a fresh instance each: the $ids stay unique). */
function compiled(name: string, def?: string): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const schema = read(name);
  ajv.addSchema(schema);
  return ajv.getSchema(def === undefined ? String(schema['$id']) : `${String(schema['$id'])}#/$defs/${def}`)!;
}

function expectValid(validate: ValidateFunction, value: unknown, what: string): void {
  const ok = validate(value);
  expect(ok ? [] : validate.errors, what).toEqual([]);
}

const scenario: Scenario = JSON.parse(
  '{"params":{"quoteScale":2,"trigger":"strict","targetBuffer":"0.01","penalty":{"steps":[{"maxMarginRatio":"1","rate":"0.01"}],"liquidatorShare":"0.5"},"dustNotional":"0","priceImpact":"0","markets":{"BTC-PERP":{"lotSize":"0.01","tickSize":"0.5","tiers":[{"notionalFloor":"0","maintenanceRate":"0.05","maintenanceAmount":"0","initialRate":"0.1"}]}}},"marks":{"BTC-PERP":"28000"},"account":{"collateral":"6500","positions":[{"market":"BTC-PERP","size":"2","entryPrice":"30000"}]},"insuranceFund":"1000"}',
) as Scenario;
const offGrid = { ...scenario, account: { ...scenario.account, positions: [{ market: 'BTC-PERP', size: '2.005', entryPrice: '30000' }] } };

describe('shipped schemas of the protocol and the reports', () => {
  it.each(messageSchemaFiles().map((f) => [f.name, f.text] as const))('%s compiles in ajv (draft 2020-12) and is the committed file', (name, text) => {
    expect(readFileSync(resolve(ROOT, 'fixtures/schema', name), 'utf8')).toBe(text);
    const schema = JSON.parse(text) as Record<string, unknown>;
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(String(schema['$id'])).toMatch(/^urn:liqcheck:[a-z-]+:1$/);
    expect(typeof compiled(name)).toBe('function');
  });

  it.each([
    [process.execPath, 'examples/js/engine.mjs'],
    ['python3', 'examples/python/engine.py'],
  ])('protocol-1: every gate line and every reply of %s %s fits its message', (cmd, script) => {
    const split = splitScenario(offGrid)!;
    const gate = [
      JSON.stringify(helloMessage()),
      liquidateLine(1, scenario),
      liquidateLine(2, offGrid),
      paramsLine(1, split.paramsJson),
      liquidateRefLine(3, 1, split.restJson),
      liquidateRefLine(4, 2, split.restJson),
    ];
    const r = spawnSync(cmd, [script], { cwd: ROOT, input: `${gate.join('\n')}\n`, encoding: 'utf8', timeout: 10_000 });
    expect(r.status, r.stderr).toBe(0);
    const replies = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; id?: number; error?: { code: string } });
    // What the example answers: the handshake, a result, an invalid-input, the same for the ref, a bad-request.
    expect(replies.map((m) => (m.type === 'error' ? m.error!.code : m.type))).toEqual(['hello_ok', 'result', 'invalid-input', 'invalid-input', 'bad-request']);
    const def = ['hello', 'liquidate', 'liquidate', 'params', 'liquidate-ref', 'liquidate-ref'];
    for (const [i, line] of gate.entries()) expectValid(compiled('protocol-1.schema.json', `protocol-${def[i]}`), JSON.parse(line), line);
    const any = compiled('protocol-1.schema.json');
    for (const m of replies) {
      expectValid(compiled('protocol-1.schema.json', m.type === 'hello_ok' ? 'protocol-hello-ok' : `protocol-${m.type}`), m, JSON.stringify(m));
      expectValid(any, m, JSON.stringify(m));
    }
  }, 20_000);

  it('protocol-1: the HTTP example\'s hello_ok (with batch) and a batch and its batch_result fit', async () => {
    const server = (await startHttpEngine({ port: 0 })) as { url: string; close: () => Promise<void> };
    try {
      const post = async (body: string): Promise<unknown> => (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
      const hello = (await post(JSON.stringify(helloMessage()))) as { batch?: number };
      expect(hello.batch).toBeGreaterThan(1);
      expectValid(compiled('protocol-1.schema.json', 'protocol-hello-ok'), hello, 'hello_ok');
      const batch = `{"type":"batch","requests":[${liquidateLine(1, scenario)},${liquidateLine(2, offGrid)}]}`;
      expectValid(compiled('protocol-1.schema.json', 'protocol-batch'), JSON.parse(batch), batch);
      const replies = (await post(batch)) as { replies: unknown[] };
      expect(replies.replies).toHaveLength(2);
      expectValid(compiled('protocol-1.schema.json', 'protocol-batch-result'), replies, 'batch_result');
    } finally {
      await server.close();
    }
  }, 20_000);

  it('protocol-1: the lines of the worked exchange in docs/protocol.md fit, and malformed replies do not', () => {
    const doc = readFileSync(resolve(ROOT, 'docs/protocol.md'), 'utf8');
    const lines = [...doc.matchAll(/^[<>] (\{.*\})$/gm)].map((m) => JSON.parse(m[1]!) as unknown);
    expect(lines.length).toBeGreaterThan(10);
    const any = compiled('protocol-1.schema.json');
    for (const m of lines) expectValid(any, m, JSON.stringify(m));
    const reply = compiled('protocol-1.schema.json', 'protocol-error');
    for (const bad of [
      { type: 'error', id: 1, error: { code: 'oops', message: 'm' } },
      { type: 'error', id: 1, error: { code: 'invalid-input', issues: [{ path: 1, expected: 'e', received: 'r' }] } },
      { type: 'error', id: 0, error: { code: 'internal' } },
    ]) expect(reply(bad), JSON.stringify(bad)).toBe(false);
    const hello = compiled('protocol-1.schema.json', 'protocol-hello-ok');
    expect(hello({ type: 'hello_ok', name: '', version: '1', protocol: '1.1', policy: 'p', features: [] })).toBe(false);
    expect(hello({ type: 'hello_ok', name: 'e', version: '1', protocol: '1', policy: 'p', features: [] })).toBe(false);
  });

  it('check-report-1: a check --json report of a small run fits, and so does one with a shrunk counterexample', async () => {
    const file = join(tmp, 'check.json');
    const r = await runCli(['check', '--runs', '30', '--seed', '7', '--json', file, '--failures', '']);
    expect(r.code, r.err).toBe(0);
    const validate = compiled('check-report-1.schema.json');
    expectValid(validate, JSON.parse(readFileSync(file, 'utf8')), 'check --json');
    const failing = JSON.parse(JSON.stringify(await checkEngine(oneLotShort, { runs: 200, seed: 3 }))) as { ok: boolean; tallies: { counterexample?: unknown }[] };
    expect(failing.ok).toBe(false);
    expect(failing.tallies.some((t) => t.counterexample !== undefined)).toBe(true);
    expectValid(validate, failing, 'a failing report');
    expect(validate({ ...failing, ok: 'yes' })).toBe(false);
    // An engine that cannot start still gets a report: nothing ran, and it says why.
    const unstarted = join(tmp, 'unstarted.json');
    expect((await runCli(['check', '--impl', 'no-such-engine-binary-h6', '--runs', '5', '--json', unstarted, '--failures', ''])).code).toBe(3);
    const report = JSON.parse(readFileSync(unstarted, 'utf8')) as { startError?: string };
    expect(report.startError).toMatch(/no-such-engine-binary-h6/);
    expectValid(validate, report, 'an unstarted report');
  }, 120_000);

  it('fuzz-report-1: the report of a small fuzz run and of a shard (with raw figures) fit', async () => {
    const params = deepFreeze(structuredClone(defaultParams));
    const base = { params, paramsFile: '(built-in)', paramsText: JSON.stringify(params), seed: 5, runs: 60, shocks: ['0.01', '0.05'], steps: 3, claim: null, workers: 1, search: 20, failuresDir: join(tmp, 'fuzz-failures'), shrinkMs: 2000 };
    const validate = compiled('fuzz-report-1.schema.json');
    const whole = await runFuzz({ ...base, shard: { index: 0, count: 1 } });
    expectValid(validate, JSON.parse(JSON.stringify(whole)), 'fuzz --json');
    // A claim the parameters do not make (PRM-001 at a 50 % move): a shrunk counterexample, saved.
    const shard = await runFuzz({ ...base, claim: '0.5', shard: { index: 0, count: 2 } });
    const json = JSON.parse(JSON.stringify(shard)) as { raw?: unknown; properties: { counterexample?: unknown }[] };
    expect(json.raw).toBeDefined();
    expect(json.properties.some((p) => p.counterexample !== undefined)).toBe(true);
    expectValid(validate, json, 'fuzz --shard 1/2 --json');
  }, 120_000);

  it('params-report-1: params check --json of the built-in profile and of a set with findings fit', async () => {
    const validate = compiled('params-report-1.schema.json');
    const risky = structuredClone(defaultParams) as unknown as { penalty: { steps: { rate: string }[] } };
    risky.penalty.steps = risky.penalty.steps.map((s) => ({ ...s, rate: '0.009' }));
    for (const [name, params] of [['default', defaultParams], ['risky', risky]] as const) {
      const input = join(tmp, `${name}-params.json`);
      const out = join(tmp, `${name}-findings.json`);
      writeFileSync(input, JSON.stringify(params));
      await runCli(['params', 'check', input, '--json', out]);
      const report = JSON.parse(readFileSync(out, 'utf8')) as { findings: unknown[] };
      expectValid(validate, report, name);
      if (name === 'risky') expect(report.findings.length).toBeGreaterThan(0);
    }
  }, 60_000);

  it('sweep-report-1: the sweep.json of a small two-axis sweep fits', async () => {
    const out = join(tmp, 'sweep');
    const r = await runCli(['sweep', '--x', 'maintenanceRate=0.01:0.03:3', '--y', 'penaltyRate=0:0.03:2', '--scenarios', '10', '--shock', '0.001', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as { cells: unknown[] };
    expect(report.cells).toHaveLength(6);
    expectValid(compiled('sweep-report-1.schema.json'), report, 'sweep.json');
    // A proposal with price impact (PAR-002 then fails where maintenance is low): compare.json,
    // from the two sweep.json files read back.
    const proposal = join(tmp, 'proposal.json');
    writeFileSync(proposal, JSON.stringify({ ...defaultParams, priceImpact: '0.015' }));
    const outB = join(tmp, 'sweep-b');
    expect((await runCli(['sweep', '--params', proposal, '--x', 'maintenanceRate=0.01:0.03:3', '--y', 'penaltyRate=0:0.03:2', '--scenarios', '10', '--shock', '0.001', '--out', outB])).code).toBe(0);
    const cmp = await runCli(['sweep', '--compare', join(out, 'sweep.json'), join(outB, 'sweep.json'), '--out', join(tmp, 'cmp')]);
    expect(cmp.code, cmp.err).toBe(0);
    const comparison = JSON.parse(readFileSync(join(tmp, 'cmp', 'compare.json'), 'utf8')) as { becameUnsafe: unknown[] };
    expect(comparison.becameUnsafe.length).toBeGreaterThan(0);
    expectValid(compiled('sweep-comparison-1.schema.json'), comparison, 'compare.json');
  }, 60_000);
});

describe('report readers: a file that does not fit its schema is named field by field', () => {
  it('merge names the field, what it expects and what it received (exit 2)', async () => {
    const good = join(tmp, 'merge-good.json');
    expect((await runCli(['check', '--runs', '10', '--seed', '2', '--json', good, '--failures', ''])).code).toBe(0);
    const report = JSON.parse(readFileSync(good, 'utf8')) as { tallies: Record<string, unknown>[]; shard: unknown };
    report.tallies[0]!['checked'] = '12';
    delete (report as Record<string, unknown>)['shard'];
    const bad = join(tmp, 'merge-bad.json');
    writeFileSync(bad, JSON.stringify(report));
    const r = await runCli(['merge', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}: not a report written by liqcheck check --json (fixtures/schema/check-report-1.schema.json): 2 problem(s)`);
    expect(r.err).toMatch(/\n {2}\$\.shard: expected .+, received .+(\n|$)/);
    expect(r.err).toContain('$.tallies[0].checked: expected a non-negative integer, received "12"');
  }, 60_000);

  it('fuzz merge names the field; a file of another format is named by its format alone (exit 2)', async () => {
    const params = deepFreeze(structuredClone(defaultParams));
    const shard = await runFuzz({ params, paramsFile: '(built-in)', paramsText: JSON.stringify(params), seed: 9, runs: 20, shocks: ['0.02'], steps: 2, claim: null, workers: 1, search: 0, failuresDir: null, shard: { index: 0, count: 2 } });
    const json = JSON.parse(JSON.stringify(shard)) as { units: { done: unknown[] } };
    json.units.done = [-1];
    const bad = join(tmp, 'fuzz-bad.json');
    writeFileSync(bad, JSON.stringify(json));
    const r = await runCli(['fuzz', 'merge', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}: not a fuzz report (liqcheck fuzz --json) (fixtures/schema/fuzz-report-1.schema.json): 1 problem(s)`);
    expect(r.err).toContain('$.units.done[0]: expected a non-negative integer, received number -1');
    const other = join(tmp, 'fuzz-other.json');
    writeFileSync(other, JSON.stringify({ format: 'liqcheck-sweep/1', cells: [] }));
    const o = await runCli(['fuzz', 'merge', other]);
    expect(o.code).toBe(2);
    expect(o.err).toMatch(/1 problem\(s\)\n {2}\$\.format: expected "liqcheck-fuzz\/1", received "liqcheck-sweep\/1"\n?$/);
  }, 60_000);

  it('simulation-config-1, -accounts-1, -report-1, -trace-1: a small simulate run\'s files fit', async () => {
    const out = join(tmp, 'simulate');
    const config = { population: { count: 150 }, insuranceFund: '1000', liquidation: { mode: 'auction' } };
    const accounts = [{ id: 'a1', side: 'long', size: '1', entry: '100000', collateral: '10000', mode: 'cross' }];
    expectValid(compiled('simulation-config-1.schema.json'), config, 'config');
    expectValid(compiled('simulation-accounts-1.schema.json'), accounts, 'accounts');
    writeFileSync(join(tmp, 'simulate-config.json'), JSON.stringify(config));
    const r = await runCli(['simulate', '--profile', 'binance-usdm', '--config', join(tmp, 'simulate-config.json'), '--shock', '-35%', '--steps', '12', '--out', out, '--trace', join(tmp, 'simulate-trace.jsonl')]);
    expect(r.code, r.err).toBe(0);
    expectValid(compiled('simulation-report-1.schema.json'), JSON.parse(readFileSync(join(out, 'simulation.json'), 'utf8')), 'simulation.json');
    const validate = compiled('simulation-trace-1.schema.json');
    const lines = readFileSync(join(tmp, 'simulate-trace.jsonl'), 'utf8').trim().split('\n');
    const types = new Set<string>();
    for (const [i, line] of lines.entries()) {
      const e = JSON.parse(line) as { type: string };
      types.add(e.type);
      expectValid(validate, e, `trace line ${i + 1}`);
    }
    // the run reaches the events worth a schema: liquidations, auctions and the series
    for (const t of ['start', 'step', 'liquidation', 'kick', 'series']) expect(types).toContain(t);
  }, 60_000);
});
