import { createServer } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { canonicalCompact as canonicalJson } from '../fixtures/canonicalJson.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
// @ts-expect-error -- a plain ESM example without type declarations
import { startHttpEngine } from '../../examples/js/httpEngine.mjs';
import type { Answer } from '../invariants/invariant.ts';
import { EngineStartError, openEngine, type EngineHandle } from './openEngine.ts';
import { answerCode, answerMessage } from './protocol.ts';

type Service = { url: string; close: () => Promise<void> };
const scenarios = fc.sample(scenario(), { seed: 11, numRuns: 6 }) as Scenario[];
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function service(behavior: string): Promise<Service> {
  const s = (await startHttpEngine({ port: 0, behavior })) as Service;
  cleanup.push(s.close);
  return s;
}

async function open(url: string, timeoutMs = 300, maxRestarts?: number): Promise<EngineHandle> {
  const h = await openEngine(url, maxRestarts === undefined ? { timeoutMs } : { timeoutMs, maxRestarts });
  cleanup.unshift(() => h.close());
  return h;
}

const codes = (answers: readonly Answer[]): string[] => answers.map(answerCode);
const messageOf = answerMessage;

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

describe('HTTP adapter', () => {
  it('should refuse to start when nothing listens, or the URL is not http', async () => {
    const port = await freePort();
    const refused = await openEngine(`http://127.0.0.1:${port}/liquidate`, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EngineStartError);
    expect((refused as Error).message).toMatch(/connection refused/);
    await expect(openEngine('http://[::1', { timeoutMs: 300 })).rejects.toBeInstanceOf(EngineStartError);
  });

  it('should answer a hung request with a timeout within its deadline, batch or not', async () => {
    const s = await service('hang');
    const h = await open(s.url, 300);
    const t0 = performance.now();
    const one = await h.run(scenarios[0]!);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(codes([one])).toEqual(['timeout']);
    expect(messageOf(one)).toMatch(/no response within 300 ms; request \d+\ninput: \{"params"/);
    expect(codes(await h.runMany!(scenarios.slice(0, 3)))).toEqual(['timeout', 'timeout', 'timeout']);
  });

  it.each([
    ['garbage', /response body is not JSON: "<html>oops<\/html>"/],
    ['status-500', /HTTP 500 Internal Server Error/],
    ['wrong-id', /the batch_result has no reply for request \d+/],
  ])('should call a %s reply a protocol-error', async (behavior, why) => {
    const s = await service(behavior);
    const h = await open(s.url);
    const answers = await h.runMany!(scenarios.slice(0, 3));
    expect(codes(answers)).toEqual(['protocol-error', 'protocol-error', 'protocol-error']);
    expect(messageOf(answers[0]!)).toMatch(why);
    if (behavior === 'wrong-id') expect(messageOf(await h.run(scenarios[0]!))).toMatch(/reply for request \d+, expected \d+/);
  });

  it('should answer a crash once the service is gone', async () => {
    const s = await service('ok');
    const h = await open(s.url);
    expect(canonicalJson(await h.run(scenarios[0]!))).toBe(canonicalJson(liquidate(scenarios[0]!)));
    await s.close();
    const after = await h.run(scenarios[1]!);
    expect(codes([after])).toEqual(['crash']);
    expect(messageOf(after)).toMatch(/connection failed/);
  });

  describe('giving up on an unhealthy service', () => {
    it('should give up after maxRestarts + 1 timeouts and answer every later request at once', async () => {
      const s = await service('hang');
      const h = await open(s.url, 100, 2);
      for (let i = 0; i < 3; i++) expect(codes([await h.run(scenarios[i]!)])).toEqual(['timeout']);
      expect(h.stats!().gaveUp).toMatch(/the service failed 3 times with a timeout or a connection failure \(limit 2\)/);
      const t0 = performance.now();
      const later = await h.runMany!(scenarios);
      expect(performance.now() - t0).toBeLessThan(100); // no request is sent: no deadline is waited out
      expect(codes(later)).toEqual(scenarios.map(() => 'crash'));
      expect(messageOf(later[0]!)).toMatch(/^the engine is no longer sent requests: the service failed 3 times/);
      expect(h.stats!().requests).toBe(3 + scenarios.length);
    });

    it('should count connection failures, but not protocol errors', async () => {
      const garbage = await service('garbage');
      const g = await open(garbage.url, 300, 1);
      expect(codes(await g.runMany!(scenarios))).toEqual(scenarios.map(() => 'protocol-error'));
      expect(g.stats!().gaveUp).toBeNull();
      const ok = await service('ok');
      const h = await open(ok.url, 300, 1);
      await ok.close();
      expect(codes([await h.run(scenarios[0]!), await h.run(scenarios[1]!)])).toEqual(['crash', 'crash']);
      expect(h.stats!().gaveUp).toMatch(/failed 2 times with a timeout or a connection failure \(limit 1\)/);
      expect(messageOf(await h.run(scenarios[2]!))).toMatch(/no longer sent requests/);
    });

    it('should give up on batches too: a hung batch and its one-by-one retries count', async () => {
      const s = await service('hang'); // announces batch: 64
      const h = await open(s.url, 100, 2);
      const many = fc.sample(scenario(), { seed: 12, numRuns: 40 }) as Scenario[];
      const answers = await h.runMany!(many);
      const c = codes(answers);
      expect(c.filter((x) => x === 'timeout').length).toBeGreaterThanOrEqual(1);
      expect(c.filter((x) => x === 'timeout').length).toBeLessThanOrEqual(1 + 8); // the batch, then at most one round of retries
      expect(c.every((x) => x === 'timeout' || x === 'crash')).toBe(true);
      expect(h.stats!().gaveUp).toMatch(/failed 3 times/);
      expect(codes(await h.runMany!(many.slice(0, 5)))).toEqual(['crash', 'crash', 'crash', 'crash', 'crash']);
    });
  });
});
