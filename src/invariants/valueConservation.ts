import { ZERO, type Dec } from '../model/decimal.ts';
import { unrealizedPnl } from '../model/groupHealth.ts';
import type { Position } from '../model/types.ts';
import { s, signedClose, valuation } from './ledger.ts';
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
  policy: 'any',
  check: (c) => {
    const v = valuation(c);
    const out: string[] = [];
    const value = (collateral: Dec, positions: readonly Position[]): Dec =>
      positions.reduce((acc, p) => acc.add(p.isolatedMargin ?? ZERO).add(unrealizedPnl(v, p)), collateral);
    const trader = value(c.output.account.collateral, c.output.account.positions).sub(value(c.input.collateral, c.input.positions));
    let liquidator = ZERO;
    c.output.fills.forEach((f, i) => {
      if (!f.penalty.eq(f.liquidatorFee.add(f.insuranceFee))) {
        out.push(`fill ${i} (${f.market}): penalty ${s(f.penalty)} ≠ liquidator fee ${s(f.liquidatorFee)} + insurance fee ${s(f.insuranceFee)}`);
      }
      const mark = c.input.marks.get(f.market);
      if (mark !== undefined) liquidator = liquidator.add(signedClose(f).mul(mark.sub(f.price))).add(f.liquidatorFee);
    });
    const insurance = c.output.insuranceFund.sub(c.input.insuranceFund);
    const total = trader.add(liquidator).add(insurance).sub(c.output.socializedLoss);
    if (!total.isZero()) {
      out.push(
        `value changes do not sum to zero: trader ${s(trader)} + liquidator ${s(liquidator)} + insurance ${s(insurance)} − socialized ${s(c.output.socializedLoss)} = ${s(total)}`,
      );
    }
    return out;
  },
};
