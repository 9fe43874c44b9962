/** Auction liquidation (spec S6): kicking, pricing, and one step of resets and takes. */
export { auctionPrice } from './auctionPrice.ts';
export { curveValue } from './curveValue.ts';
export { kick, resetAuction, startPrice } from './kick.ts';
export { runAuctions } from './runAuctions.ts';
export type { Auction, AuctionConfig, AuctionCurve, AuctionQuote, AuctionRound, Bidder, Reset, Take } from './types.ts';
