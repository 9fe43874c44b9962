/**
 * The close factor: the most debt of one asset a call may repay (spec §11.4), and the debt the
 * call then covers.
 * @see docs/spec.md#114-close-factor-the-debt-one-call-may-repay
 */
import { FZERO, floorDiv, fmin, type Fixed } from '../model/fixed.ts';
import { collateralValue, debtValue, type AccountValue } from './baseValue.ts';
import { healthAbove } from './healthFactor.ts';
import type { FCloseFactorRules, FLendingAccount, FMarket, FRequest } from './types.ts';

/**
 * `M`: the whole debt `q_d` when the account is at or below `fullBelowHealth` or a reserve is
 * under `fullBelowBase`; else `⌊CF · q_d⌋_{u_d}` ("reserve", Aave ≤ v3.2) or
 * `min(q_d, ⌊CF · D / p_d⌋_{u_d})` ("total", Aave v3.3). Rounded down: a limit on the liquidator.
 */
export function maxRepayable(market: FMarket, rules: FCloseFactorRules, account: FLendingAccount, value: AccountValue, request: FRequest): Fixed {
  const d = request.debtAsset;
  const debt = account.borrows.get(d) ?? FZERO;
  if (isFull(market, rules, account, value, request)) return debt;
  const unit = market.assets.get(d)!.unit;
  if (rules.closeFactorOf === 'reserve') return floorDiv(rules.closeFactor.mul(debt), unit).mul(unit);
  const price = market.prices.get(d)!;
  const allowed = floorDiv(rules.closeFactor.mul(value.debt), price.mul(unit)).mul(unit);
  return fmin(debt, allowed);
}

/** Case 1 of spec §11.4: `W ≤ h · D`, or `β > 0` and `C_c < β` or `D_d < β`. */
export function isFull(market: FMarket, rules: FCloseFactorRules, account: FLendingAccount, value: AccountValue, request: FRequest): boolean {
  if (!healthAbove(value, rules.fullBelowHealth)) return true;
  if (rules.fullBelowBase.sign() <= 0) return false;
  const cValue = collateralValue(market, request.collateralAsset, account.supplies.get(request.collateralAsset) ?? FZERO);
  const dValue = debtValue(market, request.debtAsset, account.borrows.get(request.debtAsset) ?? FZERO);
  return cValue.lt(rules.fullBelowBase) || dValue.lt(rules.fullBelowBase);
}

/** `r = min(debtToCover, M)`, or `M` for `"max"`. */
export function debtCovered(request: FRequest, max: Fixed): Fixed {
  return request.debtToCover === 'max' ? max : fmin(request.debtToCover, max);
}
