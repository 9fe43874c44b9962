/**
 * fast-check arbitraries for liquidation scenarios: canonical decimals, valid edge-biased risk
 * parameters, scenarios near the liquidation boundary, price shocks, and coverage labels.
 */
export { canonicalDecimal, decimal, type DecimalConstraints } from './decimal.ts';
export { continuousTiers, type TierSpec } from './continuousTiers.ts';
export { defaultParams } from './defaultParams.ts';
export { defaultRunScenarios, RUN_MARKET_IDS } from './defaultRun.ts';
export {
  MARKET_IDS,
  MAX_MARK_TICKS,
  MIN_LOT_VALUE_UNITS,
  MIN_MARK_TICKS,
  riskParams,
  type Range,
  type RiskParamsConstraints,
} from './riskParams.ts';
export { exactEntry, type ExactEntryProblem } from './exactEntry.ts';
export { scenario, singlePositionScenario, type ScenarioConstraints } from './scenario.ts';
export { adverseMark, applyShock, applyShockPath, priceShock, type PriceShockConstraints, type Shock } from './shock.ts';
export { classify, formatDistribution, labelDistribution, LABELS, type Label } from './classify.ts';
