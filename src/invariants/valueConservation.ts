import { Fixed, FZERO, toCanonical } from '../model/fixed.ts';
import type { AmountPosition } from '../model/amountResult.ts';
import { exactPnlOf, ratioAdd, ratioLt, ratioOf, ratioSign, ratioSub, type Ratio } from '../model/contract.ts';
import { contractOf, hasInverse } from './contractOf.ts';
import { exactOf, signedClose, s } from './ledger.ts';
import type { ExactCase } from './exactCase.ts';
import type { Case, OutputInvariant } from './invariant.ts';
import { assetsOf, balanceOf } from './assetsOf.ts';

/**
 * LIQ-007 — trader, liquidator, insurance fund and socialized counterparties exchange value
 * without creating or destroying any, exactly.
 *
 * @remarks On inverse markets (spec §12.6) the values are exact rationals — a position is worth
 * `q·v·(1/e − 1/P)` to its holder, the liquidator values what it takes at `x` as
 * `q_c·v·(1/x − 1/P)` — and the sum is `−Σ ε_f`: each fill's realized PnL is floored to the coin's
 * unit (§12.3), so value may be destroyed by less than one unit per fill, never created.
 * @see docs/spec.md#9-value-conservation
 * @see docs/spec.md#126-value-conservation
 * @see docs/spec.md#135-value-conservation
 */
export const valueConservation: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-007',
  title: 'value conservation',
  statement:
    'At mark prices, Δtrader + Δliquidator + Δinsurance − socializedLoss = 0 exactly, and every penalty splits exactly into liquidator and insurance fees. On inverse markets the values are exact coin values (q·v·(1/e − 1/P), the liquidator’s q_c·v·(1/x − 1/P)) and the sum is in (−n·u, 0] for n fills (0 without fills): never created, destroyed only by the floor of each realized PnL.',
  domain:
    'All scenarios; with params.assets (§13.5) the trader’s value adds Σ a·p (unweighted) and each sale gives the liquidator s·p − R. Counter-cases in real engines: 1-wei rounding residues kept by no one (Aave scaled balances), the Drift IF keeping 1 unit (I11). Inverse markets (§12.6): exact only up to the per-fill floor of the realized PnL, below one unit u per fill.',
  spec: '#9-value-conservation',
  presumes: [],
  check: (c) => {
    const x = exactOf(c);
    const o = x.output;
    const out: string[] = [];
    o.fills.forEach((f, i) => {
      if (!f.penalty.eq(f.liquidatorFee.add(f.insuranceFee))) {
        out.push(`fill ${i} (${f.market}): penalty ${s(f.penalty)} ≠ liquidator fee ${s(f.liquidatorFee)} + insurance fee ${s(f.insuranceFee)}`);
      }
    });
    if (hasInverse(x.v)) out.push(...inverseBalance(x));
    else out.push(...linearBalance(c, x));
    return out;
  },
};

// A reported position in a market without a mark cannot be valued.
function markOf(x: ExactCase, market: string): Fixed {
  const p = x.v.marks.get(market);
  if (p === undefined) throw new Error(`no mark for ${market}`);
  return p;
}

/** The trader's value: collateral, isolated margins and unrealized PnL `q·(P − e)` at mark. */
function linearValue(x: ExactCase, collateral: Fixed, positions: readonly AmountPosition<Fixed>[]): Fixed {
  return positions.reduce((acc, p) => acc.add(p.isolatedMargin ?? FZERO).add(p.size.mul(markOf(x, p.market).sub(p.entry))), collateral);
}

/** §9: every value exact, the sum exactly zero; with assets, §13.5's terms. */
function linearBalance(c: Case, x: ExactCase): string[] {
  const o = x.output;
  let trader = linearValue(x, o.account.collateral, o.account.positions).sub(linearValue(x, x.collateral, x.positions));
  let liquidator = FZERO;
  for (const f of o.fills) {
    const mark = x.v.marks.get(f.market);
    if (mark !== undefined) liquidator = liquidator.add(signedClose(f).mul(mark.sub(f.price))).add(f.liquidatorFee);
  }
  // §13.5: the assets at their prices, unweighted; a sale gives the liquidator s·p for R.
  const ac = assetsOf(c);
  if (ac !== null) {
    const worth = (balances: ReadonlyMap<string, Fixed>): Fixed => ac.assets.reduce((acc, a) => acc.add(balanceOf(balances, a.id).mul(a.price ?? FZERO)), FZERO);
    trader = trader.add(worth(ac.after)).sub(worth(ac.before));
    for (const sale of ac.sales) liquidator = liquidator.add(sale.amount.mul(ac.byId.get(sale.asset)?.price ?? FZERO)).sub(sale.proceeds);
  }
  const insurance = o.insuranceFund.sub(x.insuranceFund);
  const total = trader.add(liquidator).add(insurance).sub(o.socializedLoss);
  if (total.isZero()) return [];
  return [`value changes do not sum to zero: trader ${s(trader)} + liquidator ${s(liquidator)} + insurance ${s(insurance)} − socialized ${s(o.socializedLoss)} = ${s(total)}`];
}

/** §12.6: every value an exact rational, the sum in (−n·u, 0]. */
function inverseBalance(x: ExactCase): string[] {
  const o = x.output;
  const value = (collateral: Fixed, positions: readonly AmountPosition<Fixed>[]): Ratio =>
    positions.reduce<Ratio>((acc, p) => ratioAdd(ratioAdd(acc, ratioOf(p.isolatedMargin ?? FZERO)), exactPnlOf(contractOf(x.v, p.market), p.size, p.entry, markOf(x, p.market))), ratioOf(collateral));
  const trader = ratioSub(value(o.account.collateral, o.account.positions), value(x.collateral, x.positions));
  // The liquidator holds q_c entered at x, valued at the mark: exactPnl(q_c, x → P).
  let liquidator = ratioOf(FZERO);
  for (const f of o.fills) {
    const mark = x.v.marks.get(f.market);
    if (mark !== undefined && f.price.sign() > 0) liquidator = ratioAdd(ratioAdd(liquidator, exactPnlOf(contractOf(x.v, f.market), signedClose(f), f.price, mark)), ratioOf(f.liquidatorFee));
  }
  const insurance = ratioOf(o.insuranceFund.sub(x.insuranceFund));
  const total = ratioSub(ratioAdd(ratioAdd(trader, liquidator), insurance), ratioOf(o.socializedLoss));
  const n = o.fills.length;
  const least: Ratio = ratioOf(x.v.params.unit.mul(new Fixed(BigInt(n), 0)).neg());
  const created = ratioSign(total) > 0;
  const destroyed = n === 0 ? ratioSign(total) < 0 : !ratioLt(least, total);
  if (!created && !destroyed) return [];
  const parts = `trader ${r(trader)} + liquidator ${r(liquidator)} + insurance ${r(insurance)} − socialized ${s(o.socializedLoss)} = ${r(total)}`;
  return created
    ? [`value is created: on inverse markets the exact value changes must sum to at most 0 (only each fill's floored PnL may lose a fraction of a unit), but ${parts}`]
    : [`value is destroyed beyond the floors of the realized PnL: the exact value changes must sum to more than −${n}·${s(x.v.params.unit)} for ${n} fill(s), but ${parts}`];
}

/** A ratio written as a decimal: exact when it is one within 18 digits, else truncated and marked `≈`. */
function r(x: Ratio): string {
  const scaled = x.n * 10n ** 18n;
  const q = scaled / x.d;
  return `${q * x.d === scaled ? '' : '≈'}${toCanonical(new Fixed(q, 18))}`;
}
