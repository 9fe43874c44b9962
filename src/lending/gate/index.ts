export { agreesWithLendingReference } from './agreesWithLendingReference.ts';
export { checkLending } from './checkLending.ts';
export { formatLendingReport } from './formatLendingReport.ts';
export { LENDING_CHECK_FORMAT, lendingCheckReport, type LendingCheckReport } from './lendingCheckReport.ts';
export { LENDING_FEATURE, lendingEngineOf, lendingHandshakeProblems } from './lendingEngineOf.ts';
export { runLendingCatalog, type LendingCounterexample, type LendingRunOptions, type LendingRunReport, type LendingTally } from './runLendingCatalog.ts';
export { LENDING_FAILURE_FORMAT, lendingFailureFile, lendingFailureStore, type LendingFailureFile, type LendingFailureStore } from './lendingFailureStore.ts';
