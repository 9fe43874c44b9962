/**
 * fast-check arbitraries for the lending model (spec §11): realistic, edge-biased parameter sets
 * of every rule form, scenarios whose health factor is drawn first and the account solved from it
 * exactly, and the labels that measure where they land.
 * @see docs/spec.md#11-lending-health-factor
 */
export {
  BASE_SCALE,
  LENDING_ASSETS,
  LENDING_RULE_KINDS,
  LT_FLOOR_BP,
  lendingParams,
  morphoLif,
  ruleKindOf,
  type LendingAssetId,
  type LendingParamsConstraints,
  type LendingRuleKind,
} from './lendingParams.ts';
export { lendingScenario, type LendingScenarioConstraints } from './lendingScenario.ts';
export { LENDING_LABELS, lendingLabelDistribution, lendingScenarioLabels, type LendingLabel } from './lendingScenarioLabels.ts';
export { closeFactorCap, rawAccount, valuesOf, type RawAccount } from './accountValues.ts';
