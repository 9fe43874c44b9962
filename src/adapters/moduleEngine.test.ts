import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { canonicalCompact as canonicalJson } from '../fixtures/canonicalJson.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import { FEATURES } from './features.ts';
import { EngineStartError, openEngine } from './openEngine.ts';
import { answerCode, answerMessage } from './protocol.ts';

const DIR = { cwd: new URL('./__fixtures__/', import.meta.url).pathname };
const [base] = fc.sample(scenario(), { seed: 7, numRuns: 1 }) as [Scenario];
const marked = (fund: string): Scenario => ({ ...base, insuranceFund: fund });
/** A marked scenario whose marker leads its JSON, so that the input a message shows names it. */
const leading = (fund: string): Scenario => {
  const { insuranceFund: _, ...rest } = base;
  return { insuranceFund: fund, ...rest };
};

describe('module adapter', () => {
  it('should import a TypeScript default export with its handshake exports and answer as it does', async () => {
    const h = await openEngine('./referenceModule.ts', { timeoutMs: 1000, ...DIR });
    expect([h.kind, h.name, h.version, h.policy, h.features]).toEqual(['module', 'reference-as-module', '9.9.9', 'minimal-close', ['cross', 'tiers']]);
    for (const s of fc.sample(scenario(), { seed: 8, numRuns: 30 })) {
      expect(canonicalJson(await h.run(s))).toBe(canonicalJson(liquidate(s)));
    }
    await h.close();
  });

  it('should read an inline policy export, and refuse to start a module whose policy does not parse, naming the field', async () => {
    const h = await openEngine('./fullPolicyModule.ts', { timeoutMs: 1000, ...DIR });
    expect(h.policy).toEqual({ closeSize: { kind: 'full' } });
    await h.close();
    const e = await openEngine('./badPolicyModule.mjs', { timeoutMs: 1000, ...DIR }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineStartError);
    expect((e as Error).message).toMatch(/badPolicyModule\.mjs: export `policy` is not a policy the reference can parse: policy\.closeSize\.portion: expected a decimal with 0 < x ≤ 1, received "1\.5"$/);
  });

  it('should turn throws, rejections, malformed outcomes and hangs into crash, protocol-error and timeout answers', async () => {
    const h = await openEngine('./misbehavingModule.mjs', { timeoutMs: 300, ...DIR });
    expect([h.name, h.version, h.policy, h.features.length]).toEqual(['misbehavingModule.mjs', '0.0.0', 'unspecified', FEATURES.length]);
    const t0 = performance.now();
    const answers = await h.runMany!(['1.111', '2.222', '3.333', '4.444', '7'].map(marked));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(answers.map(answerCode)).toEqual(['crash', 'protocol-error', 'timeout', 'crash', 'invalid-input']);
    const messages = answers.map(answerMessage);
    expect(messages[0]).toMatch(/threw: Error: boom on 1\.111[\s\S]*input: \{"params"/);
    expect(messages[1]).toMatch(/expected \{ ok: true, result \} or \{ ok: false, error \}/);
    expect(messages[2]).toMatch(/no answer within 300 ms/);
    expect(messages[3]).toMatch(/rejected: TypeError: rejected on 4\.444/);
    await h.close();
  });

  it('should give each call its own copy of the scenario', async () => {
    const h = await openEngine('./misbehavingModule.mjs', { timeoutMs: 300, ...DIR });
    const s = marked('5.555');
    const before = JSON.stringify(s);
    expect(answerCode(await h.run(s))).toBe('limit-exceeded');
    expect(JSON.stringify(s)).toBe(before);
    await h.close();
  });

  it.each([
    ['./noEngineModule.mjs', /exports no engine/],
    ['./badFeaturesModule.mjs', /`features` must be an array of strings/],
    ['./brokenImportModule.mjs', /could not import .*cannot load this engine/],
    ['./doesNotExist.ts', /could not import/],
  ])('should refuse to start %s', async (impl, why) => {
    const e = await openEngine(impl, { timeoutMs: 300, ...DIR }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineStartError);
    expect((e as Error).message).toMatch(why);
  });

  it.each([
    ['process.exit(0) after printing a fake verdict', '6.001', 'crash', /the engine exited with code 0 [\s\S]*All 20 invariants held \(says the engine\)/, 1],
    ['process.exit(3)', '6.002', 'crash', /the engine exited with code 3 /, 1],
    ['process.abort()', '6.003', 'crash', /the engine threw: .*abort/, 0],
    ['an infinite loop', '6.004', 'timeout', /no answer within 200 ms/, 1],
    ['a synchronous sleep (Atomics.wait)', '6.005', 'timeout', /no answer within 200 ms/, 1],
    ['an outcome holding a function', '6.006', 'protocol-error', /cannot be passed back from the engine's worker thread/, 0],
    ['an exception thrown from a timer', '6.007', 'crash', /uncaught exception in the engine: Error: thrown from a timer/, 1],
    ['a message of its own to the gate', '6.008', 'protocol-error', /unexpected message from the engine's worker thread/, 1],
  ])('should isolate an engine that answers with %s: a %s answer naming the input, then fresh answers', async (_what, fund, code, why, restarts) => {
    const h = await openEngine('./hostileModule.mjs', { timeoutMs: 200, ...DIR });
    try {
      const t0 = performance.now();
      const answers = await h.runMany!([leading(fund), marked('0'), marked('0')]);
      expect(performance.now() - t0).toBeLessThan(15_000);
      expect(answers.map(answerCode)).toEqual([code, 'limit-exceeded', 'limit-exceeded']);
      expect(answerMessage(answers[0]!)).toMatch(why);
      expect(answerMessage(answers[0]!)).toContain(`input: {"insuranceFund":"${fund}"`);
      expect(h.stats!()).toMatchObject({ restarts, gaveUp: null, requests: 3 });
    } finally {
      await h.close();
    }
  });

  it('should give up after maxRestarts restarts: every later answer is an immediate crash', async () => {
    const h = await openEngine('./exit0Module.mjs', { timeoutMs: 200, maxRestarts: 2, ...DIR });
    try {
      const answers = await h.runMany!(['1', '2', '3', '4', '5'].map(leading));
      expect(answers.map(answerCode)).toEqual(['crash', 'crash', 'crash', 'crash', 'crash']);
      expect(answers.slice(0, 3).map(answerMessage)).toEqual([0, 1, 2].map((i) => expect.stringMatching(new RegExp(`exited with code 0 [\\s\\S]*input: \\{"insuranceFund":"${i + 1}"`))));
      expect(answerMessage(answers[4]!)).toMatch(/no longer restarted: the engine failed 3 times \(limit 2 restarts\)/);
      expect(h.stats!().gaveUp).toMatch(/failed 3 times/);
      const t0 = performance.now();
      expect(answerMessage(await h.run(marked('6')))).toMatch(/no longer restarted/);
      expect(performance.now() - t0).toBeLessThan(1000);
    } finally {
      await h.close();
    }
  });

  it('should close within its deadline an engine stuck in a synchronous loop, answering what was pending', async () => {
    const h = await openEngine('./loopModule.mjs', { timeoutMs: 60_000, ...DIR });
    const pending = h.run(marked('1'));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    await h.close();
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(answerMessage(await pending)).toMatch(/closed before answering/);
  });

  // The first two fail by themselves, as soon as they are imported: a deadline far beyond a worker's
  // cold start under load lets them show their own cause; the last two need the deadline to stop them.
  it.each([
    ['./exitAtImportModule.mjs', 10_000, /exitAtImportModule\.mjs failed while being imported: the engine exited with code 0/],
    ['./awaitForeverModule.mjs', 10_000, /awaitForeverModule\.mjs failed while being imported: .*top-level await that never settles/],
    ['./loopAtImportModule.mjs', 300, /loopAtImportModule\.mjs did not finish importing within 300 ms/],
    ['./timerAtImportModule.mjs', 300, /timerAtImportModule\.mjs did not finish importing within 300 ms/],
  ])('should refuse to start %s within the start deadline (%i ms)', async (impl, startTimeoutMs, why) => {
    const t0 = performance.now();
    const e = await openEngine(impl, { timeoutMs: 100, startTimeoutMs, ...DIR }).catch((x: unknown) => x);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(e).toBeInstanceOf(EngineStartError);
    expect((e as Error).message).toMatch(why);
  });
});
