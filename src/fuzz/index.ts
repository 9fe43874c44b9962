/**
 * Fuzzing risk parameters: stress accounts and paths, parameter-level properties (PRM-00x), the
 * targeted worst-case search, risk figures, the run over workers and shards, and sweeps.
 * @see docs/params.md
 */
export { FUZZ_FORMAT, type FuzzReport, type PropertyReport } from './fuzzReport.ts';
export { fuzzScenarios, runFuzzUnit, type FuzzUnitInput, type FuzzUnitResult, type PropertyTally } from './fuzzUnit.ts';
export { genomeArb, GENE_SCALE, type Genome } from './genome.ts';
export { mergeFuzzReports } from './mergeFuzzReports.ts';
export { leverageOf, maxLeverageOf, openAccount, placeAtRatio, type StressAccount } from './openAccount.ts';
export { claimFor, fuzzSetup, PARAM_PROPERTIES, prm001, prm002, PRM_001, PRM_002, type FuzzSetup, type ParamProperty } from './paramProperties.ts';
export { runPool, type StopFlag } from './pool.ts';
export { runFuzz, unitCount, type FuzzOptions } from './runFuzz.ts';
export { adverseMarks, partialWitness, runPath, type PathOutcome } from './stressPath.ts';
export { LEVERAGE_LEVELS, survivableMoves, type SurvivableRow } from './survivable.ts';
export { targetedSearch, type SearchResult } from './targetedSearch.ts';
export * from './sweep/index.ts';
