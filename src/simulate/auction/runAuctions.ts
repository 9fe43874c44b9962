/**
 * One step of auctions (spec S6): every due reset first, then every live auction, in kick order,
 * offered to the bidders.
 *
 * @remarks Bidders are tried by latency then id, so the fastest bidder gets first pick at a price
 * every later one sees too (one price per auction per step). A bidder's slice is bounded by the
 * lot and by its capital left; the dust rule (Maker's `chost`) forbids a take that would leave a
 * remainder too small for anyone to bother with: it takes the whole lot or nothing.
 */
import { type Dec, dmin, floorDiv, floorTo, ceilTo, ONE, ZERO } from '../../model/decimal.ts';
import { auctionPrice } from './auctionPrice.ts';
import { resetAuction } from './kick.ts';
import type { Auction, AuctionQuote, AuctionRound, Bidder, Reset, Take } from './types.ts';

/** S6 for one step: resets, then takes; returns the live auctions after, in kick order. */
export function runAuctions(r: AuctionRound, price: typeof auctionPrice = auctionPrice): { readonly auctions: readonly Auction[]; readonly takes: readonly Take[]; readonly resets: readonly Reset[] } {
  const { step, mark, cfg, tick } = r;
  const resets: Reset[] = [];
  const quoted: { readonly auction: Auction; readonly quote: AuctionQuote | 'reset' }[] = r.auctions.map((a) => {
    const quote = price(a, step, cfg, tick);
    if (quote !== 'reset') return { auction: a, quote };
    const auction = resetAuction(a, mark, step, cfg, tick);
    resets.push({ auction: a.id, start: auction.start, mark });
    // A price function that still refuses right after a reset leaves the auction idle this step.
    return { auction, quote: price(auction, step, cfg, tick) };
  });

  const bidders = [...r.bidders].sort((x, y) => x.latency - y.latency || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const spent = new Map(r.spent);
  const takes: Take[] = [];
  const auctions: Auction[] = [];
  for (const { auction, quote } of quoted) {
    let lot = auction.lot;
    if (quote !== 'reset') {
      for (const b of bidders) {
        if (!lot.gt(0)) break;
        if (step < auction.firstKick + b.latency || !accepts(b, auction.side, quote.price, mark, tick)) continue;
        const size = sliceOf(lot, b.capital.sub(spent.get(b.id) ?? ZERO), quote.price, r.lot, cfg.dust);
        if (!size.gt(0)) continue;
        takes.push({ auction: auction.id, bidder: b.id, size, price: quote.price, age: quote.age, curve: quote.curve, floor: quote.floor, side: auction.side });
        spent.set(b.id, (spent.get(b.id) ?? ZERO).add(size.mul(quote.price)));
        lot = lot.sub(size);
      }
    }
    if (lot.gt(0)) auctions.push(lot.eq(auction.lot) ? auction : { ...auction, lot });
  }
  return { auctions, takes, resets };
}

/** A bidder takes a long lot at `p ≤ ⌊m·(1 − ω)⌋_τ`, a short lot at `p ≥ ⌈m·(1 + ω)⌉_τ`. */
function accepts(b: Bidder, side: 'long' | 'short', p: Dec, mark: Dec, tick: Dec): boolean {
  return side === 'long' ? p.lte(floorTo(mark.mul(ONE.sub(b.discount)), tick)) : p.gte(ceilTo(mark.mul(ONE.add(b.discount)), tick));
}

/**
 * The slice of a bidder with `left` capital: the largest multiple of `ℓ` within the lot and
 * within `left/p`; a slice that would leave less than `dust` quote at `p` becomes the whole lot
 * when the capital covers it, else nothing.
 */
function sliceOf(lot: Dec, left: Dec, p: Dec, ell: Dec, dust: Dec): Dec {
  if (!left.gt(0)) return ZERO;
  const slice = dmin(lot, floorDiv(left, p.mul(ell)).mul(ell));
  if (slice.eq(lot) || !lot.sub(slice).mul(p).lt(dust)) return slice;
  return lot.mul(p).lte(left) ? lot : ZERO;
}
