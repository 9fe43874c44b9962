// Worked examples of spec §11.7: hand-computed (exact fractions), not published vectors.
// Rule: Aave v3.3 MUST_NOT_LEAVE_DUST (aave-dao/aave-v3-origin LiquidationLogic.executeLiquidationCall).
import { describe, expect, it } from 'vitest';
import { fixedOf } from '../model/fixed.ts';
import { leavesDust } from './dust.ts';
import { AAVE_V32, AAVE_V33, aaveScenario } from './__support__/workedExamples.ts';
import { parsed } from './__support__/parsed.ts';
import type { FCloseFactorRules } from './types.ts';

function dust(repaid: string, seized: string, rules = AAVE_V33): boolean {
  const sc = parsed(aaveScenario({ wethPrice: '1900', rules }));
  const before = { debtBalance: fixedOf('17000'), collateralBalance: fixedOf('10') };
  return leavesDust(sc.market, sc.rules as FCloseFactorRules, sc.request!, before, { repaid: fixedOf(repaid), seized: fixedOf(seized) });
}

describe('leavesDust', () => {
  it('reverts 16,500 of 17,000 USDC: 500 of debt left < 1000', () => {
    expect(dust('16500', '9.118421052631578947')).toBe(true);
  });

  it('reverts when the collateral left is worth < 1000 (0.5 WETH at 1900 = 950)', () => {
    expect(dust('8000', '9.5')).toBe(true);
  });

  it('accepts exactly 1000 of debt left (≥, not >)', () => {
    // Exactly 1000 USDC of debt left (and 5 WETH = 9500 of collateral).
    expect(dust('16000', '5')).toBe(false);
  });

  it('never applies when the whole debt or the whole collateral goes', () => {
    expect(dust('17000', '9.394736842105263157')).toBe(false);
    expect(dust('15238.095239', '10')).toBe(false);
  });

  it('is off with minLeftoverBase 0 (Aave ≤ v3.2)', () => {
    expect(dust('16500', '9.118421052631578947', AAVE_V32)).toBe(false);
  });
});
