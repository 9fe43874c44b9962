/**
 * Lending zoo engine "trigger at one": liquidates at HF ≤ 1 (`W ≤ D`) instead of HF < 1.
 *
 * Bug class: an inclusive comparison where the rule is strict — the boundary account, exactly at
 * HF = 1, is liquidated. Aave requires `healthFactor < HEALTH_FACTOR_LIQUIDATION_THRESHOLD`
 * (aave-dao/aave-v3-origin docs/3.3/Aave-v3.3-properties.md: "A liquidation can only be performed
 * once a users health-factor drops below 1"); Euler v2's `CAV ≤ LV` is the other convention, so an
 * engine ported from one venue to the other inherits the wrong boundary. Precedent: realistic, no
 * report found for Aave, Morpho or Compound.
 *
 * Violates LND-001 (healthy accounts untouched) and LND-002 (a liquidation only below HF 1).
 */
import { lendingEngineWith } from './support.ts';

export const triggerAtOne = lendingEngineWith({
  isLiquidatable: (v) => v.debt.sign() > 0 && v.weighted.lte(v.debt),
});
