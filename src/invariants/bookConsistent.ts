import { pnlOf } from '../model/contract.ts';
import { contractOf } from './contractOf.ts';
import { floorTo, FZERO, type Fixed } from '../model/fixed.ts';
import type { FLevel } from '../policy/book.ts';
import type { OutputInvariant } from './invariant.ts';
import { exactOf, healthOf, ledger, replayFills, s, signedClose } from './ledger.ts';
import { takenOver } from './backstopTakeover.ts';

/**
 * LIQ-023 — fills walk the order book (spec §10.4). Per market, the fills in reported order are
 * matched against the side that closes the position (bids for a long, asks for a short), level by
 * level: each fill is at the price of the level the walk has reached and takes at most what is
 * left of it, so every earlier level is consumed in full and no more than the depth is filled.
 * Beyond the depth only a `bankruptcy` remainder may fill, at the bankruptcy price, judged from the
 * engine's own numbers by what defines it: `E⁻ ≥ 0`, and one tick less favourable to the trader
 * would give `E⁻ < 0` (unless the price is already the smallest, one tick).
 *
 * @see docs/spec.md#104-execution-price
 */
export const bookConsistent: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-023',
  title: 'book-consistent fills',
  statement: 'Per market, the fills walk the book side that closes the position (bids for a long, asks for a short) best first: each at the price of the level reached, of at most what is left of it, every earlier level consumed in full, the total within the depth; beyond the depth only under remainder "bankruptcy", at the bankruptcy price — the tick price least favourable to the trader with E⁻ ≥ 0, from the engine\'s own numbers —, or under remainder "backstop", at the mark.',
  domain: 'Engines whose policy fills from the scenario\'s order book (spec §10.4). Counter-cases in real engines: dYdX v4 matches at most at the fillable price and hands what it cannot fill to deleveraging; Hyperliquid hands it to the backstop vault. Groups taken over by a backstop (§10.8) are judged by LIQ-027 instead.',
  spec: '#104-execution-price',
  presumes: ['book-consistent'],
  check: (c) => {
    const x = exactOf(c);
    const price = x.policy.price;
    if (price.kind !== 'book') return [];
    const { params } = x.v;
    const out: string[] = [];
    for (const g of ledger(c)) {
      // §10.8: a takeover fills at the mark, not from the book (LIQ-024 and LIQ-027 judge it).
      if (takenOver(c, g)) continue;
      // The walk of each market: its levels, the level reached and what is left of it.
      const walks = new Map<string, { levels: readonly FLevel[]; side: string; at: number; left: Fixed }>();
      for (const p of g.before.positions) {
        const b = c.input.book?.get(p.market);
        const levels = (p.size.sign() > 0 ? b?.bids : b?.asks) ?? [];
        walks.set(p.market, { levels, side: p.size.sign() > 0 ? 'bids' : 'asks', at: 0, left: levels[0]?.size ?? FZERO });
      }
      replayFills(c, g, (f, _i, realized, prior) => {
        const w = walks.get(f.market);
        const pos = prior.positions.find((p) => p.market === f.market);
        if (w === undefined || pos === undefined) return; // reduce-only is LIQ-008's
        const tag = `fill ${x.output.fills.indexOf(f)} (${f.market})`;
        const level = w.levels[w.at];
        if (level !== undefined) {
          if (!f.price.eq(level.price)) {
            out.push(`${tag} executes at ${s(f.price)}, but the walk of the ${w.side} is at level ${w.at} (price ${s(level.price)}, ${s(w.left)} left)`);
          } else if (f.size.gt(w.left)) {
            out.push(`${tag} fills ${s(f.size)} at ${s(f.price)}, more than the ${s(w.left)} left at level ${w.at} of the ${w.side}`);
          }
          w.left = w.left.sub(f.size);
          while (w.left.sign() <= 0 && w.at < w.levels.length) {
            const over = w.left.neg();
            w.at++;
            w.left = (w.levels[w.at]?.size ?? FZERO).sub(over);
          }
          return;
        }
        const depth = w.levels.reduce((a, l) => a.add(l.size), FZERO);
        if (price.remainder === 'left') {
          out.push(`${tag} fills ${s(f.size)} at ${s(f.price)} beyond the depth of the ${w.side} (${s(depth)}), which remainder "left" leaves open`);
          return;
        }
        if (price.remainder === 'backstop') {
          // §10.4: the backstop account takes the rest over at the mark itself.
          const mark = x.v.marks.get(f.market);
          if (mark !== undefined && !f.price.eq(mark)) out.push(`${tag} closes ${s(f.size)} beyond the depth of the ${w.side} (${s(depth)}) at ${s(f.price)}, but remainder "backstop" takes it over at the mark ${s(mark)}`);
          return;
        }
        // The bankruptcy price: E⁻(x) = B + ⌊q_c·(x − e)⌋_u with B the engine's state before the fill
        // less this close's unrealized PnL; a long sells at the least x with E⁻ ≥ 0, a short buys at the most.
        const tick = params.markets.get(f.market)!.tick;
        const qc = signedClose(f);
        const b = healthOf(c, realized).equity.sub(f.realizedPnl);
        const contract = contractOf(x.v, f.market);
        const eAt = (p: Fixed) => b.add(floorTo(pnlOf(contract, qc, pos.entry, p, params.unit), params.unit));
        const long = qc.sign() > 0;
        const worse = long ? f.price.sub(tick) : f.price.add(tick);
        const here = eAt(f.price).sign() >= 0;
        const oneWorse = eAt(worse).sign() >= 0;
        // At one tick no price is less favourable to a long; no price more favourable to a short.
        const ok = long ? here && (f.price.eq(tick) || !oneWorse) : here ? !oneWorse : f.price.eq(tick);
        if (!ok) {
          out.push(
            `${tag} closes ${s(f.size)} beyond the depth of the ${w.side} (${s(depth)}) at ${s(f.price)}, which is not the bankruptcy price: E⁻ there is ${s(eAt(f.price))} and at ${s(worse)}, one tick ${long ? 'lower' : 'higher'}, ${s(eAt(worse))} (the bankruptcy price has E⁻ ≥ 0 and E⁻ < 0 one tick worse for the trader)`,
          );
        }
      });
    }
    return out;
  },
};
