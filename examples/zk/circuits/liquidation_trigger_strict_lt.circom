pragma circom 2.1.6;
// Planted bug trigger-strict-lt: the inclusive trigger E ≤ MM checked as strict E < MM (tests only).
include "lib/liquidation.circom";
component main {public [strict, unit, lot, tiers, tierFloor, tierRate, tierCum, steps, stepRatio, stepRate, buffer, share, dust, mark, fund, status, closeLots, penalty, liquidatorFee, realizedPnl, insurancePayout, badDebt]} = Liquidation(1, 1);
