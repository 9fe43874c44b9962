/**
 * The shape of a lending catalog entry (spec §11), as src/invariants/invariant.ts is for perps:
 * `output` entries are judged from one scenario and the engine's result for it; `relation`
 * entries derive further scenarios, run the engine on them and compare.
 *
 * Every entry has a stable id `LND-NNN` (never reused), a one-line statement, its domain (where it
 * holds and the known counter-cases outside it), its spec §11 anchor and what it presumes of the
 * market's rules.
 * @see docs/spec.md#11-lending-health-factor
 */
import type { LendingOutcome } from '../types.ts';
import type { LendingResult, LendingScenario } from '../../wire/lending.ts';
import type { LendingView } from './lendingView.ts';
import type { CatalogEntry } from '../../invariants/invariant.ts';

/** What a lending engine is: the reference's signature (src/lending/liquidateLending.ts). */
export type LendingEngine = (scenario: LendingScenario) => LendingOutcome;

/** What an engine answered, or that it gave no answer (it threw). */
export type LendingAnswer = LendingOutcome | { readonly ok: false; readonly error: { readonly code: 'engine-threw'; readonly message: string } };

/** The rule kinds of spec §11.1 an invariant can presume. */
export type LendingRuleKind = 'close-factor' | 'absorb';

/** The perp catalog's entry fields (its `spec` a §11 heading), and the rule kinds it presumes. */
interface Entry extends CatalogEntry {
  /** the rule kinds it is judged under; an engine under any other kind is not judged by it */
  readonly presumes: readonly LendingRuleKind[];
}

/** One valid scenario, the engine's result for it and both read exactly. */
export interface LendingCase {
  readonly scenario: LendingScenario;
  readonly result: LendingResult;
  readonly view: LendingView;
}

export interface LendingOutputInvariant extends Entry {
  readonly kind: 'output';
  /** Violation messages naming the numbers; empty when the invariant holds or the case is outside its domain. */
  readonly check: (c: LendingCase) => readonly string[];
}

export interface LendingRelationInvariant extends Entry {
  readonly kind: 'relation';
  /** Scenarios to run through the engine; empty when the case is outside the domain. */
  readonly derive: (c: LendingCase) => readonly LendingScenario[];
  readonly compare: (c: LendingCase, runs: readonly LendingAnswer[]) => readonly string[];
}

export type LendingInvariant = LendingOutputInvariant | LendingRelationInvariant;
