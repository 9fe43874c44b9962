/**
 * The buggy variants of the example engines (`--bug NAME`) are caught: run over the protocol,
 * `checkCaseAsync` reports the invariant each bug must violate, on a generated scenario where the
 * reference violates nothing. Fixed seed; at most {@link MAX_SCENARIOS} scenarios per variant.
 */
import type fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { riskParams, scenario } from '../src/arbitraries/index.ts';
import { openEngine } from '../src/adapters/openEngine.ts';
import type { EngineHandle } from '../src/adapters/engineHandle.ts';
import { checkCase, checkCaseAsync } from '../src/invariants/checkCase.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';
// @ts-expect-error -- a plain ESM example without type declarations
import { startHttpEngine } from '../examples/js/httpEngine.mjs';
import { CWD, JS, Opened, PYTHON, sample, SEED } from './adaptersSupport.ts';

const MAX_SCENARIOS = 300;
/** Cases judged at once; their engine calls are pipelined. */
const PARALLEL = 16;
const opened = new Opened();
afterEach(() => opened.closeAll());

const SHAPES = {
  any: scenario(),
  /** penalties below every maintenance rate: partial closes happen */
  partial: scenario({ params: riskParams({ penalty: 'below' }) }),
  /** partial closes and a dust threshold */
  dust: scenario({ params: riskParams({ penalty: 'below' }).filter((p) => p.dustNotional !== '0') }),
} satisfies Record<string, fc.Arbitrary<Scenario>>;

interface Variant {
  readonly engine: 'python' | 'js' | 'js-http';
  readonly bug: string;
  readonly violates: string;
  readonly shape: keyof typeof SHAPES;
}

const VARIANTS: readonly Variant[] = [
  { engine: 'python', bug: 'one-lot-short', violates: 'LIQ-003', shape: 'partial' },
  { engine: 'python', bug: 'round-nearest', violates: 'LIQ-006', shape: 'partial' },
  { engine: 'python', bug: 'uncapped-penalty', violates: 'LIQ-010', shape: 'any' },
  { engine: 'python', bug: 'ignores-dust', violates: 'LIQ-009', shape: 'dust' },
  { engine: 'js', bug: 'one-lot-short', violates: 'LIQ-003', shape: 'partial' },
  { engine: 'js', bug: 'round-nearest', violates: 'LIQ-006', shape: 'partial' },
  { engine: 'js', bug: 'uncapped-penalty', violates: 'LIQ-010', shape: 'any' },
  { engine: 'js', bug: 'insurance-overdrawn', violates: 'LIQ-011', shape: 'any' },
  { engine: 'js-http', bug: 'uncapped-penalty', violates: 'LIQ-010', shape: 'any' },
];

async function open(v: Variant): Promise<EngineHandle> {
  if (v.engine === 'js-http') {
    const service = (await startHttpEngine({ port: 0, bugs: new Set([v.bug]) })) as { url: string; close: () => Promise<void> };
    opened.onClose(service.close);
    return openEngine(service.url, { timeoutMs: 10_000 });
  }
  return openEngine(`${v.engine === 'python' ? PYTHON : JS} --bug ${v.bug}`, { timeoutMs: 10_000, ...CWD });
}

/** The first scenario (in sample order) on which the engine violates `id` and the reference does not. */
async function hunt(h: EngineHandle, scenarios: readonly Scenario[], id: string): Promise<{ index: number; message: string } | null> {
  for (let start = 0; start < scenarios.length; start += PARALLEL) {
    const chunk = scenarios.slice(start, start + PARALLEL);
    const reports = await Promise.all(chunk.map((s) => checkCaseAsync(h.run, s)));
    for (const [k, r] of reports.entries()) {
      const hit = r.violations.find((v) => v.invariant === id);
      if (hit === undefined) continue;
      if (checkCase(liquidate, chunk[k]!).violations.some((v) => v.invariant === id)) continue;
      return { index: start + k, message: hit.message };
    }
  }
  return null;
}

describe(`buggy example engines are caught over the protocol (seed ${SEED})`, () => {
  for (const v of VARIANTS) {
    it(`${v.engine} --bug ${v.bug} violates ${v.violates}`, async () => {
      const h = opened.track(await open(v));
      expect(h.name).toContain(v.bug);
      const found = await hunt(h, sample(SHAPES[v.shape], MAX_SCENARIOS), v.violates);
      expect(found, `${v.engine} --bug ${v.bug}: no ${v.violates} violation in ${MAX_SCENARIOS} '${v.shape}' scenarios`).not.toBeNull();
      console.log(`[bugs] ${`${v.engine} --bug ${v.bug}`.padEnd(34)} ${v.violates} at scenario ${String(found!.index).padStart(3)}: ${found!.message.split('\n')[0]!.slice(0, 160)}`);
    }, 60_000);
  }
});
