/**
 * Auctions (spec S6) on hand-computed examples: start prices, both curves on both sides, the
 * resets at the tail and the cusp, and a step's takes (bidder order and latency, capital, the
 * dust rule). Every expected value is worked out in the comments, not read from the code.
 */
import { describe, expect, it } from 'vitest';
import { Dec, toCanonical } from '../../model/decimal.ts';
import { auctionPrice, curveValue, kick, runAuctions, type Auction, type AuctionConfig, type Bidder } from './index.ts';

const d = (x: string) => new Dec(x);
const TICK = d('0.1');
const LOT = d('0.1');
const LINEAR: AuctionConfig = { premium: d('0.05'), curve: { kind: 'linear', duration: 20 }, tail: 30, cusp: d('0.4'), dust: d('10') };
const STAIRS: AuctionConfig = { ...LINEAR, curve: { kind: 'stairstep', cut: d('0.9'), step: 2 } };

/** The prices of `a` at the given steps, as strings ("reset" when it must be reset). */
function prices(a: Auction, cfg: AuctionConfig, steps: readonly number[]): string[] {
  return steps.map((t) => {
    const q = auctionPrice(a, t, cfg, TICK);
    return q === 'reset' ? 'reset' : toCanonical(q.price);
  });
}

describe('kick', () => {
  it('starts a long lot at ⌈m(1+β)⌉_τ and a short one at ⌊m(1−β)⌋_τ', () => {
    // m = 100.03: 100.03·1.05 = 105.0315 → 105.1; 100.03·0.95 = 95.0285 → 95.
    expect(toCanonical(kick('x', 'a', 'long', d('1'), d('100.03'), 4, LINEAR, TICK).start)).toBe('105.1');
    const short = kick('x', 'a', 'short', d('1'), d('100.03'), 4, LINEAR, TICK);
    expect([toCanonical(short.start), short.kickedAt, short.firstKick, short.resets]).toEqual(['95', 4, 4, 0]);
  });
});

describe('auctionPrice', () => {
  // Kicked at step 0, m = 100: top 105, bot 95.
  const long = kick('l', 'a', 'long', d('1'), d('100'), 0, LINEAR, TICK);
  const short = kick('s', 'a', 'short', d('1'), d('100'), 0, LINEAR, TICK);

  it('linear, long: ⌈105·(1 − d/20)⌉_τ down to the cusp, then reset', () => {
    // d 0: 105; 1: 99.75 → 99.8; 2: 94.5; 3: 89.25 → 89.3; 12: c = 0.4 = cusp, 42; 13: c 0.35 < 0.4.
    expect(prices(long, LINEAR, [0, 1, 2, 3, 12, 13])).toEqual(['105', '99.8', '94.5', '89.3', '42', 'reset']);
  });

  it('linear, short: ⌊95/(1 − d/20)⌋_τ up to the cusp, then reset', () => {
    // d 1: 95/0.95 = 100; 2: 105.55… → 105.5; 3: 111.76… → 111.7; 12: 95/0.4 = 237.5.
    expect(prices(short, LINEAR, [0, 1, 2, 3, 12, 13])).toEqual(['95', '100', '105.5', '111.7', '237.5', 'reset']);
  });

  it('reports the curve, the age and the floor ⌈top·cusp⌉_τ / ⌊bot/cusp⌋_τ', () => {
    const q = auctionPrice(long, 3, LINEAR, TICK);
    const s = auctionPrice(short, 3, LINEAR, TICK);
    if (q === 'reset' || s === 'reset') throw new Error('unexpected reset');
    // 105·0.4 = 42; 95/0.4 = 237.5; c(3) = 0.85.
    expect([toCanonical(q.curve), q.age, toCanonical(q.floor), toCanonical(s.floor)]).toEqual(['0.85', 3, '42', '237.5']);
  });

  it('linear with a curve value that does not terminate: truncated to 12 digits before pricing', () => {
    // τ_a = 3: c(1) = ⌊2/3⌋_Φ = 0.666666666666: long 105·c = 69.99999999993 → 70; short
    // 95/c = 142.50000000014… → 142.5. c(2) = 0.333333333333 (cusp 0.3): long 34.999999999965 → 35;
    // short 285.000000000285… → 285.
    const cfg: AuctionConfig = { ...LINEAR, curve: { kind: 'linear', duration: 3 }, cusp: d('0.3') };
    expect(toCanonical(curveValue(cfg.curve, 1))).toBe('0.666666666666');
    expect(prices(long, cfg, [1, 2])).toEqual(['70', '35']);
    expect(prices(short, cfg, [1, 2])).toEqual(['142.5', '285']);
  });

  it('stairstep: 0.9^⌊d/2⌋ on both sides, reset when it falls under the cusp', () => {
    // c: d 1 → 1; 2,3 → 0.9; 4 → 0.81; 6 → 0.729; 16 → 0.43046721; 18 → 0.387420489 < 0.4.
    // long: 105, 94.5, 94.5, 85.05 → 85.1, 76.545 → 76.6, 45.19905705 → 45.2.
    expect(prices(long, STAIRS, [1, 2, 3, 4, 6, 16, 18])).toEqual(['105', '94.5', '94.5', '85.1', '76.6', '45.2', 'reset']);
    // short: 95, 105.55… → 105.5, same, 117.28… → 117.2, 130.31… → 130.3, 220.69… → 220.6.
    expect(prices(short, STAIRS, [1, 2, 3, 4, 6, 16, 18])).toEqual(['95', '105.5', '105.5', '117.2', '130.3', '220.6', 'reset']);
  });

  it('stairstep raises the exact power and only then truncates', () => {
    // 0.999999³ = 0.999997000002999999 → 0.999997000002 (truncating each factor to 12 digits
    // changes nothing here, but 0.123456789012^20 has 240 digits: the oracle is a 400-digit decimal).
    expect(toCanonical(curveValue({ kind: 'stairstep', cut: d('0.999999'), step: 1 }, 3))).toBe('0.999997000002');
    const D400 = Dec.clone({ precision: 400 });
    const oracle = new D400('0.123456789012').pow(20).toDecimalPlaces(12, Dec.ROUND_DOWN).toString();
    expect(toCanonical(curveValue({ kind: 'stairstep', cut: d('0.123456789012'), step: 1 }, 20))).toBe(toCanonical(d(oracle)));
    // 0.123456789012^20 ≈ 6.7·10^−19, below Φ: truncated to 0.
    expect(oracle).toBe('0');
    const D400b = new D400('0.987654321098').pow(20).toDecimalPlaces(12, Dec.ROUND_DOWN).toString();
    expect(toCanonical(curveValue({ kind: 'stairstep', cut: d('0.987654321098'), step: 1 }, 20))).toBe(toCanonical(d(D400b)));
  });

  it('resets past the tail even when the curve is still above the cusp', () => {
    // τ_a = 100, tail 30: c(30) = 0.7 → 105·0.7 = 73.5; d = 31 > 30 → reset.
    const cfg: AuctionConfig = { ...LINEAR, curve: { kind: 'linear', duration: 100 } };
    expect(prices(long, cfg, [30, 31])).toEqual(['73.5', 'reset']);
  });
});

