import { Dec, toCanonical } from '../../model/decimal.ts';
import type { LiquidationResult } from '../../model/types.ts';
import { referenceStepEngine } from '../referenceStepEngine.ts';
import type { WrongSimulator } from './wrongSimulator.ts';

/**
 * A bankrupt result whose deficit stays on the flat account: no payout, nothing socialized, the
 * fund untouched. Self-consistent (S8 settles it, value is conserved): only the account's
 * negative collateral shows it.
 */
export function leaveBadDebt(r: LiquidationResult): LiquidationResult {
  if (r.status !== 'bankrupt' || r.account.positions.length > 0) return r;
  const payout = new Dec(r.insurancePayout);
  const loss = new Dec(r.socializedLoss);
  if (payout.add(loss).isZero()) return r;
  return {
    ...r,
    account: { ...r.account, collateral: toCanonical(new Dec(r.account.collateral).sub(payout).sub(loss)) },
    insuranceFund: toCanonical(payout.add(r.insuranceFund)),
    insurancePayout: '0',
    socializedLoss: '0',
    badDebt: '0',
  };
}

export const badDebtLeft: WrongSimulator = {
  name: 'bad-debt-left',
  breaks: 'SYS-007',
  description: 'The engine closes a bankrupt account but neither pays its deficit from the fund nor socializes it: the flat account is left with negative collateral (debt nobody will pay).',
  options: (setup) => ({ engine: referenceStepEngine(setup, { name: 'bad-debt-left', editResult: leaveBadDebt }) }),
};
