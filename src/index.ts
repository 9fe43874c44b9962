/**
 * liqcheck's library API: the reference model, the invariant catalog, the generators and the
 * runner — the same pieces the CLI uses, for a team's own vitest suite.
 */
export * from './model/index.ts';
export * from './invariants/index.ts';
export * from './arbitraries/index.ts';
export { runCatalog, type CatalogReport, type InvariantTally, type RunOptions } from './runner/runCatalog.ts';
export { ZOO } from './zoo/index.ts';
export { checkEngine, formatViolations, type CheckEngineOptions } from './gate/checkEngine.ts';
export { diffResults, formatDiff, EXACT, type Tolerance, type FieldDiff } from './gate/diffResults.ts';
export * as fixtures from './fixtures/index.ts';
export * as adapters from './adapters/index.ts';
export * as fuzz from './fuzz/index.ts';
export * as params from './params/index.ts';
export * as profiles from './profiles/index.ts';
export * as lending from './lending/index.ts';
export * as certificate from './certificate/index.ts';
export * as circuit from './circuit/index.ts';
