/**
 * Base values of balances (spec §11.2): collateral rounded down, debt rounded up, both to the
 * base unit — against the account, as Aave v3.7 values them.
 * @see docs/spec.md#112-base-values
 */
import { FZERO, ceilTo, floorTo, type Fixed } from '../model/fixed.ts';
import type { Balances, FLendingAccount, FMarket } from './types.ts';

/** `C = ⌊a · p⌋_b`. */
export function collateralValue(market: FMarket, asset: string, amount: Fixed): Fixed {
  return floorTo(amount.mul(priceOf(market, asset)), market.base);
}

/** `D = ⌈q · p⌉_b`. */
export function debtValue(market: FMarket, asset: string, amount: Fixed): Fixed {
  return ceilTo(amount.mul(priceOf(market, asset)), market.base);
}

/** `W = Σ_{collateral i} C_i · LT_i`, exact, and `D = Σ_j D_j`, of one account. */
export interface AccountValue {
  readonly weighted: Fixed;
  readonly debt: Fixed;
  /** `Σ_{collateral i} C_i`: zero means no collateral is left (spec §11.8) */
  readonly collateral: Fixed;
}

export function accountValue(market: FMarket, account: FLendingAccount): AccountValue {
  let weighted = FZERO;
  let collateral = FZERO;
  for (const [asset, amount] of account.supplies) {
    const params = market.assets.get(asset)!;
    if (!params.collateral || amount.isZero()) continue;
    const c = collateralValue(market, asset, amount);
    collateral = collateral.add(c);
    weighted = weighted.add(c.mul(params.liquidationThreshold));
  }
  return { weighted, debt: totalDebtValue(market, account.borrows), collateral };
}

export function totalDebtValue(market: FMarket, borrows: Balances): Fixed {
  let debt = FZERO;
  for (const [asset, amount] of borrows) if (!amount.isZero()) debt = debt.add(debtValue(market, asset, amount));
  return debt;
}

function priceOf(market: FMarket, asset: string): Fixed {
  const p = market.prices.get(asset);
  // parseLendingScenario requires a price for every asset held; a miss is a programming error.
  if (p === undefined) throw new Error(`lending: no price for ${asset}`);
  return p;
}
