/**
 * The lending invariant catalog and its runner (spec §11).
 * @see docs/spec.md#11-lending-health-factor
 */
export { LENDING_CATALOG, LENDING_WELL_FORMED } from './catalog.ts';
export { checkLendingCase, type LendingCaseReport, type LendingCheckOptions } from './checkLendingCase.ts';
export type { LendingAnswer, LendingCase, LendingEngine, LendingInvariant, LendingOutputInvariant, LendingRelationInvariant, LendingRuleKind } from './invariant.ts';
