/**
 * Profile zoo engine "released margin as fee": each fill is charged the maintenance margin it
 * releases — its notional at the group's average maintenance rate `MM / N` before the close,
 * rounded up to the quote unit — with no cap, in place of the policy's capped penalty.
 *
 * Bug class: a fee taken out of the account whatever is left of it. Precedents cited by LIQ-010:
 * Perennial's fee debits from a zero balance, Drift before its insurance-fee cap (issue I9). The
 * formula is the venues' "remaining margin to the insurance fund" wording (Binance Liquidation
 * FAQ, https://www.binance.com/en/support/faq/360033525271) taken as a fee.
 *
 * Violates LIQ-010 (a penalty out of negative equity, or pushing it below zero) and, under a
 * bankruptcy cap, LIQ-028 (a fee above the fill's value above bankruptcy); LIQ-006 as well.
 */
import { ceilDiv, FZERO } from '../../model/fixed.ts';
import type { Engine } from '../../model/types.ts';
import { recharged, withExecution } from './support.ts';

export const releasedMarginFee: Engine = withExecution((cx, before, closed) => {
  const { maintenance, notional } = before.health;
  if (notional.sign() <= 0) return closed;
  const { unit } = cx.v.params;
  return recharged(cx, closed, (f) => (f.notional.sign() > 0 ? ceilDiv(maintenance.mul(f.notional), notional.mul(unit)).mul(unit) : FZERO));
});
