/**
 * REF-001's comparison (`check`) on what spec §8 and §2.5 leave free: the order of the result's
 * positions, and `x-` extension keys.
 */
import { describe, expect, it } from 'vitest';
import { liquidate } from '../model/liquidate.ts';
import type { LiquidationResult, Scenario } from '../model/types.ts';
import { oneTier, oneTierMarket } from '../model/__support__/oneTier.ts';
import { firstDifference } from '../invariants/relationSupport.ts';
import { checkEngine, formatViolations } from './checkEngine.ts';
import { diffResults } from './diffResults.ts';


type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test surgery on plain JSON

// Two healthy positions (collateral far above MM): both stay open, in the scenario's order.
const scenario: Scenario = {
  params: oneTier({ markets: { BTC: oneTierMarket(), ETH: oneTierMarket() } }),
  marks: { BTC: '50000', ETH: '3000' },
  account: { collateral: '100000', positions: [{ market: 'ETH', size: '1', entryPrice: '3000' }, { market: 'BTC', size: '1', entryPrice: '50000' }] },
  insuranceFund: '0',
};
const reference = (): LiquidationResult => {
  const o = liquidate(scenario);
  if (!o.ok) throw new Error(JSON.stringify(o.error));
  return o.result;
};

describe('diffResults', () => {
  it('matches positions by market, ignores x- keys at every depth, and names any other field', () => {
    const expected = reference();
    expect(expected.account.positions.map((p) => p.market)).toEqual(['ETH', 'BTC']); // spec §8: the scenario's order
    const actual = structuredClone(expected) as Json;
    actual['account']['positions'].reverse();
    actual['account']['x-note'] = 'engine annotation';
    actual['account']['positions'][0]['x-order'] = 1;
    actual['groups'][0]['before']['x-debug'] = true;
    expect(diffResults(scenario, expected, actual as LiquidationResult)).toEqual([]);
    actual['account']['positions'][0]['note'] = 'x';
    expect(diffResults(scenario, expected, actual as LiquidationResult)).toEqual([{ path: 'account.positions[BTC].note', expected: '(missing)', actual: 'x' }]);
  });

  it('compares the assets left and the sales in execution order (spec §13.4)', () => {
    // hand-made answers (not the reference's): two sales, then the same two in the other order
    const expected = structuredClone(reference()) as Json;
    expected['account']['assets'] = { BTC: '0.5' };
    expected['sales'] = [
      { asset: 'ETH', amount: '1', proceeds: '2850' },
      { asset: 'BTC', amount: '0.5', proceeds: '23750' },
    ];
    const actual = structuredClone(expected);
    expect(diffResults(scenario, expected as LiquidationResult, actual as LiquidationResult)).toEqual([]);
    actual['sales'].reverse();
    actual['account']['assets'] = { BTC: '0.4' };
    const paths = diffResults(scenario, expected as LiquidationResult, actual as LiquidationResult).map((d) => d.path);
    expect(paths).toEqual(['account.assets["BTC"]', 'sales[0].asset', 'sales[0].amount', 'sales[0].proceeds', 'sales[1].asset', 'sales[1].amount', 'sales[1].proceeds']);
    delete actual['sales'];
    expect(diffResults(scenario, expected as LiquidationResult, actual as LiquidationResult).map((d) => d.path)).toContain('sales.length');
  });

  it('the relations\' comparison of two answers (LIQ-012, 013, 014) ignores x- keys too', () => {
    const a = structuredClone(reference()) as Json;
    const b = structuredClone(reference()) as Json;
    a['x-run'] = 1;
    b['account']['x-run'] = 2;
    expect(firstDifference(a, b)).toBeNull();
    b['account']['run'] = 2;
    expect(firstDifference(a, b)).toBe('account: fields run present on one side only');
  });

  it('check: an engine that writes positions in reverse order and x- keys that change on every call violates nothing', { timeout: 120_000 }, async () => {
    let calls = 0;
    const annotating = (input: unknown) => {
      const o = liquidate(input);
      if (!o.ok) return o;
      const r = structuredClone(o.result) as Json;
      r['x-call'] = ++calls;
      r['account']['positions'].reverse();
      for (const f of r['fills']) f['x-call'] = calls;
      return { ok: true, result: r } as ReturnType<typeof liquidate>;
    };
    const report = await checkEngine(annotating, { runs: 200, seed: 11 });
    expect(report.ok, formatViolations(report)).toBe(true);
    expect(calls).toBeGreaterThan(200); // the relations re-ran it, and every answer differed in x-call
  });
});
