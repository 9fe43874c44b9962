/**
 * The lending model's parsed form and its outcome (spec §11).
 *
 * @remarks Two layers, as in src/model/types.ts: the wire types (src/wire/lending.ts) carry
 * decimal strings; the parsed types below carry exact {@link Fixed} amounts in maps by asset id,
 * which is what the rules of §11.2–§11.9 compute with.
 * @see docs/spec.md#11-lending-health-factor
 */
import type { Fixed } from '../model/fixed.ts';
import type { Issue } from '../model/types.ts';
import type { CloseFactorOf, LendingResult, SeizeRounding } from '../wire/lending.ts';

/** One asset's risk parameters (spec §11.1). */
export interface FLendingAsset {
  /** the token unit `u_i`, a power of ten ≤ 1 */
  readonly unit: Fixed;
  readonly liquidationThreshold: Fixed;
  readonly liquidationBonus: Fixed;
  readonly protocolFee: Fixed;
  /** Compound's credit factor; present for every collateral asset under absorb rules */
  readonly liquidationFactor: Fixed | undefined;
  readonly collateral: boolean;
}

export interface FCloseFactorRules {
  readonly kind: 'close-factor';
  readonly closeFactor: Fixed;
  readonly fullBelowHealth: Fixed;
  readonly closeFactorOf: CloseFactorOf;
  readonly fullBelowBase: Fixed;
  readonly minLeftoverBase: Fixed;
  readonly deficit: boolean;
  /** the order of the seizure's roundings, `'exact'` when the scenario omits it */
  readonly rounding: SeizeRounding;
}

export interface FAbsorbRules {
  readonly kind: 'absorb';
}

export type FLendingRules = FCloseFactorRules | FAbsorbRules;

/** Token amounts by asset id; a missing entry is 0. */
export type Balances = ReadonlyMap<string, Fixed>;

export interface FLendingAccount {
  readonly supplies: Balances;
  readonly borrows: Balances;
}

/** The market a rule reads: units, parameters and prices (spec §11.1). */
export interface FMarket {
  /** the base unit `b = 10^−baseScale` */
  readonly base: Fixed;
  readonly assets: ReadonlyMap<string, FLendingAsset>;
  /** `p_i > 0`, present for every asset the account holds */
  readonly prices: ReadonlyMap<string, Fixed>;
}

/** The liquidator's call; `debtToCover` is `'max'` for Aave's `type(uint256).max`. */
export interface FRequest {
  readonly debtAsset: string;
  readonly collateralAsset: string;
  readonly debtToCover: Fixed | 'max';
}

/** A lending scenario that passed every check of spec §11.1. */
export interface FLendingScenario {
  readonly market: FMarket;
  readonly rules: FLendingRules;
  readonly account: FLendingAccount;
  /** present under close-factor rules */
  readonly request: FRequest | undefined;
  /** present only under absorb rules, when the scenario states it */
  readonly reserves: Fixed | undefined;
}

/** The reference's answer to a lending scenario (spec §11.10, §11.1 for the error). */
export type LendingOutcome =
  | { readonly ok: true; readonly result: LendingResult }
  | { readonly ok: false; readonly error: { readonly code: 'invalid-input'; readonly issues: readonly Issue[] } };
