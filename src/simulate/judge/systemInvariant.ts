/**
 * The shape of a system invariant (docs/simulation.md S10): the same id/statement/domain/presumes
 * convention as the perp catalog's entries (src/invariants/invariant.ts), judged not on one
 * scenario but on a whole run's replayed trace (replayTrace.ts).
 * @see docs/simulation.md#s10-system-invariants
 */
import type { Replay } from './replayTrace.ts';

/** One broken promise, located in the run: the step, the round and the party it concerns. */
export interface Violation {
  readonly id: string;
  readonly step: number;
  readonly round?: number;
  readonly party?: string;
  readonly message: string;
}

/** What a check found: the violations and how many instances it examined (0 = not exercised). */
export interface CheckOutcome {
  readonly violations: readonly Violation[];
  readonly checked: number;
}

export interface SystemInvariant {
  readonly id: string;
  readonly title: string;
  readonly statement: string;
  /** where it holds; outside it the invariant is not judged */
  readonly domain: string;
  /** what it presumes of the simulation (policy, configuration) beyond S1's domain; [] = nothing */
  readonly presumes: readonly string[];
  /** the zoo entry (src/simulate/zoo/) that breaks it */
  readonly wrongSimulator: string;
  /** anchor in docs/simulation.md */
  readonly spec: string;
  readonly check: (r: Replay) => CheckOutcome;
}

/** A collector of one invariant's violations, with a count of the instances examined. */
export class Findings {
  readonly violations: Violation[] = [];
  checked = 0;
  constructor(readonly id: string) {}
  /** counts one examined instance */
  saw(): void {
    this.checked++;
  }
  add(step: number, message: string, where: { readonly round?: number; readonly party?: string } = {}): void {
    this.violations.push({ id: this.id, step, ...(where.round === undefined ? {} : { round: where.round }), ...(where.party === undefined ? {} : { party: where.party }), message });
  }
  outcome(): CheckOutcome {
    return { violations: this.violations, checked: this.checked };
  }
}
