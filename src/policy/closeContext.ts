/**
 * What a close-size rule (src/policy/closeSize/) works with in one group, and what it answers.
 * @see docs/spec.md#101-a-policy
 */
import type { Fixed } from '../model/fixed.ts';
import type { FFill, FGroup, FValuation } from '../model/fixedCore.ts';
import type { FBook } from './book.ts';
import type { FPolicy } from './policy.ts';

export interface CloseContext {
  /** valuation with the policy's requirement (fixedCore.ts `FValuation.requirement`) */
  readonly v: FValuation;
  readonly policy: FPolicy;
  /** order books by market (empty unless the price part is "book") */
  readonly book: ReadonlyMap<string, FBook>;
  /** requested sizes by market (empty unless the close size is "requested") */
  readonly requests: ReadonlyMap<string, Fixed>;
  /** the penalty rate, fixed by the distress before any fill (§5.1, §10.5) */
  readonly rate: Fixed;
  /** the group's markets in the close order of §6.2: descending notional at mark, ties by id */
  readonly order: readonly string[];
  /**
   * the group as the call found it, before any fill: what a close has shrunk a position by since
   * then is the book depth this call has taken on that market (price/bookClose.ts), so no state
   * travels with the groups a rule builds, tries or discards
   */
  readonly initial: FGroup;
  /** executes a close of `size` of one position by the price part (price/executeClose.ts, or a zoo engine's) */
  readonly execute: Execute;
}

/** Executes a close of `size` of the position in `market` (spec §10.4). */
export type Execute = (cx: CloseContext, g: FGroup, market: string, size: Fixed) => Closed;

/** A group after a close, and the fills that got it there in execution order. */
export interface Closed {
  readonly group: FGroup;
  readonly fills: readonly FFill[];
}

export type CloseAnswer = ({ readonly ok: true } & Closed) | { readonly ok: false; readonly message: string };

/** One close-size option: liquidates a liquidatable group (spec §10.3). */
export type CloseRule = (cx: CloseContext, group: FGroup) => CloseAnswer;
