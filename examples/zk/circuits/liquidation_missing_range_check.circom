pragma circom 2.1.6;
// Planted bug missing-range-check: the range check of the target slack at j dropped (tests only).
include "lib/liquidation.circom";
component main {public [strict, unit, lot, tiers, tierFloor, tierRate, tierCum, steps, stepRatio, stepRate, buffer, share, dust, mark, fund, status, closeLots, penalty, liquidatorFee, realizedPnl, insurancePayout, badDebt]} = Liquidation(3, 1);
