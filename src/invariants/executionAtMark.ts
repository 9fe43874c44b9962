import { executionPrice } from '../model/fixedCore.ts';
import type { OutputInvariant } from './invariant.ts';
import { exactOf, s } from './ledger.ts';
import { takenOverMarkets } from './backstopTakeover.ts';

/**
 * LIQ-024 — every fill executes at the price of spec §7.1: the mark conceded by the price impact,
 * rounded to the tick against the trader. The price clause of LIQ-009 before policies (issue 11),
 * moved here because it presumes the `mark` price part; LIQ-009 keeps the grids.
 *
 * @see docs/spec.md#71-execution-price
 */
export const executionAtMark: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-024',
  title: 'execution at mark',
  statement: 'Every fill executes at the mark conceded by the price impact and rounded to the tick against the trader: a sell (closing a long) at ⌊P·(1−σ)⌋_tick, a buy at ⌈P·(1+σ)⌉_tick, at P when σ = 0; a group taken over by a backstop (§10.8) at P itself.',
  domain: 'Engines whose policy fills at mark (spec §7.1). Counter-cases in real engines: order-book fills (dYdX v4, Hyperliquid), the bankruptcy price (Binance, Bybit takeover), dYdX\'s fillable price that depends on distress.',
  spec: '#71-execution-price',
  presumes: ['mark-price'],
  check: (c) => {
    const { v, output: o } = exactOf(c);
    const { params, marks } = v;
    const out: string[] = [];
    // §10.8: a backstop takes a group over at the mark itself, with no price impact.
    const takenOver = takenOverMarkets(c);
    o.fills.forEach((f, i) => {
      const m = params.markets.get(f.market);
      const mark = marks.get(f.market);
      if (m === undefined || mark === undefined) return;
      if (takenOver.has(f.market)) {
        if (!f.price.eq(mark)) out.push(`fill ${i} (${f.market}) executes at ${s(f.price)}, but a backstop takes over at the mark ${s(mark)}`);
        return;
      }
      const price = executionPrice(mark, f.side === 'sell', params.priceImpact, m.tick);
      if (!f.price.eq(price)) out.push(`fill ${i} (${f.market}) executes at ${s(f.price)}, but mark ${s(mark)} with impact ${s(params.priceImpact)} gives ${s(price)}`);
    });
    return out;
  },
};
