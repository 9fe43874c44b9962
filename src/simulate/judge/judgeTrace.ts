/**
 * The judge (docs/simulation.md S10): a run's trace replayed into the judge's own ledger and
 * every system invariant checked on it.
 * @see docs/simulation.md#s10-system-invariants
 */
import type { TraceEvent } from '../../wire/simulationTrace.ts';
import { SYSTEM_CATALOG } from './catalog.ts';
import { replayTrace } from './replayTrace.ts';
import type { SystemInvariant, Violation } from './systemInvariant.ts';

export interface JudgeOptions {
  /** the invariants to check (default: the whole catalog) */
  readonly invariants?: readonly SystemInvariant[];
  /** at most this many violations kept per invariant (default 50): the first ones locate a bug */
  readonly maxPerInvariant?: number;
}

export interface Judgement {
  readonly violations: readonly Violation[];
  /** instances examined per invariant id (0: the run did not exercise it) */
  readonly checked: Readonly<Record<string, number>>;
}

/** Judges one run's trace (events in order, the `start` first). */
export function judgeTrace(events: readonly TraceEvent[], options: JudgeOptions = {}): Judgement {
  const max = options.maxPerInvariant ?? 50;
  const replay = replayTrace(events);
  if (!('start' in replay)) return { violations: replay.problems, checked: {} };
  const violations: Violation[] = [...replay.problems.slice(0, max)];
  const checked: Record<string, number> = {};
  for (const inv of options.invariants ?? SYSTEM_CATALOG) {
    const o = inv.check(replay);
    checked[inv.id] = o.checked;
    violations.push(...o.violations.slice(0, max));
  }
  return { violations, checked };
}
