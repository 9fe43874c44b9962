/**
 * Kicking an auction (spec S6): the fund holds a seized lot and offers it from a start price a
 * premium away from the mark, so the first bidders pay more than the book would.
 */
import { ceilTo, type Dec, dmax, floorTo, ONE } from '../../model/decimal.ts';
import type { Auction, AuctionConfig } from './types.ts';

/**
 * The start price at `mark`: `top = ⌈m·(1 + β)⌉_τ` for a long lot, `bot = ⌊m·(1 − β)⌋_τ` for a
 * short lot, at least one tick (a zero start would make the short's price `bot/c` zero).
 */
export function startPrice(side: 'long' | 'short', mark: Dec, premium: Dec, tick: Dec): Dec {
  return side === 'long' ? ceilTo(mark.mul(ONE.add(premium)), tick) : dmax(tick, floorTo(mark.mul(ONE.sub(premium)), tick));
}

/** A new auction of `lot` kicked at `step`. */
export function kick(id: string, account: string, side: 'long' | 'short', lot: Dec, mark: Dec, step: number, cfg: AuctionConfig, tick: Dec): Auction {
  return { id, account, side, lot, start: startPrice(side, mark, cfg.premium, tick), kickedAt: step, firstKick: step, resets: 0 };
}

/** `a` reset at `step`: a new start at the current mark, age 0, one more reset; lot and first kick kept. */
export function resetAuction(a: Auction, mark: Dec, step: number, cfg: AuctionConfig, tick: Dec): Auction {
  return { ...a, start: startPrice(a.side, mark, cfg.premium, tick), kickedAt: step, resets: a.resets + 1 };
}
