/**
 * Lending zoo engine "fee on seized": the protocol fee is its share of the whole seizure,
 * `⌈s · f⌉`, instead of its share of the bonus, `⌈s · (1 − 1/LB) · f⌉`.
 *
 * Bug class: a fee taken on the gross amount rather than on the profit it is meant to share;
 * with a fee above the bonus rate the liquidator receives less than the debt it repaid and stops
 * liquidating. Precedent: sherlock-audit/2024-08-sentiment-v2-judging#105 and #189 ("the fee is
 * taken from the entire asset amount rather than the liquidator's profit"); Aave defines the fee
 * on the bonus (aave/aave-v3-core#71, #88).
 *
 * Violates LND-005 (protocol fee is its share of the bonus).
 */
import { ceilDiv } from '../../model/fixed.ts';
import { lendingEngineWith } from './support.ts';

export const feeOnSeized = lendingEngineWith({
  protocolFee: (asset, seized) => ceilDiv(seized.mul(asset.protocolFee), asset.unit).mul(asset.unit),
});
