/**
 * Lending zoo engine "close factor ignored": one call may repay the whole debt reserve, whatever
 * the health factor.
 *
 * Bug class: a limit computed but not applied (or applied to the wrong branch), so a liquidator
 * takes a healthy-ish account's whole debt and its bonus in one call. Aave's rule: "A maximum of
 * totalUserDebt * CLOSE_FACTOR can be liquidated in a single liquidation"
 * (aave-dao/aave-v3-origin docs/3.3/Aave-v3.3-properties.md); the 100 % close factor was added
 * as a separate branch (aave/aave-v3-core#154). Precedent: realistic, no report found.
 *
 * Violates LND-003 (close factor bounds the repayment).
 */
import { FZERO } from '../../model/fixed.ts';
import { lendingEngineWith } from './support.ts';

export const closeFactorIgnored = lendingEngineWith({
  maxRepayable: (_market, _rules, account, _value, request) => account.borrows.get(request.debtAsset) ?? FZERO,
});
