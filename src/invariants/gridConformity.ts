import { pow10, type Fixed } from '../model/fixed.ts';
import { executionPrice } from '../model/fixedCore.ts';
import { exactOf, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/** True when `x` is an integer multiple of `step > 0`: at a common scale, the mantissas divide. */
function isMultipleOf(x: Fixed, step: Fixed): boolean {
  const d = x.s - step.s;
  return d >= 0 ? x.m % (step.m * pow10(d)) === 0n : (x.m * pow10(-d)) % step.m === 0n;
}

/**
 * LIQ-009 — sizes, prices and amounts sit on their grids, and no dust is left.
 *
 * @see docs/spec.md#13-rounding
 * @see docs/spec.md#64-dust
 */
export const gridConformity: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-009',
  title: 'lot, tick, quote-unit and dust conformity',
  statement: 'Fill and remaining sizes are lot multiples; fills execute at the mark conceded by the price impact and rounded to the tick against the trader; every quote amount except the insurance fund balance (which holds sub-unit rounding residues) is a multiple of the quote unit; a reduced position is left at or above the dust notional.',
  domain: 'All scenarios. Counter-cases in real engines: Aave v4 leaves dust on one side when the other is exhausted (I13).',
  spec: '#13-rounding',
  policy: 'any',
  check: (c) => {
    const { v, output: o } = exactOf(c);
    const { params, marks } = v;
    const out: string[] = [];
    const onUnit = (what: string, x: Fixed) => {
      if (!isMultipleOf(x, params.unit)) out.push(`${what} ${s(x)} is not a multiple of the quote unit ${s(params.unit)}`);
    };
    o.fills.forEach((f, i) => {
      const m = params.markets.get(f.market);
      const mark = marks.get(f.market);
      if (m === undefined || mark === undefined) return;
      if (!isMultipleOf(f.size, m.lot)) out.push(`fill ${i} (${f.market}) size ${s(f.size)} is not a multiple of the lot ${s(m.lot)}`);
      const price = executionPrice(mark, f.side === 'sell', params.priceImpact, m.tick);
      if (!f.price.eq(price)) out.push(`fill ${i} (${f.market}) executes at ${s(f.price)}, but mark ${s(mark)} with impact ${s(params.priceImpact)} gives ${s(price)}`);
      for (const k of ['penalty', 'liquidatorFee', 'insuranceFee', 'realizedPnl'] as const) onUnit(`fill ${i} (${f.market}) ${k}`, f[k]);
    });
    onUnit('collateral', o.account.collateral);
    onUnit('insurance payout', o.insurancePayout);
    onUnit('bad debt', o.badDebt);
    onUnit('socialized loss', o.socializedLoss);
    const touched = new Set(o.fills.map((f) => f.market));
    for (const p of o.account.positions) {
      const m = params.markets.get(p.market);
      const mark = marks.get(p.market);
      if (m === undefined || mark === undefined) continue;
      if (p.isolatedMargin !== null) onUnit(`${p.market} isolated margin`, p.isolatedMargin);
      if (!isMultipleOf(p.size, m.lot)) out.push(`${p.market} is left at ${s(p.size)}, not a multiple of the lot ${s(m.lot)}`);
      const notional = p.size.abs().mul(mark);
      if (touched.has(p.market) && notional.lt(params.dustNotional)) {
        out.push(`${p.market} is reduced to notional ${s(notional)}, below the dust threshold ${s(params.dustNotional)}`);
      }
    }
    return out;
  },
};
