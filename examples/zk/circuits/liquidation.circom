pragma circom 2.1.6;
// The liquidation circuit of the circuit-friendly profile (docs/spec.md §15): the correct relation.
include "lib/liquidation.circom";
component main {public [strict, unit, lot, tiers, tierFloor, tierRate, tierCum, steps, stepRatio, stepRate, buffer, share, dust, mark, fund, status, closeLots, penalty, liquidatorFee, realizedPnl, insurancePayout, badDebt]} = Liquidation(0, 1);
