/**
 * The Python step engine (examples/python/step_engine.py, protocol 1.2 `step`) through the
 * subprocess adapter and the protocol step engine: it agrees with the in-process reference on the
 * hand-made rounds, its LIQENGINE_BUG=adl-rank-by-id variant reduces the counterparties in the
 * wrong order, its lines fit the shipped JSON Schema, and it speaks an older gate's minor.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type EngineHandle } from '../../src/adapters/openEngine.ts';
import { helloMessage, paramsLine, stepRefLine } from '../../src/adapters/protocol.ts';
import { MARKET, PARAMS, ROUND_ADL, ROUND_PLAIN } from '../../src/simulate/__support__/stepRounds.ts';
import { fieldsOf, protocolStepEngine } from '../../src/simulate/protocolStepEngine.ts';
import { liquidationsWire, stepSetupOf } from '../../src/simulate/referenceStepDispatcher.ts';
import { referenceStepEngine } from '../../src/simulate/referenceStepEngine.ts';
import type { StepEngine } from '../../src/simulate/stepEngine.ts';
import { defaultParams } from '../../src/arbitraries/defaultParams.ts';
import { resolveSimulation, simulate } from '../../src/simulate/simulate.ts';
import type { SimulationReport } from '../../src/wire/simulation.ts';
import type { TraceEvent } from '../../src/wire/simulationTrace.ts';
import { judgeTrace, SYSTEM_CATALOG } from '../../src/simulate/judge/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OPEN = { timeoutMs: 15_000, cwd: ROOT };
const CMD = 'python3 examples/python/step_engine.py';

function reference(adl: boolean): StepEngine {
  const setup = stepSetupOf(PARAMS, undefined, MARKET, adl);
  if (!setup.ok) throw new Error(JSON.stringify(setup.issues));
  return referenceStepEngine(setup.value);
}

describe('examples/python/step_engine.py', () => {
  let handle: EngineHandle;
  let buggy: EngineHandle;
  beforeAll(async () => {
    handle = await openEngine(CMD, OPEN);
    buggy = await openEngine(CMD, { ...OPEN, env: { ...process.env, LIQENGINE_BUG: 'adl-rank-by-id' } });
  }, 30_000);
  afterAll(async () => {
    await handle?.close();
    await buggy?.close();
  });

  it.each([
    ['a round without ADL', ROUND_PLAIN, true],
    ['a round with ADL', ROUND_ADL, true],
    ['the ADL round with ADL off', ROUND_ADL, false],
  ] as const)('agrees with the reference on %s', async (_, round, adl) => {
    const python = protocolStepEngine(handle, { params: PARAMS, adl });
    expect(liquidationsWire(await python.round(round))).toEqual(liquidationsWire(await reference(adl).round(round)));
  });

  it('announces step and names its bug in the handshake', () => {
    expect(handle.name).toBe('liqcheck-python-step-example');
    expect(buggy.name).toBe('liqcheck-python-step-example+adl-rank-by-id');
    expect(handle.stepRefusal?.()).toBeNull();
  });

  it('with LIQENGINE_BUG=adl-rank-by-id reduces a000002 (first id) instead of a000003 (best score)', async () => {
    const wrong = await protocolStepEngine(buggy, { params: PARAMS, adl: true }).round(ROUND_ADL);
    const right = await reference(true).round(ROUND_ADL);
    // By hand (stepRounds.ts): s = 400 at g = 500 is 80 lots; a000002 (−2 @ 29 000, E 8 000) gives
    // 0.8 of its 2, as a000003 would have; the score reported is its own, 7/29 truncated.
    expect(wrong.liquidations[0]!.adl?.reductions.map((r) => [r.account, r.size.toString(), r.score.toString()])).toEqual([['a000002', '0.8', '0.241379310344827586']]);
    expect(right.liquidations[0]!.adl?.reductions.map((r) => r.account)).toEqual(['a000003']);
    // The liquidation itself is the same; only the ADL differs.
    expect(wrong.liquidations[0]!.result).toEqual(right.liquidations[0]!.result);
  });

  it("writes lines that fit the shipped schema's step messages, and answers a 1.1 gate without step", () => {
    const schema = JSON.parse(readFileSync(resolve(ROOT, 'fixtures/schema/protocol-1.schema.json'), 'utf8')) as { $id: string };
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addSchema(schema);
    const def = (name: string) => ajv.getSchema(`${schema.$id}#/$defs/${name}`)!;
    const payload = { paramsJson: JSON.stringify(PARAMS), fieldsJson: `{"adl":true,${fieldsOf(ROUND_ADL)}}` };
    const gate = [JSON.stringify(helloMessage()), paramsLine(1, payload.paramsJson), stepRefLine(1, 1, payload)];
    expect(def('protocol-step-ref')(JSON.parse(gate[2]!)), JSON.stringify(def('protocol-step-ref').errors)).toBe(true);
    const r = spawnSync('python3', ['examples/python/step_engine.py'], { cwd: ROOT, input: `${gate.join('\n')}\n`, encoding: 'utf8', timeout: 15_000 });
    expect(r.status, r.stderr).toBe(0);
    const [hello, reply] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(hello).toMatchObject({ type: 'hello_ok', protocol: '1.2' });
    expect(hello!['features']).toEqual(expect.arrayContaining(['params-ref', 'step']));
    const check = def('protocol-step-result');
    expect(check(reply), JSON.stringify(check.errors)).toBe(true);
    expect(reply).toMatchObject({ type: 'step_result', id: 1 });
    const old = spawnSync('python3', ['examples/python/step_engine.py'], { cwd: ROOT, input: '{"type":"hello","protocol":"1.1","gate":{"name":"x","version":"1"}}\n', encoding: 'utf8', timeout: 15_000 });
    const oldHello = JSON.parse(old.stdout) as { protocol: string; features: string[] };
    expect(oldHello.protocol).toBe('1.1');
    expect(oldHello.features).toContain('params-ref');
    expect(oldHello.features).not.toContain('step');
  });
});

describe('docs/protocol.md, the step exchange', () => {
  const doc = readFileSync(resolve(ROOT, 'docs/protocol.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Multi-account steps (feature `step`)'), doc.indexOf('## The JSON Schema'));
  const lines = /```text\n>([\s\S]*?)```/.exec(section)![0]!.split('\n').filter((l) => /^[<>] /.test(l));
  const sent = lines.filter((l) => l.startsWith('> ')).map((l) => l.slice(2));
  const received = lines.filter((l) => l.startsWith('< ')).map((l) => l.slice(2));

  it('is what step_engine.py writes, byte for byte, and the reference server writes the same step_result', () => {
    expect(sent).toHaveLength(3);
    for (const [cmd, args] of [
      ['python3', ['examples/python/step_engine.py']],
      [process.execPath, ['--import', 'tsx', 'src/simulate/referenceStepServer.ts']],
    ] as const) {
      const r = spawnSync(cmd, args, { cwd: ROOT, input: `${sent.join('\n')}\n`, encoding: 'utf8', timeout: 15_000 });
      expect(r.status, r.stderr).toBe(0);
      const out = r.stdout.trimEnd().split('\n');
      expect(out[1]).toBe(received[1]);
      if (cmd === 'python3') expect(out[0]).toBe(received[0]);
    }
  }, 30_000);

  it('sends the round of stepRounds.ts ROUND_ADL', () => {
    const step = JSON.parse(sent[2]!) as Record<string, unknown>;
    expect(step).toEqual({ type: 'step', id: 1, paramsRef: 1, adl: true, ...(JSON.parse(`{${fieldsOf(ROUND_ADL)}}`) as object) });
  });
});

describe('simulate with the Python step engine (liqcheck simulate --engine)', () => {
  // 200 accounts, a −30 % shock, 30 steps on the built-in params: a cascade with ADL events.
  const setup = (() => {
    const r = resolveSimulation({ path: { shock: '-0.3' }, population: { count: 200 }, steps: 30, seed: 1, insuranceFund: '1000' }, { params: defaultParams });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value;
  })();
  const comparable = (report: SimulationReport) => ({ ...report, engine: '', ms: 0 });

  it('runs end to end and gives the in-process reference run, ADL included; the id-ranking variant does not', async () => {
    const { report: expected } = await simulate(setup);
    expect(expected.adl.length).toBeGreaterThan(0);
    const right = await openEngine(CMD, OPEN);
    const { report: python } = await simulate(setup, { engine: protocolStepEngine(right, setup) });
    expect(python.engine).toBe('liqcheck-python-step-example');
    expect(comparable(python)).toEqual(comparable(expected));
    const wrong = await openEngine(CMD, { ...OPEN, env: { ...process.env, LIQENGINE_BUG: 'adl-rank-by-id' } });
    const events: TraceEvent[] = [];
    const { report: buggy } = await simulate(setup, { engine: protocolStepEngine(wrong, setup), onEvent: (e) => events.push(e) });
    const order = (r: SimulationReport) => r.adl.map((e) => e.reductions.map((x) => x.account));
    expect(order(buggy)).not.toEqual(order(expected));
    // Same bankruptcies, same amounts owed: only who pays differs.
    expect(buggy.adl.map((e) => [e.bankrupt, e.owed])).toEqual(expected.adl.map((e) => [e.bankrupt, e.owed]));
    // The judge's SYS-004 (ADL in ranking order) catches it on the trace, once per ADL event that paid.
    const sys004 = SYSTEM_CATALOG.filter((i) => i.id === 'SYS-004');
    const judged = judgeTrace(events, { invariants: sys004 });
    expect(judged.checked['SYS-004']).toBe(expected.adl.length);
    expect(judged.violations.filter((v) => v.id === 'SYS-004').length).toBeGreaterThan(0);
  }, 60_000);

  it("judges the correct engine's run clean on SYS-004 (ADL in ranking order)", async () => {
    const events: TraceEvent[] = [];
    const handle = await openEngine(CMD, OPEN);
    await simulate(setup, { engine: protocolStepEngine(handle, setup), onEvent: (e) => events.push(e) });
    const judged = judgeTrace(events, { invariants: SYSTEM_CATALOG.filter((i) => i.id === 'SYS-004') });
    expect(judged.checked['SYS-004']).toBeGreaterThan(0);
    expect(judged.violations).toEqual([]);
  }, 60_000);
});
