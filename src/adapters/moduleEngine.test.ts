import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { canonicalCompact as canonicalJson } from '../fixtures/canonicalJson.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import { EngineStartError, openEngine } from './openEngine.ts';
import { answerCode, answerMessage } from './protocol.ts';

const DIR = { cwd: new URL('./__fixtures__/', import.meta.url).pathname };
const [base] = fc.sample(scenario(), { seed: 7, numRuns: 1 }) as [Scenario];
const marked = (fund: string): Scenario => ({ ...base, insuranceFund: fund });

describe('module adapter', () => {
  it('should import a TypeScript default export with its handshake exports and answer as it does', async () => {
    const h = await openEngine('./referenceModule.ts', { timeoutMs: 1000, ...DIR });
    expect([h.kind, h.name, h.version, h.policy, h.features]).toEqual(['module', 'reference-as-module', '9.9.9', 'minimal-close', ['cross', 'tiers']]);
    for (const s of fc.sample(scenario(), { seed: 8, numRuns: 30 })) {
      expect(canonicalJson(await h.run(s))).toBe(canonicalJson(liquidate(s)));
    }
    await h.close();
  });

  it('should turn throws, rejections, malformed outcomes and hangs into crash, protocol-error and timeout answers', async () => {
    const h = await openEngine('./misbehavingModule.mjs', { timeoutMs: 300, ...DIR });
    expect([h.name, h.version, h.policy, h.features.length]).toEqual(['misbehavingModule.mjs', '0.0.0', 'unspecified', 9]);
    const t0 = performance.now();
    const answers = await h.runMany!(['1.111', '2.222', '3.333', '4.444', '7'].map(marked));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(answers.map(answerCode)).toEqual(['crash', 'protocol-error', 'timeout', 'crash', 'invalid-input']);
    const messages = answers.map(answerMessage);
    expect(messages[0]).toMatch(/threw: Error: boom on 1\.111[\s\S]*input: \{"params"/);
    expect(messages[1]).toMatch(/expected \{ ok: true, result \} or \{ ok: false, error \}/);
    expect(messages[2]).toMatch(/no answer within 300 ms/);
    expect(messages[3]).toMatch(/rejected: TypeError: rejected on 4\.444/);
  });

  it('should give each call its own copy of the scenario', async () => {
    const h = await openEngine('./misbehavingModule.mjs', { timeoutMs: 300, ...DIR });
    const s = marked('5.555');
    const before = JSON.stringify(s);
    expect(answerCode(await h.run(s))).toBe('limit-exceeded');
    expect(JSON.stringify(s)).toBe(before);
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
});
