/**
 * Lending zoo engine "stale repaid": when the collateral runs out, the repayment is recomputed
 * for the report but the borrow is reduced by the debt covered before the cap.
 *
 * Bug class: a variable recomputed in one branch and its stale value used afterwards, so the
 * borrower's debt falls by more than the liquidator paid and the difference belongs to nobody.
 * Precedent: the same shape in Aave's capped branch, where `bonusCollateral` was not recomputed
 * after `maxCollateralToLiquidate > userCollateralBalance` (aave/aave-v3-core#266, OpenZeppelin
 * audit, fixed in #271).
 *
 * Violates LND-006 (value conserved).
 */
import { lendingEngineWith } from './support.ts';

export const staleRepaid = lendingEngineWith({
  debtBurned: (covered) => covered,
});
