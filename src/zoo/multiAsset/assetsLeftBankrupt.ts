/**
 * Multi-asset zoo engine "assets left bankrupt": a cross group left with no position and a
 * negative quote balance is declared bankrupt even while it still holds assets — the deficit
 * written off as bad debt (insurance fund first, the rest socialized), the assets kept.
 *
 * Bug class: §7.4's "flat and negative" test applied without §13.3's "only when no asset is left
 * to sell" — the venue socializes a loss the account's own collateral still covers.
 *
 * Violates LIQ-005: bad debt is reported where the fills and sales imply none (the negative
 * balance is borrowed quote against the assets held).
 */
import { fmin } from '../../model/fixed.ts';
import { withResult } from '../support.ts';
import { fx, str, type MultiAssetResult } from './saleRewrite.ts';

export const assetsLeftBankrupt = withResult((result) => {
  const r = result as MultiAssetResult;
  const crossOpen = r.account.positions.some((p) => p.isolatedMargin === undefined || p.isolatedMargin === null);
  const collateral = fx(r.account.collateral);
  const held = Object.values(r.account.assets ?? {}).some((a) => fx(a).sign() > 0);
  if (crossOpen || collateral.sign() >= 0 || !held) return r;
  const debt = collateral.neg();
  const payout = fmin(debt, fx(r.insuranceFund));
  const groups = r.groups.map((g) => (g.group === 'cross' ? { ...g, status: 'bankrupt' as const } : g));
  return {
    ...r,
    status: 'bankrupt',
    groups,
    account: { ...r.account, collateral: '0' },
    insuranceFund: str(fx(r.insuranceFund).sub(payout)),
    insurancePayout: str(fx(r.insurancePayout).add(payout)),
    badDebt: str(fx(r.badDebt).add(debt)),
    socializedLoss: str(fx(r.socializedLoss).add(debt.sub(payout))),
  };
});
