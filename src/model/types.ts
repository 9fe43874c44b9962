/**
 * Scenario, result and error types of the reference model.
 *
 * Two layers: the *wire* types (`Scenario`, `LiquidationResult`) carry decimals as canonical
 * strings and are what JSON, fixtures, the protocol and other engines see; the *parsed* types
 * (`Parsed…`) carry `Dec` values and are what the model computes with.
 * @see docs/spec.md#2-inputs
 */
import type { Status as WireStatus } from '../wire/common.ts';
import type { Issue as WireIssue, ModelError as WireModelError } from '../wire/error.ts';
import type { Fill as WireFill } from '../wire/fill.ts';
import type { GroupReport as WireGroupReport } from '../wire/groupReport.ts';
import type { Market as WireMarket } from '../wire/market.ts';
import type { Params as WireParams, PenaltyStep as WirePenaltyStep } from '../wire/params.ts';
import type { Position as WirePosition } from '../wire/position.ts';
import type { Result as WireResult } from '../wire/result.ts';
import type { Account as WireAccount, Scenario as WireScenario } from '../wire/scenario.ts';
import type { Snapshot as WireSnapshot } from '../wire/snapshot.ts';
import type { Tier as WireTier } from '../wire/tier.ts';
import type { FBook } from '../policy/book.ts';
import type { FPolicy } from '../policy/policy.ts';
import type { Dec } from './decimal.ts';
import type { Fixed } from './fixed.ts';

/** A decimal string in the form of spec §1.1. */
export type DecimalString = string;

// The wire types are derived from the TypeBox schemas of src/wire/, the one description of each
// shape (also the source of the shipped JSON Schemas and of structural validation); the names
// below are the model's for them.
export type Trigger = 'strict' | 'inclusive';
export type TierInput = WireTier;
export type MarketParamsInput = WireMarket;
export type PenaltyStepInput = WirePenaltyStep;
export type RiskParams = WireParams;
/** `isolatedMargin` present: the position is isolated with this margin. Absent: cross. */
export type PositionInput = WirePosition;
export type AccountInput = WireAccount;
/** One liquidation scenario: parameters plus state. */
export type Scenario = WireScenario;
export type Status = WireStatus;
export type Fill = WireFill;
export type GroupSnapshot = WireSnapshot;
/** `group` is `"cross"` or the market id of an isolated position. */
export type GroupReport = WireGroupReport;
export type LiquidationResult = WireResult;
/** A field that failed validation: `path` such as `account.positions[2].size`. */
export type Issue = WireIssue;
export type ModelError = WireModelError;

export type Outcome =
  | { readonly ok: true; readonly result: LiquidationResult }
  | { readonly ok: false; readonly error: ModelError };

/** An engine in-process: the reference, a wrong engine of the zoo, or a user's adapter. */
export type Engine = (scenario: Scenario) => Outcome;

// ---------------------------------------------------------------------------------------------
// Parsed layer

export interface Tier {
  readonly floor: Dec;
  readonly rate: Dec;
  readonly amount: Dec;
  readonly initialRate: Dec;
}

/** A market's contract kind (spec §12.1); the integer core's form is `FContract` (contract.ts). */
export type ContractParams = { readonly kind: 'linear' } | { readonly kind: 'inverse'; readonly value: Dec };

export interface MarketParams {
  readonly lot: Dec;
  readonly tick: Dec;
  readonly tiers: readonly Tier[];
  /** absent: linear (spec §12.1); only the integer core under a policy runs an inverse market */
  readonly contract?: ContractParams;
}

export interface PenaltyStep {
  readonly maxMarginRatio: Dec;
  readonly rate: Dec;
}

/**
 * A collateral asset (spec §13.1): the price a sale gets is `p·(1 − δ)` (`discount`), `p/φ`
 * (`feeFactor`) or `p` (neither; at most one is set).
 */
export interface AssetParams {
  readonly unit: Dec;
  readonly weight: Dec;
  /** `w′`, `weight` when absent on the wire */
  readonly targetWeight: Dec;
  readonly discount?: Dec;
  readonly feeFactor?: Dec;
}

/** The weights `l ≤ l′` of a negative quote balance (spec §13.1). */
export interface QuoteDebtParams {
  readonly weight: Dec;
  readonly targetWeight: Dec;
}

export interface ParsedParams {
  readonly quoteScale: number;
  /** `10^−quoteScale` */
  readonly unit: Dec;
  readonly trigger: Trigger;
  readonly buffer: Dec;
  readonly steps: readonly PenaltyStep[];
  readonly liquidatorShare: Dec;
  readonly dustNotional: Dec;
  readonly priceImpact: Dec;
  readonly markets: ReadonlyMap<string, MarketParams>;
  /** collateral assets by id (spec §13.1); absent: none (every result keeps its earlier bytes) */
  readonly assets?: ReadonlyMap<string, AssetParams>;
  /** absent: `l = l′ = 1`; only with `assets` */
  readonly quoteDebt?: QuoteDebtParams;
}

export interface Position {
  readonly market: string;
  readonly size: Dec;
  readonly entry: Dec;
  readonly isolatedMargin: Dec | null;
}

export interface ParsedScenario {
  readonly params: ParsedParams;
  readonly marks: ReadonlyMap<string, Dec>;
  readonly collateral: Dec;
  readonly positions: readonly Position[];
  readonly insuranceFund: Dec;
  /**
   * The policy (spec §10), absent for the reference's. Its amounts, and those of `book` and
   * `requests`, are exact integers already: only the integer core runs other policies.
   */
  readonly policy?: FPolicy;
  /** order books by market (spec §10.4), only under a policy whose price part is "book" */
  readonly book?: ReadonlyMap<string, FBook>;
  /** the liquidator's requested close sizes (spec §10.3), only under a "requested" close size */
  readonly requests?: ReadonlyMap<string, Fixed>;
  /** the account's asset balances by id (spec §13.1), present iff `params.assets` is; zero balances dropped */
  readonly assets?: ReadonlyMap<string, Dec>;
  /** `assetPrices` by id (spec §13.1), present iff `params.assets` is */
  readonly assetPrices?: ReadonlyMap<string, Dec>;
}
