/**
 * Lending zoo engine "debt value floored": each debt is valued `⌊q · p⌋_b` instead of `⌈q · p⌉_b`.
 *
 * Bug class: rounding a liability in the account's favour. An account whose debt is a fraction of
 * a base unit above its weighted collateral looks healthy and is not liquidated. Precedent: Aave
 * v3.0 itself floored it (aave/aave-v3-core contracts/protocol/libraries/logic/GenericLogic.sol
 * `_getUserDebtInBaseCurrency`: `userTotalDebt / assetUnit`); aave-dao/aave-v3-origin now rounds
 * it up, `MathUtils.mulDivCeil(userTotalDebt, assetPrice, assetUnit)`, "to always overestimate the
 * debt". Spec §11.9 notes Compound v3's debt value rounded toward zero as a counter-case.
 *
 * Violates LND-002 (liquidated exactly when HF < 1) and LND-013 (its healthBefore is on the floored debt).
 */
import { FZERO, floorTo } from '../../model/fixed.ts';
import { accountValue } from '../baseValue.ts';
import { lendingEngineWith } from './support.ts';

export const debtValueFloored = lendingEngineWith({
  accountValue: (market, account) => {
    const v = accountValue(market, account);
    let debt = FZERO;
    for (const [asset, q] of account.borrows) if (!q.isZero()) debt = debt.add(floorTo(q.mul(market.prices.get(asset)!), market.base));
    return { ...v, debt };
  },
});
