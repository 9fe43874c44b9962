import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenario } from '../arbitraries/scenario.ts';
import { liquidate } from '../model/liquidate.ts';
import type { Scenario } from '../model/types.ts';
import { ZOO } from '../zoo/index.ts';
import { checkCase, checkCaseAsync } from './checkCase.ts';

const sample = fc.sample(scenario(), { seed: 7, numRuns: 60 });

describe('checkCase', () => {
  it('judges the same way whether the engine answers synchronously or not', async () => {
    for (const engine of [liquidate, ...ZOO.slice(0, 6).map((z) => z.engine)]) {
      for (const s of sample) {
        const sync = checkCase(engine, s);
        const async = await checkCaseAsync(async (x) => engine(x), s);
        expect(async.violations).toEqual(sync.violations);
        expect(async.checked).toEqual(sync.checked);
      }
    }
  });

  it('turns an engine that throws, rejects or answers garbage into LIQ-000, never into a crash', async () => {
    const s = sample[0]!;
    expect(checkCase(() => { throw new Error('boom'); }, s).violations).toEqual([{ invariant: 'LIQ-000', message: 'the engine answered a valid scenario with engine-threw: boom' }]);
    expect((await checkCaseAsync(() => Promise.reject(new Error('gone')), s)).violations[0]!.message).toContain('engine-threw: gone');
    const garbage = checkCase(() => ({ ok: true, result: { status: 'fine' } }) as never, s).violations;
    expect(garbage[0]!.invariant).toBe('LIQ-000');
    expect(garbage[0]!.message).toMatch(/^malformed result: result\.status: expected/);
  });

  it('refuses an invalid scenario: that is the caller’s mistake', () => {
    const bad = { ...sample[0]!, insuranceFund: '-1' } as Scenario;
    expect(() => checkCase(liquidate, bad)).toThrow(/insuranceFund: expected a decimal ≥ 0/);
  });
});
