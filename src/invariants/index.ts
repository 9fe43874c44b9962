export * from './invariant.ts';
export { CATALOG, PARAMS_CATALOG, WELL_FORMED } from './catalog.ts';
export { checkCase, checkCaseAsync, type AsyncEngine, type CaseReport, type CheckOptions } from './checkCase.ts';
export { checkParams } from './checkParams.ts';
