// Worked examples of spec §11.9: hand-computed (exact fractions), not published vectors.
// Rule: compound-finance/comet contracts/Comet.sol absorbInternal.
import { describe, expect, it } from 'vitest';
import { toCanonical } from '../model/fixed.ts';
import { absorb } from './absorb.ts';
import { amountsOf } from './amounts.ts';
import { compoundScenario } from './__support__/workedExamples.ts';
import { parsed } from './__support__/parsed.ts';

function absorbAt(wethPrice: string) {
  const sc = parsed(compoundScenario(wethPrice));
  const a = absorb(sc.market, sc.account, sc.reserves);
  return {
    seized: amountsOf(a.seized),
    repaid: amountsOf(a.repaid),
    deficit: amountsOf(a.deficit),
    supplies: amountsOf(a.account.supplies),
    borrows: amountsOf(a.account.borrows),
    reserves: a.reserves === undefined ? undefined : toCanonical(a.reserves),
  };
}

describe('absorb', () => {
  it('credits 2000 · 0.95 = 1900 against 1,850 USDC: 50 USDC supplied, reserves 10000 − 1850 − 50', () => {
    expect(absorbAt('2000')).toEqual({ seized: { WETH: '1' }, repaid: { USDC: '1850' }, deficit: {}, supplies: { USDC: '50' }, borrows: {}, reserves: '8100' });
  });

  it('credits 1800 · 0.95 = 1710: 140 USDC of deficit, reserves 10000 − 1850', () => {
    expect(absorbAt('1800')).toEqual({ seized: { WETH: '1' }, repaid: { USDC: '1850' }, deficit: { USDC: '140' }, supplies: {}, borrows: {}, reserves: '8150' });
  });

  it('rounds the credit down to the base unit and to the base asset unit', () => {
    // WETH at 1947.368421052631579: C = ⌊1947.368421052631579⌋_{10^-8} = 1947.36842105,
    // C · 0.95 = 1849.9999999975 → ⌊⌋_{10^-8} = 1849.99999999; δ = ⌊1849.99999999⌋_{10^-6} = 1849.999999;
    // n = −0.000001: a deficit of one USDC unit.
    expect(absorbAt('1947.368421052631579').deficit).toEqual({ USDC: '0.000001' });
  });
});
