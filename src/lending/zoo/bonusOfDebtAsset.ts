/**
 * Lending zoo engine "bonus of the debt asset": the seizure reads the liquidation bonus of the
 * debt asset instead of the collateral asset's.
 *
 * Bug class: a risk parameter read from the wrong reserve's configuration (both are at hand in a
 * liquidation). With a smaller bonus the liquidator is underpaid and an account below
 * `LB_c · LT_c` sees its HF rise where the venue's rule lowers it — the I4 boundary moves to
 * `LB_d · LT_c`; with a larger one it is overpaid. Aave reads `collateralReserve`'s bonus
 * (`LiquidationLogic._calculateAvailableCollateralToLiquidate`, aave-dao/aave-v3-origin).
 * Precedent: realistic, no report found.
 *
 * Violates LND-010 (I4) and, where the debt asset's bonus is the larger, LND-004 (seizure above the bound).
 */
import { seize } from '../seize.ts';
import { lendingEngineWith, withAsset } from './support.ts';

export const bonusOfDebtAsset = lendingEngineWith({
  seize: (market, d, c, repaid, balance, rounding) => seize(withAsset(market, c, { liquidationBonus: market.assets.get(d)!.liquidationBonus }), d, c, repaid, balance, rounding),
});
