/**
 * The result of spec §8 with its amounts written as some type `S` (positions as `P`), and the
 * writings the reference makes of it: the wire form (canonical strings, what every engine
 * answers), the parsed form (`Dec` values, what the invariants read) and the exact form (the
 * integer core's own `Fixed` amounts, which the invariants compute on).
 *
 * @remarks Why both: the in-process reference hands its parsed result to the invariants directly
 * (src/invariants/checkCase.ts, "parse once"), so it must equal what `parseResult` would read back
 * from the wire form. It does by construction: each `Dec` is the value of the very string the wire
 * form carries (src/model/fixed.ts `toDec`).
 * @see docs/spec.md#8-result
 */
import type { Dec } from './decimal.ts';
import type { Fixed } from './fixed.ts';
import type { Position, PositionInput, Status } from './types.ts';

export interface AmountSnapshot<T> {
  readonly equity: T;
  readonly maintenance: T;
  readonly target: T;
  readonly marginRatio: T | null;
}

export interface AmountFill<T> {
  readonly market: string;
  readonly side: 'sell' | 'buy';
  readonly size: T;
  readonly price: T;
  readonly notional: T;
  readonly penaltyRate: T;
  readonly penalty: T;
  readonly liquidatorFee: T;
  readonly insuranceFee: T;
  readonly realizedPnl: T;
}

/** A position of the result as the wire carries it, or as the parsed form holds it. */
export interface AmountPosition<S> {
  readonly market: string;
  readonly size: S;
  readonly entry: S;
  readonly isolatedMargin: S | null;
}

export interface AmountResult<S, P> {
  readonly status: Status;
  readonly fills: readonly AmountFill<S>[];
  readonly account: { readonly collateral: S; readonly positions: readonly P[]; readonly assets?: Readonly<Record<string, S>> };
  readonly insuranceFund: S;
  readonly insurancePayout: S;
  readonly badDebt: S;
  readonly socializedLoss: S;
  readonly groups: readonly { readonly group: string; readonly status: Status; readonly before: AmountSnapshot<S>; readonly after: AmountSnapshot<S> }[];
  /** §13.4: present iff the scenario has params.assets */
  readonly sales?: readonly { readonly asset: string; readonly amount: S; readonly proceeds: S }[];
}

/** How a result's amounts and positions are written: the wire form or the parsed form. */
export interface Writing<T, S, P> {
  readonly amount: (x: T) => S;
  readonly position: (market: string, size: S, entry: S, isolatedMargin: S | null) => P;
}

/**
 * The wire form (spec §8): canonical strings from `s`; a position's entry is `entryPrice`, and
 * its margin is present only when isolated.
 */
export function wireWriting<T>(s: (x: T) => string): Writing<T, string, PositionInput> {
  return {
    amount: s,
    position: (market, size, entryPrice, isolatedMargin) => (isolatedMargin === null ? { market, size, entryPrice } : { market, size, entryPrice, isolatedMargin }),
  };
}

/**
 * The parsed form, as `parseResult` reads the wire form: `dec` must give the value of the
 * canonical string the wire form carries (e.g. `x => new Dec(toCanonical(x))`).
 */
export function parsedWriting<T>(dec: (x: T) => Dec): Writing<T, Dec, Position> {
  return { amount: dec, position: (market, size, entry, isolatedMargin) => ({ market, size, entry, isolatedMargin }) };
}

/** A result with exact amounts: what the invariants compute on (src/invariants/exactCase.ts). */
export type ExactResult = AmountResult<Fixed, AmountPosition<Fixed>>;

/**
 * The exact form: the integer core's amounts as they are, no conversion. Equal amounts write equal
 * canonical strings, so two exact results are equal exactly when their wire forms are.
 */
export const EXACT_WRITING: Writing<Fixed, Fixed, AmountPosition<Fixed>> = {
  amount: (x) => x,
  position: (market, size, entry, isolatedMargin) => ({ market, size, entry, isolatedMargin }),
};
