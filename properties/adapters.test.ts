/**
 * The example engines against the reference, through every adapter: each correct engine — the
 * Python port (standard library `decimal`) and the JavaScript port (BigInt fixed point), both
 * written from docs/spec.md without calling liqcheck — must answer exactly what the reference
 * answers (canonical JSON) on a fixed-seed set of generated scenarios and of deliberately broken
 * ones, over stdio (pipelined), in-process, and over HTTP (batched and one by one). And the whole
 * invariant catalog, run through `checkCaseAsync` over the protocol, finds nothing in either.
 *
 * Every test has a hard timeout; every engine and service is closed after its test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine } from '../src/adapters/openEngine.ts';
import type { EngineHandle } from '../src/adapters/engineHandle.ts';
import { FEATURES } from '../src/adapters/features.ts';
import { checkCaseAsync } from '../src/invariants/checkCase.ts';
import type { Scenario } from '../src/model/types.ts';
// @ts-expect-error -- a plain ESM example without type declarations
import { startHttpEngine } from '../examples/js/httpEngine.mjs';
import { broken, CWD, JS, JS_MODULE, mismatches, MIXED, Opened, PYTHON, PYTHON_HTTP, sample, SEED, startService } from './adaptersSupport.ts';

const VALID = sample(MIXED, 300);
const INVALID = broken(VALID.slice(0, 8));
const ALL = [...VALID, ...INVALID] as Scenario[];
const TIMEOUT_MS = 10_000;
const opened = new Opened();
afterEach(() => opened.closeAll());

interface Way {
  readonly name: string;
  readonly kind: EngineHandle['kind'];
  readonly engine: 'python' | 'js';
  readonly open: () => Promise<EngineHandle>;
}

const http = (behavior: string) => async (): Promise<EngineHandle> => {
  const service = (await startHttpEngine({ port: 0, behavior })) as { url: string; close: () => Promise<void> };
  opened.onClose(service.close);
  return openEngine(service.url, { timeoutMs: TIMEOUT_MS });
};

const WAYS: readonly Way[] = [
  { name: 'Python over stdio, pipelined', kind: 'subprocess', engine: 'python', open: () => openEngine(PYTHON, { timeoutMs: TIMEOUT_MS, ...CWD }) },
  { name: 'JS over stdio, pipelined', kind: 'subprocess', engine: 'js', open: () => openEngine(JS, { timeoutMs: TIMEOUT_MS, ...CWD }) },
  { name: 'JS in-process', kind: 'module', engine: 'js', open: () => openEngine(JS_MODULE, { timeoutMs: TIMEOUT_MS, ...CWD }) },
  { name: 'JS over HTTP, batched', kind: 'http', engine: 'js', open: http('ok') },
  { name: 'JS over HTTP, one request at a time', kind: 'http', engine: 'js', open: http('no-batch') },
  {
    name: 'Python over HTTP, batched',
    kind: 'http',
    engine: 'python',
    open: async () => {
      const service = await startService(PYTHON_HTTP);
      opened.onClose(service.stop);
      return openEngine(service.url, { timeoutMs: TIMEOUT_MS });
    },
  },
];

describe(`example engines agree with the reference (seed ${SEED}, ${VALID.length} generated + ${INVALID.length} broken scenarios)`, () => {
  for (const way of WAYS) {
    it(`${way.name}: every answer identical to the reference`, async () => {
      const h = opened.track(await way.open());
      expect(h.kind).toBe(way.kind);
      expect(h.name).toContain(way.engine === 'python' ? 'python' : 'js');
      expect(h.policy).toBe('minimal-close');
      // Every feature but `inverse`: a minimal-close engine runs no inverse market (spec §12.1).
      expect([...h.features].sort()).toEqual(FEATURES.filter((f) => f !== 'inverse' && f !== 'multi-asset').sort());

      const answers = await h.runMany!(ALL);
      const m = mismatches(ALL, answers);
      expect(m.count, m.first).toBe(0);

      // One at a time through `run` too, interleaved (a second path through each adapter).
      const some = ALL.filter((_, i) => i % 25 === 0);
      const single = await Promise.all(some.map(h.run));
      const n = mismatches(some, single);
      expect(n.count, n.first).toBe(0);
    }, 60_000);
  }
});

describe('the invariant catalog, run over the protocol, finds nothing in the correct engines', () => {
  const CASES = sample(MIXED, 40, SEED + 1);
  for (const way of WAYS.filter((w) => w.kind === 'subprocess')) {
    it(`${way.name}: ${CASES.length} scenarios, no violation`, async () => {
      const h = opened.track(await way.open());
      // Cases in parallel: their engine calls are pipelined to the one engine process.
      const reports = await Promise.all(CASES.map((s) => checkCaseAsync(h.run, s)));
      const found = reports.flatMap((r, i) => [
        ...r.violations.map((v) => `case ${i}: ${v.invariant}: ${v.message.slice(0, 300)}`),
        ...(r.engineFailure ? [`case ${i}: no answer: ${r.engineFailure.error.message.slice(0, 300)}`] : []),
      ]);
      expect(found, found.join('\n')).toEqual([]);
      expect(reports.every((r) => r.checked.length > 10)).toBe(true);
    }, 60_000);
  }
});
