import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../model/decimal.ts';
import { isDeepFrozen } from '../../model/frozen.ts';
import { validator } from '../../wire/validate.ts';
import { LendingParams } from '../../wire/lending.ts';
import { LENDING_RULE_KINDS, lendingParams, morphoLif, ruleKindOf } from './lendingParams.ts';

const checkParams = validator(LendingParams, 'params');

describe('lendingParams', () => {
  const sets = fc.sample(lendingParams(), { numRuns: 400, seed: 11 });

  it('draws structurally valid, deeply frozen sets with base scale 8', () => {
    for (const p of sets) {
      const r = checkParams(p);
      expect(r.ok ? '' : JSON.stringify(r.issues)).toBe('');
      expect(isDeepFrozen(p)).toBe(true);
      expect(p.baseScale).toBe(8);
    }
  });

  it('keeps every collateral asset within LT 0.5…0.95, LB 1.01…1.15 with LB·LT ≤ 1, fee 0…0.2', () => {
    for (const p of sets) {
      for (const [id, a] of Object.entries(p.assets)) {
        if (!a.collateral) {
          expect(a.liquidationThreshold, id).toBe('0');
          continue;
        }
        const lt = new Dec(a.liquidationThreshold);
        const lb = new Dec(a.liquidationBonus);
        expect(lt.gte('0.5') && lt.lte('0.95'), `${id} LT ${lt}`).toBe(true);
        if (p.rules.kind === 'absorb') continue; // LB unused by absorb
        expect(lb.gte('1.01') && lb.lte('1.15'), `${id} LB ${lb}`).toBe(true);
        expect(lb.mul(lt).lte(1), `${id} LB·LT`).toBe(true);
        expect(new Dec(a.protocolFee).lte('0.2'), id).toBe(true);
      }
    }
  });

  it('uses the real token decimals: USDC 6, WBTC 8, WETH 18', () => {
    const units = new Map<string, string>();
    for (const p of sets) for (const [id, a] of Object.entries(p.assets)) units.set(id, a.unit);
    expect(Object.fromEntries(units)).toEqual({ USDC: '0.000001', WBTC: '0.00000001', WETH: '0.000000000000000001' });
  });

  it('reaches every rule form, the LT floor, and a borrow-only asset', () => {
    const kinds = new Set(sets.map(ruleKindOf));
    expect([...kinds].sort()).toEqual([...LENDING_RULE_KINDS].sort());
    expect(sets.some((p) => Object.values(p.assets).some((a) => a.collateral && a.liquidationThreshold === '0.5'))).toBe(true);
    expect(sets.some((p) => p.rules.kind === 'close-factor' && p.rules.closeFactor !== '1' && Object.values(p.assets).some((a) => !a.collateral))).toBe(true);
  });

  it('gives each form its venue shape', () => {
    for (const p of sets) {
      const assets = Object.values(p.assets);
      const r = p.rules;
      switch (ruleKindOf(p)) {
        case 'morpho':
          // one collateral, one loan asset, no fee (morpho-org/morpho-blue src/Morpho.sol)
          expect(assets.filter((a) => a.collateral)).toHaveLength(1);
          expect(assets).toHaveLength(2);
          expect(assets.every((a) => a.protocolFee === '0')).toBe(true);
          expect(r.kind === 'close-factor' && r.minLeftoverBase === '0' && r.deficit).toBe(true);
          break;
        case 'absorb':
          // Compound v3: the base asset is not collateral; every collateral has a liquidation factor
          expect(p.assets['USDC']!.collateral).toBe(false);
          expect(assets.filter((a) => a.collateral).every((a) => a.liquidationFactor !== undefined)).toBe(true);
          break;
        case 'aave-v3.0':
          expect(r.kind === 'close-factor' && r.closeFactorOf === 'reserve' && r.fullBelowBase === '0' && !r.deficit).toBe(true);
          break;
        case 'aave-v3.3':
          expect(r.kind === 'close-factor' && r.deficit && new Dec(r.minLeftoverBase).mul(2).eq(r.fullBelowBase)).toBe(true);
          break;
      }
    }
  });

  it('honours the rules knob and rejects an empty or unknown one', () => {
    expect(fc.sample(lendingParams({ rules: ['absorb'] }), { numRuns: 20, seed: 1 }).every((p) => p.rules.kind === 'absorb')).toBe(true);
    expect(() => lendingParams({ rules: [] })).toThrow(/non-empty list/);
    expect(() => lendingParams({ rules: ['aave-v9' as never] })).toThrow(/aave-v9/);
  });
});

describe('morphoLif', () => {
  it('is min(1.15, 1/(1 − 0.3·(1 − LLTV))) floored', () => {
    // Hand-computed: LLTV 0.86 → 1/0.958 = 1.04384133611691022964…; the published Morpho value
    // (morpho-org/morpho-blue test/BaseTest.sol _liquidationIncentiveFactor, as profiles/lending/morpho-blue.json cites) is the same.
    expect(morphoLif(8600, 18)).toBe('1.043841336116910229');
    expect(morphoLif(8600, 4)).toBe('1.0438');
    // LLTV 0.5 → 1/0.85 = 1.1764…, capped at 1.15.
    expect(morphoLif(5000, 18)).toBe('1.15');
    // LLTV 0.945 → 1/0.9835 = 1.016776817488561260…
    expect(morphoLif(9450, 18)).toBe('1.01677681748856126');
  });
});
