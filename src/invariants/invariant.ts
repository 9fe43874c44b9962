/**
 * The shape of a catalog entry. Three kinds:
 *
 * - `output`: judged from one scenario and the engine's result for it;
 * - `relation`: metamorphic — derives further scenarios, runs the engine on them and compares;
 * - `params`: judged from a risk-parameter set alone.
 *
 * Every entry has a stable id (never reused), a one-line statement and its domain: where it holds
 * and the known counter-cases outside it.
 */
import type { ExactResult } from '../model/amountResult.ts';
import type { ParsedResult } from '../model/parseResult.ts';
import type { CaseInput } from './caseInput.ts';
import type { LiquidationResult, Outcome, ParsedScenario, RiskParams, Scenario } from '../model/types.ts';

import type { PolicyPromise } from '../policy/promises.ts';

/** What every catalog entry states, perp (PRP) and lending (LND, src/lending/invariants/) alike. */
export interface CatalogEntry {
  readonly id: string;
  readonly title: string;
  readonly statement: string;
  readonly domain: string;
  /** anchor in docs/spec.md */
  readonly spec: string;
}

/** One scenario and an engine's well-formed result for it. */
export interface Case {
  readonly scenario: Scenario;
  readonly input: ParsedScenario;
  readonly result: LiquidationResult;
  readonly output: ParsedResult;
  /**
   * The result's amounts exactly as the engine computed them, when it recorded them (the
   * in-process reference: src/model/parsedEngine.ts `exactResultOf`); equal in value to
   * `exactResult(output)`, so the invariants read it instead of converting `output` (exactCase.ts).
   */
  readonly exact?: ExactResult | undefined;
}

/** An entry judged on engines: it states what it presumes of their policy. */
interface Judged extends CatalogEntry {
  /**
   * What the invariant presumes of the engine's policy (spec §10.7): it is judged only on engines
   * whose declared policy makes every one of these promises; `[]` holds for every correct engine.
   */
  readonly presumes: readonly PolicyPromise[];
}

export interface OutputInvariant extends Judged {
  readonly kind: 'output';
  /** Violation messages naming the numbers; empty when the invariant holds. */
  readonly check: (c: Case) => readonly string[];
}

/**
 * What an engine answered: the model's outcome, or no answer at all (it threw, crashed, timed out
 * or broke the protocol).
 */
export type Answer =
  | Outcome
  | { readonly ok: false; readonly error: { readonly code: 'engine-threw' | 'crash' | 'timeout' | 'protocol-error'; readonly message: string } };

/** A derived scenario and what the engine answered for it. */
export interface DerivedRun {
  /** the derived scenario's wire form (formatted on first read when it was built parsed) */
  readonly scenario: Scenario;
  /** the derived scenario as {@link RelationInvariant.derive} returned it */
  readonly input: CaseInput;
  /** what the engine answered (of an exact-first run, src/model/parsedEngine.ts: written on first read) */
  readonly outcome: Answer;
  /** the exact result of an exact-first run, read without writing `outcome`; else undefined */
  readonly exact?: ExactResult | undefined;
}

export interface RelationInvariant extends Judged {
  readonly kind: 'relation';
  /**
   * Scenarios to run through the engine; empty when the case is outside the domain. Built from
   * the parsed case where possible (src/invariants/caseInput.ts), so that an engine computing on
   * parsed scenarios never sees strings.
   */
  readonly derive: (c: Case) => readonly CaseInput[];
  readonly compare: (c: Case, runs: readonly DerivedRun[]) => readonly string[];
}

export interface ParamsInvariant extends CatalogEntry {
  readonly kind: 'params';
  readonly check: (p: RiskParams) => readonly string[];
}

export type Invariant = OutputInvariant | RelationInvariant;

export interface Violation {
  readonly invariant: string;
  readonly message: string;
}
