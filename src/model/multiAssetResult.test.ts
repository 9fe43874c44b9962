/** The result of spec §13.4 in every form: wire keys, the parsed form and the decimal.js form's refusal. */
import { describe, expect, it } from 'vitest';
import { liquidate, liquidateOnDec, liquidateToParsed } from './liquidate.ts';
import { parseResult } from './parseResult.ts';
import { parseScenario } from './parseScenario.ts';
import { oneTier } from './__support__/oneTier.ts';
import type { Scenario } from './types.ts';

// Token-only: E = −9·1.2 + 10·0.8 + 0 (Z at weight 0) = −2.8 < 0; "no perps2" of Mango (sellCollateral.test.ts)
// with a second asset Z of weight 0, which sorts last (a·p·w′ = 0) and is never needed. Hand-computed.
const scenario = (): Scenario => ({
  params: oneTier({ assets: { TOK: { unit: '0.000001', weight: '0.8' }, Z: { unit: '1', weight: '0' } }, quoteDebt: { weight: '1.2', targetWeight: '1.2' } }),
  marks: { BTC: '50000' },
  account: { collateral: '-9', positions: [], assets: { Z: '5', TOK: '10' } },
  insuranceFund: '0',
  assetPrices: { TOK: '1', Z: '2' },
  policy: { collateral: { kind: 'sell', restore: 'target' } },
});

describe('multi-asset results (spec §13.4)', () => {
  it('writes account.assets in id order with zero balances omitted, and sales after groups', () => {
    const s = scenario();
    const o = liquidate({ ...s, account: { ...s.account, assets: { Z: '5', TOK: '10' } } });
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(Object.keys(o.result)).toEqual(['status', 'fills', 'account', 'insuranceFund', 'insurancePayout', 'badDebt', 'socializedLoss', 'groups', 'sales']);
    expect(o.result.account.assets).toEqual({ TOK: '3', Z: '5' });
    expect(Object.keys(o.result.account.assets!)).toEqual(['TOK', 'Z']);
    expect(o.result.sales).toEqual([{ asset: 'TOK', amount: '7', proceeds: '7' }]);
  });

  it('omits a balance sold to zero', () => {
    const s = scenario();
    const o = liquidate({ ...s, params: oneTier({ assets: { TOK: { unit: '1', weight: '0.9' } }, quoteDebt: { weight: '1.1', targetWeight: '1.1' } }), account: { collateral: '-11', positions: [], assets: { TOK: '10' } }, assetPrices: { TOK: '1' } });
    expect(o.ok && o.result.account.assets).toEqual({});
  });

  it('keeps every earlier key without params.assets, also under a sell policy', () => {
    const o = liquidate({ params: oneTier(), marks: { BTC: '50000' }, account: { collateral: '100', positions: [] }, insuranceFund: '0', policy: { collateral: { kind: 'sell', restore: 'deficit' } } });
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(Object.keys(o.result)).not.toContain('sales');
    expect(Object.keys(o.result.account)).toEqual(['collateral', 'positions']);
  });

  it('gives the parsed form that parseResult reads back from the wire form', () => {
    const sc = parseScenario(scenario());
    expect(sc.ok).toBe(true);
    if (!sc.ok) return;
    const answer = liquidateToParsed(sc.value);
    expect(answer.outcome.ok).toBe(true);
    if (!answer.outcome.ok) return;
    const back = parseResult(answer.outcome.result);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(answer.output()).toEqual(back.value);
    expect(back.value.sales?.map((x) => [x.asset, String(x.amount), String(x.proceeds)])).toEqual([['TOK', '7', '7']]);
  });

  it('is refused by the decimal.js form, which values no asset', () => {
    const sc = parseScenario(scenario());
    if (!sc.ok) throw new Error('valid');
    const o = liquidateOnDec(sc.value);
    expect(o.ok ? [] : o.error.code === 'invalid-input' ? o.error.issues.map((i) => i.path) : []).toEqual(['params.assets']);
  });
});
