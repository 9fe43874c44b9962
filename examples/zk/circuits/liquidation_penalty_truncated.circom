pragma circom 2.1.6;
// Planted bug penalty-truncated: the penalty ⌊f·N_c⌋_u where the spec rounds up (tests only).
include "lib/liquidation.circom";
component main {public [strict, unit, lot, tiers, tierFloor, tierRate, tierCum, steps, stepRatio, stepRate, buffer, share, dust, mark, fund, status, closeLots, penalty, liquidatorFee, realizedPnl, insurancePayout, badDebt]} = Liquidation(2, 1);
