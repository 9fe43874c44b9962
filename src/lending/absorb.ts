/**
 * Compound v3's absorb (spec §11.9): every collateral seized by the protocol, the account
 * credited `Σ ⌊C_i · LF_i⌋_b` against its one debt, reserves absorbing the rest.
 * @see docs/spec.md#119-absorb-compound-v3
 */
import { FZERO, floorDiv, floorTo, type Fixed } from '../model/fixed.ts';
import { collateralValue } from './baseValue.ts';
import type { Balances, FLendingAccount, FMarket } from './types.ts';

export interface Absorbed {
  readonly seized: Balances;
  readonly repaid: Balances;
  readonly deficit: Balances;
  readonly account: FLendingAccount;
  /** `reserves − q_d − max(0, n)`, when reserves were given */
  readonly reserves: Fixed | undefined;
}

/** Absorbs a liquidatable account; `reserves` as the scenario states them. */
export function absorb(market: FMarket, account: FLendingAccount, reserves: Fixed | undefined): Absorbed {
  const seized = new Map<string, Fixed>();
  const supplies = new Map<string, Fixed>();
  let credit = FZERO;
  for (const [asset, amount] of account.supplies) {
    const params = market.assets.get(asset)!;
    if (!params.collateral) {
      if (!amount.isZero()) supplies.set(asset, amount);
      continue;
    }
    if (amount.isZero()) continue;
    seized.set(asset, amount);
    credit = credit.add(floorTo(collateralValue(market, asset, amount).mul(params.liquidationFactor!), market.base));
  }
  // parseLendingScenario allows at most one borrowed asset under absorb, and a liquidatable account has one.
  const [debtAsset, debt] = [...account.borrows].find(([, q]) => !q.isZero())!;
  const unit = market.assets.get(debtAsset)!.unit;
  const delta = floorDiv(credit, market.prices.get(debtAsset)!.mul(unit)).mul(unit);
  const n = delta.sub(debt);
  if (n.sign() > 0) supplies.set(debtAsset, n);
  const deficit: Balances = n.sign() < 0 ? new Map([[debtAsset, n.neg()]]) : new Map();
  return {
    seized,
    repaid: new Map([[debtAsset, debt]]),
    deficit,
    account: { supplies, borrows: new Map() },
    reserves: reserves === undefined ? undefined : reserves.sub(debt).sub(n.sign() > 0 ? n : FZERO),
  };
}
