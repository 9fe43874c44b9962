/**
 * Auctions (spec S6, SYS-006) over random configurations, mark paths and bidders: between resets
 * a long lot's price never rises and a short lot's never falls, no take is beyond its floor
 * (`p ≥ top·cusp`, `p·cusp ≤ bot`, checked on exact products), no bidder spends beyond its capital,
 * and the lot taken plus the lot left is the lot kicked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../../properties/profile.ts';
import { Dec } from '../../model/decimal.ts';
import { auctionPrice, kick, runAuctions, type Auction, type AuctionConfig, type Bidder } from './index.ts';

const FILE = 'src/simulate/auction/auction.property.test.ts';
const TICK = new Dec('0.1');
const LOT = new Dec('0.01');

const config: fc.Arbitrary<AuctionConfig> = fc.record({
  premium: fc.integer({ min: 0, max: 200 }).map((k) => new Dec(k).div(1000)),
  curve: fc.oneof(
    fc.integer({ min: 1, max: 40 }).map((duration) => ({ kind: 'linear' as const, duration })),
    fc.record({ cut: fc.integer({ min: 500_000, max: 999_999 }).map((k) => new Dec(k).div(1_000_000)), step: fc.integer({ min: 1, max: 4 }) }).map((s) => ({ kind: 'stairstep' as const, ...s })),
  ),
  tail: fc.integer({ min: 1, max: 40 }),
  cusp: fc.integer({ min: 1, max: 1000 }).map((k) => new Dec(k).div(1000)),
  dust: fc.integer({ min: 0, max: 5000 }).map((k) => new Dec(k)),
});

const bidders: fc.Arbitrary<Bidder[]> = fc
  .array(fc.record({ capital: fc.integer({ min: 0, max: 200_000 }), latency: fc.integer({ min: 0, max: 6 }), discount: fc.integer({ min: -50, max: 150 }) }), { maxLength: 4 })
  .map((bs) => bs.map((b, i) => ({ id: `b${i + 1}`, capital: new Dec(b.capital), latency: b.latency, discount: new Dec(b.discount).div(1000) })));

describe('runAuctions (property)', () => {
  it('never moves a price against the fund between resets, never takes beyond the floor or the capital', () => {
    fc.assert(
      fc.property(
        config,
        bidders,
        fc.array(fc.record({ side: fc.constantFrom('long' as const, 'short' as const), lots: fc.integer({ min: 1, max: 500 }), at: fc.integer({ min: 0, max: 10 }) }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 500, max: 1500 }), { minLength: 20, maxLength: 60 }),
        (cfg, bs, kicks, marks) => {
          let live: Auction[] = [];
          const spent = new Map<string, Dec>();
          const kicked = new Map<string, Dec>();
          const taken = new Map<string, Dec>();
          const last = new Map<string, { resets: number; price: Dec }>();
          for (let step = 0; step < marks.length; step++) {
            const mark = TICK.mul(marks[step]!);
            kicks.forEach((k, i) => {
              if (k.at !== step) return;
              const id = `x${i}`;
              live.push(kick(id, 'a', k.side, LOT.mul(k.lots), mark, step, cfg, TICK));
              kicked.set(id, LOT.mul(k.lots));
            });
            const r = runAuctions({ auctions: live, bidders: bs, spent, mark, step, cfg, lot: LOT, tick: TICK });
            const byId = new Map([...live, ...r.auctions].map((a) => [a.id, a]));
            for (const t of r.takes) {
              // The auction as priced this step (after any reset): start, side.
              const a = r.auctions.find((x) => x.id === t.auction) ?? byId.get(t.auction)!;
              const start = r.resets.some((x) => x.auction === t.auction) ? r.resets.find((x) => x.auction === t.auction)!.start : a.start;
              if (t.side === 'long') expect(t.price.gte(start.mul(cfg.cusp)), 'long take above top·cusp').toBe(true);
              else expect(t.price.mul(cfg.cusp).lte(start), 'short take below bot/cusp').toBe(true);
              expect(t.side === 'long' ? t.price.gte(t.floor) : t.price.lte(t.floor)).toBe(true);
              expect(t.size.gt(0) && t.size.mod(LOT).isZero()).toBe(true);
              spent.set(t.bidder, (spent.get(t.bidder) ?? new Dec(0)).add(t.size.mul(t.price)));
              taken.set(t.auction, (taken.get(t.auction) ?? new Dec(0)).add(t.size));
            }
            for (const b of bs) expect((spent.get(b.id) ?? new Dec(0)).lte(b.capital), `${b.id} within capital`).toBe(true);
            // Prices between resets: each live auction priced now against its previous price.
            for (const a of r.auctions) {
              const q = auctionPrice(a, step, cfg, TICK);
              expect(q).not.toBe('reset');
              if (q === 'reset') continue;
              const prev = last.get(a.id);
              if (prev && prev.resets === a.resets) {
                if (a.side === 'long') expect(q.price.lte(prev.price), `${a.id} long price rose`).toBe(true);
                else expect(q.price.gte(prev.price), `${a.id} short price fell`).toBe(true);
              }
              last.set(a.id, { resets: a.resets, price: q.price });
            }
            live = [...r.auctions];
          }
          for (const [id, lot] of kicked) {
            const left = live.find((a) => a.id === id)?.lot ?? new Dec(0);
            expect((taken.get(id) ?? new Dec(0)).add(left).eq(lot), `${id} lot conserved`).toBe(true);
          }
        },
      ),
      params(FILE, 'auctions'),
    );
  });
});
