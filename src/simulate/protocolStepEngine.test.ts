/**
 * The protocol step engine (protocol 1.2, `step`): over the reference served as a subprocess it
 * gives the in-process reference's RoundReply; a malformed reply is a protocol error naming the
 * field; an engine that cannot be sent `step` requests is refused with the reason.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineStartError, openEngine, type EngineHandle } from '../adapters/openEngine.ts';
import type { SubprocessEngine } from '../adapters/subprocessEngine.ts';
import type { RiskParams } from '../model/types.ts';
import { MARKET, PARAMS, ROUND_ADL, ROUND_PLAIN } from './__support__/stepRounds.ts';
import { protocolStepEngine, StepEngineError } from './protocolStepEngine.ts';
import { liquidationsWire, referenceStepDispatcher, stepSetupOf } from './referenceStepDispatcher.ts';
import { referenceStepEngine } from './referenceStepEngine.ts';
import type { RoundRequest, StepEngine } from './stepEngine.ts';
import { profileNamed } from '../profiles/index.ts';
import { resolveSimulation, simulate } from './simulate.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OPEN = { timeoutMs: 15_000, cwd: ROOT };
const REFERENCE_SERVER = 'node --import tsx src/simulate/referenceStepServer.ts';

function inProcess(adl: boolean): StepEngine {
  const setup = stepSetupOf(PARAMS, undefined, MARKET, adl);
  if (!setup.ok) throw new Error(JSON.stringify(setup.issues));
  return referenceStepEngine(setup.value);
}

describe('protocolStepEngine over the reference served as a subprocess', () => {
  let handle: EngineHandle;
  let withAdl: StepEngine;
  let withoutAdl: StepEngine;
  beforeAll(async () => {
    handle = await openEngine(REFERENCE_SERVER, OPEN);
    withAdl = protocolStepEngine(handle, { params: PARAMS, adl: true });
    withoutAdl = protocolStepEngine(handle, { params: PARAMS, adl: false });
  }, 30_000);
  afterAll(() => handle?.close());

  it.each([
    ['a round without ADL', ROUND_PLAIN, true],
    ['a round with ADL', ROUND_ADL, true],
    ['the ADL round with ADL off', ROUND_ADL, false],
  ] as const)('gives the in-process RoundReply on %s', async (_, round, adl) => {
    const expected = await inProcess(adl).round(round);
    const got = await (adl ? withAdl : withoutAdl).round(round);
    expect(liquidationsWire(got)).toEqual(liquidationsWire(expected));
    expect(got.liquidations.map((l) => l.account)).toEqual(round.requests.map((r) => r.account));
  });

  it('reports the ADL of the round by hand: P_b 28 500, spread 500, a000003 reduced first by its score', async () => {
    const got = await withAdl.round(ROUND_ADL);
    const first = got.liquidations[0]!;
    // By hand (stepRounds.ts): κ = 1 500 − 30 000 = −28 500, P_b = 28 500, g = 500; the fund's 100
    // pays part of the bad debt of 500, so s = 400 = ⌈400/(0.01·500)⌉ = 80 lots = 0.8 of a000003.
    expect(first.result.socializedLoss).toBe('400');
    expect(first.adl?.bankrupt).toBe('a000001');
    expect(first.adl?.bankruptcyPrice.toString()).toBe('28500');
    expect(first.adl?.spread.toString()).toBe('500');
    expect(first.adl?.reductions.map((r) => [r.account, r.size.toString(), r.transfer.toString(), r.score.toString()])).toEqual([
      ['a000003', '0.8', '400', '0.373333333333333333'], // 28/75 truncated to 18 digits
    ]);
    // a000004 (κ = −28 200, g = 200, s = 200 with the fund empty) sees a000003 already reduced to
    // −0.2 (E = 4 600, score 1/15 · 28/23 = 28/345 ≈ 0.081): a000002 (7/29) goes first, 100 lots = 1.
    const second = got.liquidations[1]!;
    expect(second.adl?.reductions.map((r) => [r.account, r.size.toString(), r.transfer.toString()])).toEqual([['a000002', '1', '200']]);
    expect(got.liquidations[2]!.result.status).toBe('healthy');
  });

  it('sends the params once per session, as a params set', async () => {
    const before = (handle as SubprocessEngine).paramsMessages();
    await withAdl.round(ROUND_PLAIN);
    await withAdl.round(ROUND_PLAIN);
    expect((handle as SubprocessEngine).paramsMessages()).toBe(before);
    expect(before).toBe(1);
  });
});

describe('protocolStepEngine over HTTP (params inline in every request)', () => {
  let server: Server;
  let handle: EngineHandle;
  const bodies: string[] = [];
  beforeAll(async () => {
    const answer = referenceStepDispatcher();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer(JSON.parse(body))));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    handle = await openEngine(`http://127.0.0.1:${(server.address() as AddressInfo).port}/step`, OPEN);
  });
  afterAll(async () => {
    await handle?.close();
    await new Promise((r) => server?.close(r));
  });

  it('gives the in-process RoundReply on the ADL round', async () => {
    const got = await protocolStepEngine(handle, { params: PARAMS, adl: true }).round(ROUND_ADL);
    expect(liquidationsWire(got)).toEqual(liquidationsWire(await inProcess(true).round(ROUND_ADL)));
    const step = JSON.parse(bodies.at(-1)!) as Record<string, unknown>;
    expect(step['type']).toBe('step');
    expect(step['params']).toEqual(PARAMS);
    expect(step).not.toHaveProperty('paramsRef');
  });
});

describe('simulate over the reference served as a subprocess', () => {
  it('gives the in-process run under a venue profile (its policy sent with every round)', async () => {
    const profile = profileNamed('binance-usdm')!;
    const r = resolveSimulation({ path: { shock: '-0.3' }, population: { count: 150 }, steps: 20, seed: 5 }, { params: profile.params, policy: profile.wire.policy, profile: 'binance-usdm' });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const { report: expected } = await simulate(r.value);
    expect(expected.summary.liquidations).toBeGreaterThan(0);
    const handle = await openEngine(`${REFERENCE_SERVER} binance-usdm`, OPEN);
    const { report } = await simulate(r.value, { engine: protocolStepEngine(handle, r.value) });
    expect({ ...report, engine: '', ms: 0 }).toEqual({ ...expected, engine: '', ms: 0 });
  }, 60_000);
});

describe('protocolStepEngine with a malformed reply', () => {
  let handle: EngineHandle;
  let engine: StepEngine;
  beforeAll(async () => {
    handle = await openEngine('node src/adapters/__fixtures__/badStepEngine.mjs', OPEN);
    engine = protocolStepEngine(handle, { params: PARAMS, adl: true });
  }, 30_000);
  afterAll(() => handle?.close());

  const at = (round: number): RoundRequest => ({ ...ROUND_PLAIN, round });
  async function failure(round: number): Promise<StepEngineError> {
    const e = await Promise.resolve(engine.round(at(round))).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(StepEngineError);
    return e as StepEngineError;
  }

  it.each([
    [1, 'protocol-error', /malformed reply: liquidations\[0\]\.result\.insuranceFund: expected/],
    [2, 'protocol-error', /liquidations\[0\]\.adl\.spread: expected a canonical decimal string .*received number 5/],
    [5, 'protocol-error', /type: expected "step_result" or "error" for a step request/],
  ] as const)('round %i: a %s naming the field', async (round, code, message) => {
    const e = await failure(round);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(new RegExp(`step 3, round ${round}`));
  });

  it('refuses liquidations out of order or too few, naming the field and the request', async () => {
    const reversed = await failure(3);
    expect(reversed.issues).toContainEqual({ path: 'liquidations[0].account', expected: '"a000001" (request 0\'s account)', received: '"a000002"' });
    const short = await failure(4);
    expect(short.issues[0]).toEqual({ path: 'liquidations', expected: '3 liquidations (one per request, in order)', received: '2' });
  });

  it("reports an engine's invalid-input with its issues", async () => {
    const e = await failure(6);
    expect(e.code).toBe('invalid-input');
    expect(e.issues).toEqual([{ path: 'accounts[0].size', expected: 'a multiple of the lot', received: '"1.005"' }]);
  });

  it('takes a well-formed reply after failures: the engine keeps running', async () => {
    const reply = await engine.round(at(7));
    expect(reply.liquidations.map((l) => [l.account, l.result.status])).toEqual([
      ['a000001', 'healthy'],
      ['a000003', 'healthy'],
      ['a000002', 'healthy'],
    ]);
  });

  it('sends accounts with a position and the requested ones, in id order (a000004 has none)', async () => {
    const { fieldsOf } = await import('./protocolStepEngine.ts');
    const round = { ...ROUND_PLAIN, accounts: new Map([...ROUND_PLAIN.accounts].reverse()) };
    const fields = JSON.parse(`{${fieldsOf(round)}}`) as { accounts: { id: string }[]; mark: string };
    expect(fields.accounts.map((a) => a.id)).toEqual(['a000001', 'a000002', 'a000003']);
    expect(fields.mark).toBe('28000');
  });
});

describe('protocolStepEngine when the engine fails', () => {
  it('a step without a reply is charged a timeout at the deadline, a dead engine a crash; both restart it', async () => {
    const handle = await openEngine('node src/adapters/__fixtures__/badStepEngine.mjs', { ...OPEN, timeoutMs: 800 });
    try {
      const engine = protocolStepEngine(handle, { params: PARAMS, adl: true });
      const t0 = performance.now();
      const late = await Promise.resolve(engine.round({ ...ROUND_PLAIN, round: 8 })).then(() => null, (e: unknown) => e as StepEngineError);
      expect(late?.code).toBe('timeout');
      expect(late?.message).toMatch(/no reply within 800 ms.*\ninput: step \{"adl":true,"market":"BTC-PERP","step":3,"round":8/s);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(790);
      const dead = await Promise.resolve(engine.round({ ...ROUND_PLAIN, round: 9 })).then(() => null, (e: unknown) => e as StepEngineError);
      expect(dead?.code).toBe('crash');
      expect(dead?.message).toMatch(/the engine exited with code 1/);
      // Restarted after each failure: the next round is answered (params sent again to the new process).
      expect((await engine.round({ ...ROUND_PLAIN, round: 7 })).liquidations).toHaveLength(3);
      expect(handle.stats?.().restarts).toBe(2);
    } finally {
      await handle.close();
    }
  }, 30_000);
});

describe('protocolStepEngine refuses an engine that cannot answer step', () => {
  it('a protocol 1.1 engine without the feature, with the handshake fields', async () => {
    const handle = await openEngine('python3 examples/python/engine.py', OPEN);
    try {
      expect(() => protocolStepEngine(handle, { params: PARAMS, adl: true })).toThrow(EngineStartError);
      expect(() => protocolStepEngine(handle, { params: PARAMS, adl: true })).toThrow(
        /cannot run a simulation: hello_ok\.features: expected a list naming "step" .*; hello_ok\.protocol: expected "1\.2" or newer .*received "1\.1"/,
      );
    } finally {
      await handle.close();
    }
  }, 30_000);

  it("an engine declaring minimal-close, for a simulation under another policy", async () => {
    const handle = await openEngine(REFERENCE_SERVER, OPEN);
    try {
      const setup = { params: PARAMS, adl: true, policyWire: { name: 'full-close', closeSize: { kind: 'full' } }, policyName: 'full-close' } as const;
      expect(() => protocolStepEngine(handle, setup)).toThrow(/hello_ok\.policy: expected the simulation's policy "full-close" \(or a policy object\), received "minimal-close"/);
    } finally {
      await handle.close();
    }
  }, 30_000);

  it('an in-process module, whose adapter sends no step requests', async () => {
    const handle = await openEngine('./src/adapters/__fixtures__/referenceModule.ts', OPEN);
    try {
      expect(() => protocolStepEngine(handle, { params: PARAMS, adl: true })).toThrow(/the module adapter sends no step requests/);
    } finally {
      await handle.close();
    }
  }, 30_000);

  it('an engine lacking a scenario feature the params need (tiers) or a requested account needs (isolated)', async () => {
    const handle = await openEngine('node src/adapters/__fixtures__/badStepEngine.mjs cross', OPEN);
    try {
      const market = (PARAMS.markets as unknown as Record<string, { tiers: object[] }>)[MARKET]!;
      const tiered = {
        ...PARAMS,
        markets: { [MARKET]: { ...market, tiers: [...market.tiers, { notionalFloor: '1000000', maintenanceRate: '0.1', maintenanceAmount: '50000', initialRate: '0.2' }] } },
      } as unknown as RiskParams;
      expect(() => protocolStepEngine(handle, { params: tiered, adl: true })).toThrow(/expected a list naming "tiers" \(the params need them\), received \["cross"\]/);
      const engine = protocolStepEngine(handle, { params: PARAMS, adl: true });
      // ROUND_PLAIN requests a000003, which is isolated.
      await expect(Promise.resolve(engine.round({ ...ROUND_PLAIN, round: 7 }))).rejects.toThrow(/expected a list naming "isolated" \(a requested account needs it\)/);
      const crossOnly = { ...ROUND_PLAIN, round: 7, requests: ROUND_PLAIN.requests.filter((r) => r.account !== 'a000003') };
      expect((await engine.round(crossOnly)).liquidations).toHaveLength(2);
    } finally {
      await handle.close();
    }
  }, 30_000);
});

describe('referenceStepDispatcher refuses a step request that breaks the schema', () => {
  it('answers invalid-input naming the fields', async () => {
    const { referenceStepDispatcher } = await import('./referenceStepDispatcher.ts');
    const answer = referenceStepDispatcher();
    const reply = answer({ type: 'step', id: 4, params: PARAMS, adl: true, market: MARKET, step: 0, round: 1, mark: '28000.0', insuranceFund: '1', accounts: [{ id: 'a1' }], requests: [] });
    expect(reply).toMatchObject({ type: 'error', id: 4, error: { code: 'invalid-input' } });
    const paths = ((reply as { error: { issues: { path: string }[] } }).error.issues).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['mark', 'accounts[0].collateral']));
    // An unknown account in the requests, and a market the params lack.
    const unknown = answer({ type: 'step', id: 5, params: PARAMS, adl: true, market: 'ETH-PERP', step: 0, round: 1, mark: '1', insuranceFund: '1', accounts: [], requests: [] });
    expect(unknown).toMatchObject({ error: { code: 'invalid-input', issues: [{ path: 'market' }] } });
  });
});
