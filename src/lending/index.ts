/**
 * The lending health-factor model (spec §11): its reference liquidation, validation and the rules
 * it is built from, for the invariants, generators and engines that build on it.
 * @see docs/spec.md#11-lending-health-factor
 */
export { liquidateLending, liquidateParsedLending } from './liquidateLending.ts';
export { REFERENCE_LENDING_STEPS, type LendingSteps } from './lendingSteps.ts';
export { parseLendingScenario } from './parseLendingScenario.ts';
export { accountValue, collateralValue, debtValue, totalDebtValue, type AccountValue } from './baseValue.ts';
export { HEALTH_DIGITS, healthAbove, healthFactor, isLiquidatable } from './healthFactor.ts';
export { debtCovered, isFull, maxRepayable } from './closeFactor.ts';
export { seize, type Seizure } from './seize.ts';
export { protocolFee } from './protocolFee.ts';
export { leavesDust } from './dust.ts';
export { writeOff, type WriteOff } from './deficit.ts';
export { absorb, type Absorbed } from './absorb.ts';
export { fixedOf } from '../model/fixed.ts';
export type {
  Balances,
  FAbsorbRules,
  FCloseFactorRules,
  FLendingAccount,
  FLendingAsset,
  FLendingRules,
  FLendingScenario,
  FMarket,
  FRequest,
  LendingOutcome,
} from './types.ts';
export type { CloseFactorRules, LendingParams, LendingResult, LendingRules, LendingScenario, SeizeRounding } from '../wire/lending.ts';
export { LENDING_CATALOG, LENDING_WELL_FORMED, checkLendingCase, type LendingCaseReport, type LendingCheckOptions, type LendingEngine, type LendingInvariant } from './invariants/index.ts';
export { lendingParams, lendingScenario, lendingScenarioLabels, lendingLabelDistribution, type LendingParamsConstraints, type LendingScenarioConstraints } from './arbitraries/index.ts';
export { LENDING_ZOO, type LendingZooEntry } from './zoo/index.ts';
