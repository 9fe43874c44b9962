/**
 * Lending zoo engine "dust rule skipped": a call may leave a debt or collateral reserve worth less
 * than `minLeftoverBase` beside a non-zero other side.
 *
 * Bug class: a minimum-size check present on the user paths (borrow, repay) and missing on the
 * liquidation path, so positions too small to be worth liquidating accumulate as bad debt.
 * Precedent: sherlock-audit/2024-08-sentiment-v2-judging#198 ("Missing 'minDebt' check from
 * liquidation can lead to bad debt accumulation"); Aave v3.3's `MustNotLeaveDust` is the rule
 * (aave-dao/aave-v3-origin docs/3.3/Aave-v3.3-features.md).
 *
 * Violates LND-008 (no reserve left below the dust threshold).
 */
import { lendingEngineWith } from './support.ts';

export const dustRuleSkipped = lendingEngineWith({
  leavesDust: () => false,
});
