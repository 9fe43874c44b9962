/**
 * Zoo engine "negative collateral": no bankruptcy handling. A group closed out below zero keeps
 * its negative collateral, no bad debt is reported, the insurance fund pays nothing.
 *
 * Bug class: bad debt never realized — the deficit stays on the account as a negative balance
 * (Aave-style "dust debt" that blocks realization, or a ledger that simply allows negative cash),
 * so protocol insolvency is hidden instead of being absorbed and reported.
 *
 * Violates LIQ-005 (no negative collateral, bad debt accounted).
 */
import { Dec, toCanonical as s } from '../model/decimal.ts';
import type { Engine } from '../model/types.ts';
import { withResult } from './support.ts';

export const negativeCollateral: Engine = withResult((r) => ({
  ...r,
  status: r.status === 'bankrupt' ? 'full' : r.status,
  // Every bankrupt group's deficit stays on the account (an isolated one flows into the cross pool).
  account: { ...r.account, collateral: s(new Dec(r.account.collateral).sub(r.badDebt)) },
  insuranceFund: s(new Dec(r.insuranceFund).add(r.insurancePayout)),
  insurancePayout: '0',
  badDebt: '0',
  socializedLoss: '0',
  groups: r.groups.map((g) => (g.status === 'bankrupt' ? { ...g, status: 'full' } : g)),
}));
