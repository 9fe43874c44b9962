/**
 * Zoo engine "penalty rebate": fills with notional ≥ 100 000 are charged half the penalty rate
 * (the reported rate is still the schedule's).
 *
 * Bug class: a volume/VIP fee discount leaking into the liquidation path — the liquidation fee
 * is computed with the trading-fee tier logic, so whales get liquidated more cheaply than the
 * schedule says, and the penalty is no longer monotone in the closed size.
 *
 * Violates LIQ-006 (penalty follows the schedule).
 */
import { Dec } from '../model/decimal.ts';
import { closeFill } from '../model/closeFill.ts';
import type { Engine } from '../model/types.ts';
import { withRules } from './support.ts';

/** Notional from which the rebate applies. */
export const REBATE_THRESHOLD = new Dec(100_000);

export const penaltyRebate: Engine = withRules({
  closeFill: (v, g, market, size, rate) => {
    const notional = size.mul(v.marks.get(market)!);
    if (notional.lt(REBATE_THRESHOLD)) return closeFill(v, g, market, size, rate);
    const out = closeFill(v, g, market, size, rate.div(2));
    return { ...out, fill: { ...out.fill, penaltyRate: rate } };
  },
});
