// Worked examples: hand-computed (exact fractions), not published vectors. The account is spec
// §11.2's (10 WETH at 2000 with LT 0.825 against 17,000 USDC) under Aave v3.3's rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LendingScenario } from '../../wire/lending.ts';
import { liquidateLending } from '../liquidateLending.ts';
import { closeFactorCap, rawAccount } from './accountValues.ts';
import { lendingScenario } from './lendingScenario.ts';
import { lendingScenarioLabels } from './lendingScenarioLabels.ts';
import { rawOf } from './units.ts';
import { USDC, WETH, aaveScenario } from '../__support__/workedExamples.ts';

function aave(o: { weth?: string; usdc?: string; debtToCover?: string } = {}): LendingScenario {
  return aaveScenario({
    assets: { USDC: { ...USDC, liquidationThreshold: '0.8', protocolFee: '0.2' }, WETH },
    wethPrice: o.weth,
    borrows: { USDC: o.usdc ?? '17000' },
    debtToCover: o.debtToCover ?? '8500',
  });
}

describe('lendingScenarioLabels', () => {
  it('W = 16500 < D = 17000, HF ≈ 0.9706: liquidatable, far from 0.95 and from LB·LT = 0.86625; 8500 is the cap', () => {
    // |W − 0.95·D| = 350 > 0.01·D = 170; W − 0.86625·D = 1773.75 > 170.
    // Cap (§11.4, "total"): C_c = 20000 and D_d = 17000 ≥ 2000, so min(17000, ⌊0.5·17000⌋) = 8500.
    expect(lendingScenarioLabels(aave())).toEqual(['aave-v3.3', 'hf<1', 'request=cap', 'price-one', 'single-pair', 'liquidated']);
  });

  it('W = 15675 = 0.95·16500 (WETH 1900): on the switch, full cap, and 16,000 leaves 500 < 1000 of debt: reverted', () => {
    const labels = lendingScenarioLabels(aave({ weth: '1900', usdc: '16500', debtToCover: '16000' }));
    expect(labels).toEqual(['aave-v3.3', 'hf<1', 'hf≈fullBelowHealth', 'hf=fullBelowHealth', 'request<cap', 'price-one', 'single-pair', 'reverted']);
  });

  it('C = 16000 < D = 17000 (WETH 1600): bad debt below LB·LT; "max" seizes all 10 WETH and leaves a deficit', () => {
    // W = 13200 < 0.86625·17000 = 14726.25; s₀ = 17000·1.05/1600 = 11.15625 > 10.
    const labels = lendingScenarioLabels(aave({ weth: '1600', debtToCover: 'max' }));
    expect(labels).toEqual(['aave-v3.3', 'hf<1', 'hf<LB·LT', 'bad-debt', 'request=max', 'price-one', 'single-pair', 'liquidated', 'deficit', 'collateral-exhausted']);
  });

  it('W = D = 16500: exactly HF = 1, healthy', () => {
    expect(lendingScenarioLabels(aave({ usdc: '16500', debtToCover: 'max' }))).toEqual(['aave-v3.3', 'hf=1', 'request=max', 'price-one', 'single-pair', 'healthy']);
  });

  it('a debt reserve of 1,990 USDC is just below fullBelowBase = 2000 (within 3 %), so the cap is the whole debt', () => {
    // 10 WETH at 190: C = 1900, W = 1567.5 < D = 1990. D_d = 1990 lies in [0.97·2000, 2000) =
    // [1940, 2000); C_c = 1900 lies below 1940, so only the debt reserve is "just below".
    const s = aave({ weth: '190', usdc: '1990', debtToCover: '1990' });
    const labels = lendingScenarioLabels(s);
    expect(labels).toContain('reserve-just-below-fullBelowBase');
    expect(labels).toContain('request=cap');
    expect(closeFactorCap(s.params, rawAccount(s), s.request!)).toBe(rawOf('1990', 6));
  });

  it('labels an invalid scenario `invalid` only', () => {
    expect(lendingScenarioLabels({ ...aave(), prices: { USDC: '1' } })).toEqual(['invalid']);
  });
});

describe('closeFactorCap (the generator\'s reading of spec §11.4) against the reference', () => {
  it('"max" repays exactly the cap, and a request repays min(request, cap), unless the collateral runs out', () => {
    let compared = 0;
    for (const s of fc.sample(lendingScenario({ rules: ['aave-v3.0', 'aave-v3.3', 'morpho'] }), { numRuns: 600, seed: 9 })) {
      const o = liquidateLending(s);
      if (!o.ok || o.result.status !== 'liquidated' || s.request === undefined) continue;
      const req = s.request;
      if (o.result.seized[req.collateralAsset] === s.account.supplies[req.collateralAsset]) continue; // exhausted: §11.5 lowers r
      const unit = s.params.assets[req.debtAsset]!.unit;
      const scale = (unit.split('.')[1] ?? '').length;
      const cap = closeFactorCap(s.params, rawAccount(s), req);
      const asked = req.debtToCover === 'max' ? cap : rawOf(req.debtToCover, scale);
      const repaid = rawOf(o.result.repaid[req.debtAsset] ?? '0', scale);
      expect(repaid, JSON.stringify(s)).toBe(asked < cap ? asked : cap);
      compared++;
    }
    expect(compared).toBeGreaterThan(150);
  });
});
