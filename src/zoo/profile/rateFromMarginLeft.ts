/**
 * Profile zoo engine "rate from the margin left": the penalty rate is the margin the group has
 * left, `max(0, E) / N` (rounded down to 10^−18), instead of the step schedule of the params.
 *
 * Bug class: the venues' prose read as a fee formula. Binance's insurance fund gets "a portion of
 * the remaining collateral" (Liquidation FAQ, https://www.binance.com/en/support/faq/360033525271),
 * Bybit's "excess margin will be contributed to the Insurance Fund" (Bankruptcy Price help page,
 * quoted in docs/profiles/bybit-linear.md); a port that charges that remaining margin as the fee
 * rate makes the most distressed account pay the least, and nothing when it is underwater.
 *
 * Violates LIQ-006 (the rate is not the schedule's) and LIQ-016 (more distress, a lower rate),
 * under any step-penalty policy — also where the schedule's single rate is 0.
 */
import { Fixed, floorDiv, FZERO, pow10 } from '../../model/fixed.ts';
import type { Engine } from '../../model/types.ts';
import { underPolicy } from './support.ts';

const GRID = new Fixed(pow10(18), 0);

export const rateFromMarginLeft: Engine = underPolicy(() => ({
  rate: (_penalty, _v, before) => (before.equity.sign() <= 0 || before.notional.sign() <= 0 ? FZERO : new Fixed(floorDiv(before.equity.mul(GRID), before.notional).m, 18)),
}));
