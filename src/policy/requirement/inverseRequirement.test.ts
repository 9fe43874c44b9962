/**
 * The requirement part (spec §10.2) on an inverse market: tier brackets of §12.2's value `N` at
 * the mark or the entry, and the loss buffer on §12.2's `U`. Hand-computed, not published vectors.
 *
 * Long 20000 BTCUSD contracts (v = 1) entered at 10000, mark 9000, collateral 0.235, quoteScale 8;
 * tiers `[0, 1)` coin at 0.5 %, `[1, ∞)` at 1 % less 0.005. `U = ⌊20000·(1/10000 − 1/9000)⌋ =
 * −0.22222223`, so `E = 0.01277777`.
 */
import { describe, expect, it } from 'vitest';
import { coinTier, inverseMarket, inverseParams, longAt9000 } from '../../model/__support__/inverseScenarios.ts';
import { liquidate } from '../../model/liquidate.ts';
import type { Policy } from '../../wire/policy.ts';

function before(requirement: Policy['requirement']) {
  const tiers = [coinTier('0', '0.005', '0', '0.01'), coinTier('1', '0.01', '0.005', '0.02')];
  const sc = longAt9000(inverseParams({ BTCUSD: inverseMarket(tiers) }), { closeSize: { kind: 'full' }, ...(requirement === undefined ? {} : { requirement }) });
  const o = liquidate(sc);
  if (!o.ok) throw new Error(JSON.stringify(o.error));
  return o.result.groups[0]!.before;
}

describe('the requirement of an inverse position (§10.2, §12.2)', () => {
  it('values the brackets at the mark: N(q, P) = ⌈20000/9000⌉ = 2.22222223', () => {
    // tier 1: 2.22222223·0.01 − 0.005 = 0.0172222223
    expect(before(undefined)).toMatchObject({ equity: '0.01277777', maintenance: '0.0172222223' });
  });

  it('values the brackets at the entry: N(q, e) = 20000/10000 = 2', () => {
    // tier 1: 2·0.01 − 0.005 = 0.015 (a linear |q|·e would be 200 000000 "coins": a bracket far off)
    expect(before({ kind: 'tiers', valuation: 'entry' })).toMatchObject({ maintenance: '0.015' });
  });

  it('adds the loss buffer on the coin PnL: β·max(0, −U) = 0.1·0.22222223', () => {
    // 0.015 + 0.022222223 = 0.037222223
    expect(before({ kind: 'tiers', valuation: 'entry', lossBuffer: '0.1' })).toMatchObject({ maintenance: '0.037222223' });
  });
});
