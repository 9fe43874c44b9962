/** The system judge (docs/simulation.md S10). */
export { REPLAYABLE, SYSTEM_CATALOG } from './catalog.ts';
export { judgeRuns, type RunBytes } from './judgeRuns.ts';
export { judgeTrace, type JudgeOptions, type Judgement } from './judgeTrace.ts';
export { parseTraceLines, replayTrace, type Replay } from './replayTrace.ts';
export type { CheckOutcome, SystemInvariant, Violation } from './systemInvariant.ts';
