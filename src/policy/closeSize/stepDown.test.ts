/** The tier step-down close size (spec §10.3): hand-computed, not published vectors. */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { fromDec, toCanonical, type Fixed } from '../../model/fixed.ts';
import { liquidate } from '../../model/liquidate.ts';
import { exampleScenario } from './closeSizeScenario.ts';
import { largestBelow } from './stepDown.ts';

const x = (v: string): Fixed => fromDec(new Dec(v));
const TIERS = [['0', '0.01', '0'], ['500', '0.02', '5'], ['2000', '0.05', '65']] as const;
const run = (collateral: string, size = '30', dust = '10') => {
  const r = liquidate(
    exampleScenario({ markets: { 'BTC-PERP': { lot: '0.1', mark: '100', tiers: TIERS } }, positions: [{ market: 'BTC-PERP', size, entry: '100' }], collateral, dust, policy: { closeSize: { kind: 'step-down' } } }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.result;
};

describe('largestBelow (§10.3 step-down)', () => {
  it('keeps the largest lot multiple strictly below a floor (hand-computed, not a published vector)', () => {
    // 2000 / (0.1·100) = 200 lots exactly: the floor itself is the upper bracket, so 199 lots.
    expect(toCanonical(largestBelow(x('2000'), x('100'), x('0.1')))).toBe('19.9');
    // 2000 / (0.1·30) = 666.6…: ⌈⌉ − 1 = 666 lots = 66.6 (notional 1998 < 2000).
    expect(toCanonical(largestBelow(x('2000'), x('30'), x('0.1')))).toBe('66.6');
  });
});

describe('the step-down policy on the integer core', () => {
  it('goes down two brackets when one is not enough: the §10.3 worked example (hand-computed, not a published vector)', () => {
    // Step 1 keeps 19.9 (E′ = 40 − 10.1 = 29.9 < MM′ 34.8); step 2 keeps 4.9 (E′ = 14.9 ≥ 4.9).
    const r = run('40');
    expect(r.fills.map((f) => [f.size, f.notional, f.penalty])).toEqual([['25.1', '2510', '25.1']]);
    expect(r.account.positions.map((p) => p.size)).toEqual(['4.9']);
    expect(r.status).toBe('partial');
  });

  it('stops at the first bracket that meets the target (hand-computed, not a published vector)', () => {
    // Collateral 80 (MM 85): step 1 closes 10.1, penalty 10.1, E′ = 69.9 ≥ 34.8.
    const r = run('80');
    expect(r.fills.map((f) => f.size)).toEqual(['10.1']);
    expect(r.account.positions.map((p) => p.size)).toEqual(['19.9']);
  });

  it('closes in full when no step meets the target (hand-computed, not a published vector)', () => {
    // Collateral 20: step 2 leaves E′ = 20 − 25.1 < 0 after the uncapped penalty: no step; full close.
    const r = run('20');
    expect(r.fills.map((f) => f.size)).toEqual(['30']);
    expect(r.status).toBe('full');
  });

  it('closes a position of bracket 0 in full (hand-computed, not a published vector)', () => {
    // 4 at 100 = 400 < 500: MM = 4 > E = 3; no lower bracket.
    const r = run('3', '4');
    expect(r.fills.map((f) => f.size)).toEqual(['4']);
  });

  it('treats a step that would keep dust as the full close (hand-computed, not a published vector)', () => {
    // Dust 500: step 2 would keep 4.9 (notional 490 < 500), so with collateral 40 the position goes whole.
    const r = run('40', '30', '500');
    expect(r.fills.map((f) => f.size)).toEqual(['30']);
  });
});
