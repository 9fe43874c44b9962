import { isInverse, pnlOf } from '../model/contract.ts';
import { ceilDiv, ceilTo, floorTo, type Fixed } from '../model/fixed.ts';
import { contractOf } from './contractOf.ts';
import { takenOver } from './backstopTakeover.ts';
import type { OutputInvariant } from './invariant.ts';
import { exactOf, healthOf, ledger, replayFills, s, signedClose } from './ledger.ts';

/**
 * LIQ-029 — every fill is at the bankruptcy price of the part it closes (spec §10.4, the
 * `bankruptcy` price part).
 *
 * @remarks Judged from the engine's own fills, replayed by ledger.ts, by what defines the price,
 * not by recomputing it: with `E`, `MM` the group's equity and requirement before the fill, `MM′`
 * after it, and `B` the equity after the fill less its realized PnL, the value above bankruptcy at
 * a price `x` is `V(x) = B + ⌊q_c·(x − e)⌋_u − E·MM′/MM`, compared as `V(x)·MM` (no division,
 * `MM > 0`). The fill's price must have `V ≥ 0` — below it the taker's gain is paid by the
 * positions left open or the insurance fund — and one tick less favourable to the trader `V < 0`
 * (else the taker is paid less than the rule gives), unless it is the smallest price, one tick
 * (the clamp of §10.4). On an inverse market (§12.4) `⌊q_c·(x − e)⌋_u` is the coin PnL of §12.2,
 * and where no least favourable price exists (the bound `K` beyond every price) the fill is at the
 * mark.
 * @see docs/spec.md#104-execution-price
 * @see docs/spec.md#124-bankruptcy-price
 */
export const bankruptcyPriced: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-029',
  title: 'fills at the bankruptcy price of the part closed',
  statement:
    'Each fill is at the bankruptcy price of the part it closes: the tick price least favourable to the trader at which its value above bankruptcy V = E⁻ − E·MM′/MM is not negative (E, MM the group’s before the fill, MM′ after it, E⁻ its equity after the fill’s PnL): V ≥ 0 at the fill’s price and V < 0 one tick worse for the trader (lower for a sell, higher for a buy), except at the smallest price, one tick — from the engine’s own numbers.',
  domain:
    'Engines whose policy fills every close at its bankruptcy price (`bankruptcy-price`: the price part `{ "kind": "bankruptcy" }`, the takeover of Binance’s and Bybit’s engines, dYdX v4’s bankruptcy price of a partial close). Groups taken over by a backstop (§10.8, at the mark) are LIQ-027’s. A requirement of 0 before a fill compares E⁻ alone. Inverse markets (§12.4): the PnL is the coin PnL ⌊q_c·v·(1/e − 1/x)⌋_u; when the bound K the fill’s PnL must reach is beyond every price (a long with r·v − K·e ≤ 0, a short with r·v + K·e ≤ 0) the fill is at the mark; B is the equity of what is left before the fill’s PnL (§12.4), so V ≥ 0 holds exactly at the bankruptcy price.',
  spec: '#104-execution-price',
  presumes: ['bankruptcy-price'],
  check: (c) => {
    const { params, marks } = exactOf(c).v;
    const { unit } = params;
    const out: string[] = [];
    for (const g of ledger(c)) {
      if (takenOver(c, g)) continue;
      replayFills(c, g, (f, i, realized, prior) => {
        const pos = prior.positions.find((p) => p.market === f.market);
        const m = params.markets.get(f.market);
        if (pos === undefined || m === undefined) return; // reduce-only is LIQ-008's
        const contract = contractOf(exactOf(c).v, f.market);
        const before = healthOf(c, prior);
        const after = healthOf(c, realized);
        const qc = signedClose(f);
        const long = qc.sign() > 0;
        // B: the equity after the fill less its realized PnL — the group with the part closed
        // removed (§10.4; §12.4 on an inverse market, where per-term floors make it differ from
        // E − U(q_c, e, P)).
        const b = after.equity.sub(f.realizedPnl);
        const mm = before.maintenance;
        // §7.2 floors a linear PnL here; §12.2's inverse PnL is floored already.
        const eAt = (x: Fixed) => b.add(floorTo(pnlOf(contract, qc, pos.entry, x, unit), unit));
        // V(x)·MM, or E⁻(x) where there is no requirement to share.
        const vAt = (x: Fixed) => (mm.sign() > 0 ? eAt(x).mul(mm).sub(before.equity.mul(after.maintenance)) : eAt(x));
        const where = `group ${g.id} fill ${i} (${f.market}) closes ${s(f.size)} at ${s(f.price)}`;
        if (isInverse(contract)) {
          // §12.4: the bound K the realized PnL must reach (V ≥ 0 ⇔ R ≥ K, R on the unit grid).
          const k = mm.sign() > 0 ? ceilDiv(before.equity.mul(after.maintenance).sub(b.mul(mm)), mm.mul(unit)).mul(unit) : ceilTo(b.neg(), unit);
          const rv = f.size.mul(contract.value);
          // A long's PnL stays below r·v/e at every price, a short's above −r·v/e: K beyond either bound has no least favourable price.
          const d = long ? rv.sub(k.mul(pos.entry)) : rv.add(k.mul(pos.entry));
          if (d.sign() <= 0) {
            const mark = marks.get(f.market);
            if (mark !== undefined && !f.price.eq(mark)) {
              const bound = long ? `no price reaches it (r·v − K·e = ${s(d)} ≤ 0)` : `every price reaches it (r·v + K·e = ${s(d)} ≤ 0)`;
              out.push(`${where}, but its PnL must reach K = ${s(k)} and ${bound}: §12.4 fills it at the mark ${s(mark)}`);
            }
            return;
          }
        }
        const worse = long ? f.price.sub(m.tick) : f.price.add(m.tick);
        const here = vAt(f.price).sign() >= 0;
        // No price below one tick (and an inverse PnL has none at zero).
        const oneWorse = worse.sign() > 0 && vAt(worse).sign() >= 0;
        // At one tick no price is less favourable to a long, and none more favourable to a short.
        const ok = long ? here && (f.price.eq(m.tick) || !oneWorse) : here ? !oneWorse : f.price.eq(m.tick);
        if (ok) return;
        const v = (x: Fixed) => `${s(eAt(x))} − ${s(before.equity)}·${s(after.maintenance)}/${s(mm)}`;
        const why = here ? `one tick ${long ? 'lower' : 'higher'}, at ${s(worse)}, V = ${v(worse)} is still ≥ 0` : `V = ${v(f.price)} < 0 there: the insurance fund would pay`;
        out.push(`${where}, which is not its bankruptcy price: ${why}`);
      });
    }
    return out;
  },
};
