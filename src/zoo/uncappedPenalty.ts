/**
 * Zoo engine "uncapped penalty": every fill is charged `⌈f·N_c⌉_u` in full, even when that
 * exceeds the equity left after the fill's PnL — the penalty is paid out of negative equity.
 *
 * Bug class: fee debits from a balance that is already gone (Perennial's fee debits from a zero
 * balance, Drift before its insurance-fee cap): the liquidation fee turns into bad debt that the
 * insurance fund, or the other traders, end up paying to the liquidator.
 *
 * Violates LIQ-010 (penalty cap).
 */
import { ceilTo } from '../model/decimal.ts';
import { closeFill } from '../model/closeFill.ts';
import type { Engine } from '../model/types.ts';
import { recharge, withRules } from './support.ts';

export const uncappedPenalty: Engine = withRules({
  closeFill: (v, g, market, size, rate) => {
    const out = closeFill(v, g, market, size, rate);
    const full = ceilTo(rate.mul(out.fill.notional), v.params.unit);
    return recharge(out, full, v.params.unit, v.params.liquidatorShare);
  },
});
