/**
 * Scenario, result and error types of the reference model.
 *
 * Two layers: the *wire* types (`Scenario`, `LiquidationResult`) carry decimals as canonical
 * strings and are what JSON, fixtures, the protocol and other engines see; the *parsed* types
 * (`Parsed…`) carry `Dec` values and are what the model computes with.
 * @see docs/spec.md#2-inputs
 */
import type { Dec } from './decimal.ts';

/** A decimal string in the form of spec §1.1. */
export type DecimalString = string;

export type Trigger = 'strict' | 'inclusive';

export interface TierInput {
  readonly notionalFloor: DecimalString;
  readonly maintenanceRate: DecimalString;
  readonly maintenanceAmount: DecimalString;
  readonly initialRate: DecimalString;
}

export interface MarketParamsInput {
  readonly lotSize: DecimalString;
  readonly tickSize: DecimalString;
  readonly tiers: readonly TierInput[];
}

export interface PenaltyStepInput {
  readonly maxMarginRatio: DecimalString;
  readonly rate: DecimalString;
}

export interface RiskParams {
  readonly quoteScale: number;
  readonly trigger: Trigger;
  readonly targetBuffer: DecimalString;
  readonly penalty: {
    readonly steps: readonly PenaltyStepInput[];
    readonly liquidatorShare: DecimalString;
  };
  readonly dustNotional: DecimalString;
  readonly priceImpact: DecimalString;
  readonly markets: Readonly<Record<string, MarketParamsInput>>;
}

export interface PositionInput {
  readonly market: string;
  readonly size: DecimalString;
  readonly entryPrice: DecimalString;
  /** Present: the position is isolated with this margin. Absent: cross. */
  readonly isolatedMargin?: DecimalString;
}

export interface AccountInput {
  readonly collateral: DecimalString;
  readonly positions: readonly PositionInput[];
}

/** One liquidation scenario: parameters plus state. */
export interface Scenario {
  readonly params: RiskParams;
  readonly marks: Readonly<Record<string, DecimalString>>;
  readonly account: AccountInput;
  readonly insuranceFund: DecimalString;
}

export type Status = 'healthy' | 'partial' | 'full' | 'bankrupt';

export interface Fill {
  readonly market: string;
  readonly side: 'sell' | 'buy';
  readonly size: DecimalString;
  readonly price: DecimalString;
  readonly notional: DecimalString;
  readonly penaltyRate: DecimalString;
  readonly penalty: DecimalString;
  readonly liquidatorFee: DecimalString;
  readonly insuranceFee: DecimalString;
  readonly realizedPnl: DecimalString;
}

export interface GroupSnapshot {
  readonly equity: DecimalString;
  readonly maintenance: DecimalString;
  readonly target: DecimalString;
  readonly marginRatio: DecimalString | null;
}

export interface GroupReport {
  /** `"cross"` or the market id of an isolated position. */
  readonly group: string;
  readonly status: Status;
  readonly before: GroupSnapshot;
  readonly after: GroupSnapshot;
}

export interface LiquidationResult {
  readonly status: Status;
  readonly fills: readonly Fill[];
  readonly account: AccountInput;
  readonly insuranceFund: DecimalString;
  readonly insurancePayout: DecimalString;
  readonly badDebt: DecimalString;
  readonly socializedLoss: DecimalString;
  readonly groups: readonly GroupReport[];
}

/** A field that failed validation. */
export interface Issue {
  /** e.g. `account.positions[2].size` */
  readonly path: string;
  readonly expected: string;
  readonly received: string;
}

export type ModelError =
  | { readonly code: 'invalid-input'; readonly issues: readonly Issue[] }
  | { readonly code: 'limit-exceeded'; readonly message: string };

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

export interface MarketParams {
  readonly lot: Dec;
  readonly tick: Dec;
  readonly tiers: readonly Tier[];
}

export interface PenaltyStep {
  readonly maxMarginRatio: Dec;
  readonly rate: Dec;
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
}