describe('runAuctions', () => {
  const b1: Bidder = { id: 'b1', capital: d('100'), latency: 1, discount: d('0.02') };
  const b2: Bidder = { id: 'b2', capital: d('1000'), latency: 3, discount: d('0.08') };
  const round = (auctions: readonly Auction[], step: number, mark: string, bidders: readonly Bidder[], cfg = LINEAR, spent = new Map<string, Dec>()) =>
    runAuctions({ auctions, bidders, spent, mark: d(mark), step, cfg, lot: LOT, tick: TICK });
  const takes = (r: ReturnType<typeof runAuctions>) => r.takes.map((t) => [t.auction, t.bidder, toCanonical(t.size), toCanonical(t.price)]);

  it('resets an auction under the cusp at the current mark, before any take', () => {
    // Kicked at 0 (top 105); at step 13 c < cusp: reset at m = 90, top ⌈94.5⌉ = 94.5, d = 0, price
    // 94.5 > b1's limit ⌊90·0.98⌋_τ = 88.2: no take.
    const a = kick('x1', 'a', 'long', d('2'), d('100'), 0, LINEAR, TICK);
    const r = round([a], 13, '90', [b1]);
    expect(r.resets.map((x) => [x.auction, toCanonical(x.start), toCanonical(x.mark)])).toEqual([['x1', '94.5', '90']]);
    expect(r.takes).toEqual([]);
    expect(r.auctions.map((x) => [x.kickedAt, x.firstKick, x.resets, toCanonical(x.start)])).toEqual([[13, 0, 1, '94.5']]);
  });

  it('fills by latency then id, each bidder within its capital, and ends a sold-out auction', () => {
    // Step 3, m = 100, price 89.3 (above). b1 (latency 1): limit ⌊98⌋ = 98 ≥ 89.3; slice
    // ⌊100/(89.3·0.1)⌋ = ⌊11.19…⌋ = 11 lots = 1.1 (98.23); remainder 0.9·89.3 = 80.37 ≥ dust 10.
    // b2 (latency 3, eligible at 0 + 3): limit ⌊92⌋ = 92 ≥ 89.3, takes the remaining 0.9.
    const a = kick('x1', 'a', 'long', d('2'), d('100'), 0, LINEAR, TICK);
    const r = round([a], 3, '100', [b2, b1]);
    expect(takes(r)).toEqual([
      ['x1', 'b1', '1.1', '89.3'],
      ['x1', 'b2', '0.9', '89.3'],
    ]);
    expect(r.auctions).toEqual([]);
    const t = r.takes[0]!;
    expect([t.age, toCanonical(t.curve), toCanonical(t.floor), t.side]).toEqual([3, '0.85', '42', 'long']);
  });

  it('counts latency from the first kick and capital net of what was spent', () => {
    // Step 2: b2 (latency 3) is not yet eligible; b1 has 100 − 60 = 40 left at price 94.5 (limit
    // 98): ⌊40/9.45⌋ = 4 lots = 0.4; remainder 1.6·94.5 = 151.2 ≥ 10. The auction stays with 1.6.
    const a = kick('x1', 'a', 'long', d('2'), d('100'), 0, LINEAR, TICK);
    const r = round([a], 2, '100', [b1, b2], LINEAR, new Map([['b1', d('60')]]));
    expect(takes(r)).toEqual([['x1', 'b1', '0.4', '94.5']]);
    expect(r.auctions.map((x) => toCanonical(x.lot))).toEqual(['1.6']);
    // A reset does not restart latency: kicked at 0, reset at 13 → at step 13 b2 is eligible.
    const reset = round([a], 13, '100', [b2], { ...LINEAR, premium: d('-0.1') });
    // New top ⌈100·0.9⌉ = 90 ≤ b2's limit 92: b2 takes the whole lot (⌊1000/9⌋ = 111 lots ≥ 20).
    expect(takes(reset)).toEqual([['x1', 'b2', '2', '90']]);
  });

  it('applies the dust rule: a slice leaving less than dust takes nothing', () => {
    // Lot 1 at 89.3 (step 3): b1 with 85 can pay ⌊85/8.93⌋ = 9 lots = 0.9, leaving 0.1·89.3 = 8.93
    // < dust 10, and the whole lot (89.3) exceeds 85: nothing. b2 then takes the whole lot.
    const a = kick('x1', 'a', 'long', d('1'), d('100'), 0, LINEAR, TICK);
    const poor = { ...b1, capital: d('85') };
    expect(takes(round([a], 3, '100', [poor]))).toEqual([]);
    expect(takes(round([a], 3, '100', [poor, b2]))).toEqual([['x1', 'b2', '1', '89.3']]);
    // With dust 5, the remainder 8.93 is allowed: b1 takes 0.9.
    expect(takes(round([a], 3, '100', [poor], { ...LINEAR, dust: d('5') }))).toEqual([['x1', 'b1', '0.9', '89.3']]);
  });

  it('sells a short lot to the bidders whose premium the price reaches', () => {
    // Short lot, bot 95, step 2: price 105.5 (above). b1: ⌈100·1.02⌉ = 102 ≤ 105.5: takes
    // ⌊100/10.55⌋ = 9 lots = 0.9 (remainder 0.1·105.5 = 10.55 ≥ 10). b2 (latency 1 here): needs
    // ⌈108⌉ = 108 > 105.5: no.
    const a = kick('s1', 'a', 'short', d('1'), d('100'), 0, LINEAR, TICK);
    const r = round([a], 2, '100', [b1, { ...b2, latency: 1 }]);
    expect(takes(r)).toEqual([['s1', 'b1', '0.9', '105.5']]);
    expect([r.takes[0]!.side, toCanonical(r.takes[0]!.floor)]).toEqual(['short', '237.5']);
    expect(r.auctions.map((x) => toCanonical(x.lot))).toEqual(['0.1']);
  });

  it('offers auctions in kick order, sharing each bidder\'s capital across them', () => {
    // Two long lots of 1 at step 3 (89.3 each); b1 with 100: first x1 → 1 (89.3), then 10.7 left
    // → ⌊10.7/8.93⌋ = 1 lot = 0.1 of x2, remainder 0.9·89.3 = 80.37 ≥ 10.
    const x1 = kick('x1', 'a', 'long', d('1'), d('100'), 0, LINEAR, TICK);
    const x2 = kick('x2', 'b', 'long', d('1'), d('100'), 0, LINEAR, TICK);
    const r = round([x1, x2], 3, '100', [b1]);
    expect(takes(r)).toEqual([
      ['x1', 'b1', '1', '89.3'],
      ['x2', 'b1', '0.1', '89.3'],
    ]);
    expect(r.auctions.map((x) => [x.id, toCanonical(x.lot)])).toEqual([['x2', '0.9']]);
  });
});
