import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, isMultipleOf } from '../model/decimal.ts';
import { Fixed, toCanonical } from '../model/fixed.ts';
import { deepFreeze } from '../model/frozen.ts';
import type { RiskParams } from '../model/types.ts';
import { defaultParams } from './defaultParams.ts';
import { exactQuotient, hasAssets, linearParams, multiAssetAccount } from './multiAssetAccount.ts';
import { scenario } from './scenario.ts';

const PARAMS: RiskParams = deepFreeze({
  ...defaultParams,
  assets: { BTC: { unit: '0.00000001', weight: '0.95', targetWeight: '0.9', discount: '0.05' }, DUST: { unit: '1', weight: '0' } },
} as RiskParams);

const f = (m: bigint, s: number): Fixed => new Fixed(m, s);

describe('multiAssetAccount', () => {
  // Hand-computed: 1/8 = 0.125; 95/0.95 = 100; 1/3 does not terminate; 10^−18/4 needs 20 digits.
  it('exactQuotient is exact or null', () => {
    expect(toCanonical(exactQuotient(f(1n, 0), f(8n, 0))!)).toBe('0.125');
    expect(toCanonical(exactQuotient(f(95n, 0), f(95n, 2))!)).toBe('100');
    expect(exactQuotient(f(1n, 0), f(3n, 0))).toBeNull();
    expect(exactQuotient(f(1n, 18), f(4n, 0))).toBeNull();
  });

  it('linearParams drops the assets and the quote debt, and nothing else', () => {
    const linear = linearParams({ ...PARAMS, quoteDebt: { weight: '1', targetWeight: '1' } } as RiskParams);
    expect(hasAssets(linear)).toBe(false);
    expect('quoteDebt' in linear).toBe(false);
    expect(linear.markets).toBe(PARAMS.markets);
    expect(hasAssets(PARAMS)).toBe(true);
  });

  it('draws balances on each unit grid, prices > 0 within 18 fraction digits, assets only of the params', () => {
    const gen = scenario({ params: fc.constant(PARAMS) });
    for (const s of fc.sample(gen, { numRuns: 300, seed: 7 })) {
      const held = Object.entries(s.account.assets ?? {});
      expect(held.length).toBeGreaterThanOrEqual(1);
      for (const [id, a] of held) {
        const unit = PARAMS.assets![id]!.unit;
        expect(isMultipleOf(new Dec(a), new Dec(unit)), `${id} ${a}`).toBe(true);
        expect(new Dec(a).gt(0)).toBe(true);
        const p = s.assetPrices![id]!;
        expect(new Dec(p).gt(0), `${id} at ${p}`).toBe(true);
        expect((p.split('.')[1] ?? '').length).toBeLessThanOrEqual(18);
      }
      expect(s.account.collateral.split('.')[1]?.length ?? 0).toBeLessThanOrEqual(PARAMS.quoteScale);
    }
  });

  it('the hook: only params with assets draw assets; linear params draw exactly what they always drew', () => {
    const linear = fc.sample(scenario({ params: fc.constant(defaultParams) }), { numRuns: 50, seed: 3 });
    for (const s of linear) {
      expect('assets' in s.account).toBe(false);
      expect('assetPrices' in s).toBe(false);
    }
    // The linear part of a multi-asset draw is drawn under the params without their assets.
    expect(JSON.stringify(fc.sample(scenario({ params: fc.constant(linearParams(PARAMS)) }), { numRuns: 50, seed: 3 }).map((s) => s.account.positions.length))).toBe(
      JSON.stringify(linear.map((s) => s.account.positions.length)),
    );
  });

  it('throws, naming the field, for params without an asset', () => {
    expect(() => multiAssetAccount({ ...defaultParams, assets: {} } as RiskParams, scenario())).toThrow(/params\.assets/);
  });
});
