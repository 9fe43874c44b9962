/**
 * The dust rule of Aave v3.3 (spec §11.7): a call that leaves both reserves non-zero must leave
 * each worth at least `minLeftoverBase`, else it reverts.
 * @see docs/spec.md#117-dust-rule
 */
import type { Fixed } from '../model/fixed.ts';
import { collateralValue, debtValue } from './baseValue.ts';
import type { FCloseFactorRules, FMarket, FRequest } from './types.ts';

/** Whether the call must revert with `must-not-leave-dust`. */
export function leavesDust(
  market: FMarket,
  rules: FCloseFactorRules,
  request: FRequest,
  before: { readonly debtBalance: Fixed; readonly collateralBalance: Fixed },
  moved: { readonly repaid: Fixed; readonly seized: Fixed },
): boolean {
  if (rules.minLeftoverBase.sign() <= 0) return false;
  // Clearing either side completely is always allowed (Aave's cases 1 and 2).
  if (!moved.repaid.lt(before.debtBalance) || !moved.seized.lt(before.collateralBalance)) return false;
  const debtLeft = debtValue(market, request.debtAsset, before.debtBalance.sub(moved.repaid));
  const collateralLeft = collateralValue(market, request.collateralAsset, before.collateralBalance.sub(moved.seized));
  return debtLeft.lt(rules.minLeftoverBase) || collateralLeft.lt(rules.minLeftoverBase);
}
