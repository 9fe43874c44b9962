import { FZERO, type Fixed } from '../model/fixed.ts';
import type { AmountPosition } from '../model/amountResult.ts';
import { exactOf, signedClose, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-007 — trader, liquidator, insurance fund and socialized counterparties exchange value
 * without creating or destroying any, exactly.
 *
 * @see docs/spec.md#9-value-conservation
 */
export const valueConservation: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-007',
  title: 'value conservation',
  statement: 'At mark prices, Δtrader + Δliquidator + Δinsurance − socializedLoss = 0 exactly, and every penalty splits exactly into liquidator and insurance fees.',
  domain: 'All scenarios. Counter-cases in real engines: 1-wei rounding residues kept by no one (Aave scaled balances), the Drift IF keeping 1 unit (I11).',
  spec: '#9-value-conservation',
  presumes: [],
  check: (c) => {
    const x = exactOf(c);
    const { marks } = x.v;
    const o = x.output;
    const out: string[] = [];
    // Unrealized PnL q·(P − e) at mark; a reported position in a market without one cannot be valued.
    const markOf = (market: string): Fixed => {
      const p = marks.get(market);
      if (p === undefined) throw new Error(`no mark for ${market}`);
      return p;
    };
    const value = (collateral: Fixed, positions: readonly AmountPosition<Fixed>[]): Fixed =>
      positions.reduce((acc, p) => acc.add(p.isolatedMargin ?? FZERO).add(p.size.mul(markOf(p.market).sub(p.entry))), collateral);
    const trader = value(o.account.collateral, o.account.positions).sub(value(x.collateral, x.positions));
    let liquidator = FZERO;
    o.fills.forEach((f, i) => {
      if (!f.penalty.eq(f.liquidatorFee.add(f.insuranceFee))) {
        out.push(`fill ${i} (${f.market}): penalty ${s(f.penalty)} ≠ liquidator fee ${s(f.liquidatorFee)} + insurance fee ${s(f.insuranceFee)}`);
      }
      const mark = marks.get(f.market);
      if (mark !== undefined) liquidator = liquidator.add(signedClose(f).mul(mark.sub(f.price))).add(f.liquidatorFee);
    });
    const insurance = o.insuranceFund.sub(x.insuranceFund);
    const total = trader.add(liquidator).add(insurance).sub(o.socializedLoss);
    if (!total.isZero()) {
      out.push(
        `value changes do not sum to zero: trader ${s(trader)} + liquidator ${s(liquidator)} + insurance ${s(insurance)} − socialized ${s(o.socializedLoss)} = ${s(total)}`,
      );
    }
    return out;
  },
};
