/**
 * Lending zoo engine "deficit with collateral left": the remaining debt is written off as soon as
 * the requested collateral reserve is empty, although other collateral remains.
 *
 * Bug class: a single-collateral rule applied to a multi-collateral account. Morpho Blue writes
 * off bad debt when `position.collateral == 0` — right for its one-collateral markets; Aave's
 * rule is "the users total collateral across all reserves being zero in the base currency"
 * (aave-dao/aave-v3-origin docs/3.3/Aave-v3.3-properties.md, which also records a
 * self-liquidation edge case that creates bad debt while collateral remains). Lenders are
 * charged for debt the account could still repay.
 *
 * Violates LND-009 (deficit only when no collateral is left).
 */
import type { Fixed } from '../../model/fixed.ts';
import { lendingEngineWith } from './support.ts';

export const deficitWithCollateralLeft = lendingEngineWith({
  writeOff: (_market, account, request) => {
    const left = account.supplies.get(request.collateralAsset);
    if (left !== undefined && !left.isZero()) return { account, deficit: new Map() };
    const deficit = new Map<string, Fixed>();
    for (const [asset, q] of account.borrows) if (!q.isZero()) deficit.set(asset, q);
    return { account: { supplies: account.supplies, borrows: new Map() }, deficit };
  },
});
