pragma circom 2.1.6;
// The correct circuit without the witness-time assert mirrors of its range checks: its witness
// code fails only where a constraint fails (tests only: the reference for the mirrors).
include "lib/liquidation.circom";
component main {public [strict, unit, lot, tiers, tierFloor, tierRate, tierCum, steps, stepRatio, stepRate, buffer, share, dust, mark, fund, status, closeLots, penalty, liquidatorFee, realizedPnl, insurancePayout, badDebt]} = Liquidation(0, 0);
