/**
 * The shapes of auction liquidation (spec S6): the configuration, a live auction, the bidders and
 * what a step of auctions produces.
 */
import type { Dec } from '../../model/decimal.ts';

/** The price curve: `linear` falls to 0 over `duration` steps; `stairstep` multiplies by `cut` every `step` steps. */
export type AuctionCurve = { readonly kind: 'linear'; readonly duration: number } | { readonly kind: 'stairstep'; readonly cut: Dec; readonly step: number };

export interface AuctionConfig {
  /** β: the start premium over (long) or under (short) the mark */
  readonly premium: Dec;
  readonly curve: AuctionCurve;
  /** the age (steps) beyond which an auction is reset */
  readonly tail: number;
  /** the curve value below which an auction is reset; also its price floor */
  readonly cusp: Dec;
  /** quote: a take may not leave a remainder worth less than this */
  readonly dust: Dec;
}

export interface Auction {
  readonly id: string;
  readonly account: string;
  /** the side of the lot the fund holds: a "long" lot is sold to bidders (price falls) */
  readonly side: 'long' | 'short';
  /** remaining base size, a multiple of the market's lot */
  readonly lot: Dec;
  /** top (long) or bot (short) of the current kick/reset */
  readonly start: Dec;
  /** step of the kick or last reset (age d = step − kickedAt) */
  readonly kickedAt: number;
  /** step of the first kick (bidder latency counts from it) */
  readonly firstKick: number;
  readonly resets: number;
}

export interface Bidder {
  readonly id: string;
  readonly capital: Dec;
  readonly latency: number;
  /** ω: the discount to the mark a bidder waits for */
  readonly discount: Dec;
}

export interface Take {
  readonly auction: string;
  readonly bidder: string;
  readonly size: Dec;
  readonly price: Dec;
  readonly age: number;
  readonly curve: Dec;
  readonly floor: Dec;
  readonly side: 'long' | 'short';
}

export interface Reset {
  readonly auction: string;
  readonly start: Dec;
  readonly mark: Dec;
}

/** A price quote of {@link Auction} at a step (spec S6). */
export interface AuctionQuote {
  readonly price: Dec;
  readonly curve: Dec;
  readonly floor: Dec;
  readonly age: number;
}

export interface AuctionRound {
  readonly auctions: readonly Auction[];
  readonly bidders: readonly Bidder[];
  /** notional each bidder has already spent (Σ size·price of its takes), by id */
  readonly spent: ReadonlyMap<string, Dec>;
  readonly mark: Dec;
  readonly step: number;
  readonly cfg: AuctionConfig;
  /** the market's lot ℓ */
  readonly lot: Dec;
  readonly tick: Dec;
}
