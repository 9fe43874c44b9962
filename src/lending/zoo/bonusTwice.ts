/**
 * Lending zoo engine "bonus twice": the seizure applies the liquidation bonus twice,
 * `r · p_d · LB² / p_c`.
 *
 * Bug class: a bonus-inclusive amount multiplied by the bonus again (one helper returns the
 * collateral "with bonus", the caller adds it once more), so the liquidator takes more collateral
 * than the bonus allows. Precedent: seizures above the bonus bound in Sentiment v2
 * (sherlock-audit/2024-08-sentiment-v2-judging#69, "Liquidator can seize the whole collateral or
 * collateral up to 200% of debt value").
 *
 * Violates LND-004 (seizure bounded by the bonus and the balance) and LND-010 (an account above LB·LT whose HF the doubled bonus lowers).
 */
import { seize } from '../seize.ts';
import { lendingEngineWith, withAsset } from './support.ts';

export const bonusTwice = lendingEngineWith({
  seize: (market, d, c, repaid, balance, rounding) => {
    const lb = market.assets.get(c)!.liquidationBonus;
    return seize(withAsset(market, c, { liquidationBonus: lb.mul(lb) }), d, c, repaid, balance, rounding);
  },
});
