/**
 * The step engine: what answers a round's liquidations (docs/simulation.md S7, S8, S9, S14). The
 * driver (simulate.ts) owns the market, the keepers and the path; the engine owns the liquidation
 * of each requested account and its ADL. The reference answers in-process
 * (referenceStepEngine.ts); another implementation answers over the protocol's `step` request
 * (protocolStepEngine.ts), so an exchange's liquidation service can be run through a price path.
 * @see docs/simulation.md#s14-checking-another-implementation-the-step-request
 */
import type { Dec } from '../model/decimal.ts';
import type { LiquidationResult } from '../model/types.ts';

/** One account as the engine sees it (spec S2: `C = κ + q·e`). */
export interface AccountState {
  readonly id: string;
  /** C: the free collateral of a cross account, the isolated margin of an isolated one */
  readonly collateral: Dec;
  /** signed base size; 0 = no position (then entry is irrelevant) */
  readonly size: Dec;
  readonly entry: Dec;
  readonly isolated: boolean;
}

/** A keeper's request to liquidate `account`; `taker` receives the fills (the keeper, or `vault` in auction mode). */
export interface LiquidationRequest {
  readonly account: string;
  readonly keeper: string;
  readonly taker: string;
}

export interface RoundRequest {
  readonly step: number;
  readonly round: number;
  readonly market: string;
  readonly mark: Dec;
  readonly insuranceFund: Dec;
  /** every account of the population, by id (passed by reference in-process: do not mutate) */
  readonly accounts: ReadonlyMap<string, AccountState>;
  /**
   * the liquidations the keepers ask for, in order; the engine processes them sequentially, each
   * seeing the fund and the accounts as left by the previous ones (and their ADL)
   */
  readonly requests: readonly LiquidationRequest[];
}

/** One counterparty reduced by ADL (S9): `size` base at the bankruptcy price, `transfer` paid. */
export interface AdlReduction {
  readonly account: string;
  readonly size: Dec;
  readonly transfer: Dec;
  readonly score: Dec;
}

export interface AdlEvent {
  readonly bankrupt: string;
  readonly side: 'long' | 'short';
  readonly bankruptcyPrice: Dec;
  readonly spread: Dec;
  readonly owed: Dec;
  readonly reductions: readonly AdlReduction[];
  /** excess of the transfers over `owed` plus the floor residues of spec S9 */
  readonly toFund: Dec;
  /** what the counterparties could not pay: stays socialized */
  readonly unpaid: Dec;
}

export interface RoundLiquidation {
  readonly account: string;
  /** the engine's result (wire form, spec §8); status "healthy" = declined */
  readonly result: LiquidationResult;
  readonly adl?: AdlEvent;
}

/** One liquidation per request, in the requests' order. */
export interface RoundReply {
  readonly liquidations: readonly RoundLiquidation[];
}

export interface StepEngine {
  readonly name: string;
  round(req: RoundRequest): RoundReply | Promise<RoundReply>;
  close?(): Promise<void>;
}
