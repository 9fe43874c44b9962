/**
 * Bad debt written off once no collateral value is left (spec §11.8): Aave ≥ v3.3's deficit,
 * Morpho's bad-debt realisation.
 * @see docs/spec.md#118-deficit
 */
import type { Fixed } from '../model/fixed.ts';
import { accountValue } from './baseValue.ts';
import type { Balances, FLendingAccount, FMarket } from './types.ts';

export interface WriteOff {
  readonly account: FLendingAccount;
  /** by debt asset, non-zero only */
  readonly deficit: Balances;
}

/** Every remaining borrow when `Σ_{collateral i} C'_i = 0`; nothing otherwise. */
export function writeOff(market: FMarket, account: FLendingAccount): WriteOff {
  if (!accountValue(market, account).collateral.isZero()) return { account, deficit: new Map() };
  const deficit = new Map<string, Fixed>();
  for (const [asset, amount] of account.borrows) if (!amount.isZero()) deficit.set(asset, amount);
  if (deficit.size === 0) return { account, deficit };
  return { account: { supplies: account.supplies, borrows: new Map() }, deficit };
}
