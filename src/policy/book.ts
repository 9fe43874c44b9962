/** An order book in parsed form (spec §10.4). @see docs/spec.md#104-execution-price */
import type { Fixed } from '../model/fixed.ts';

export interface FLevel {
  readonly price: Fixed;
  readonly size: Fixed;
}

/** Resting orders of one market, best first: bids by price descending, asks ascending. */
export interface FBook {
  readonly bids: readonly FLevel[];
  readonly asks: readonly FLevel[];
}

export const EMPTY_BOOK: FBook = Object.freeze({ bids: Object.freeze([]), asks: Object.freeze([]) });
