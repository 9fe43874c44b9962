import { FZERO } from '../model/fixed.ts';
import { exactOf, healthOf, ledger, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-005 — no group is left with negative equity, and bad debt is exactly the deficit.
 *
 * @remarks Cash collateral may be negative while open positions carry enough unrealized profit
 * (that is unsettled PnL, not debt); equity may not.
 * @see docs/spec.md#74-bankruptcy
 */
export const noNegativeEquity: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-005',
  title: 'no negative collateral, bad debt accounted',
  statement: 'After liquidation every group has equity ≥ 0 and a flat group has collateral ≥ 0; the reported bad debt equals the sum of the deficits the fills imply, and badDebt = insurancePayout + socializedLoss.',
  domain: 'All scenarios. Counter-cases in real engines: dust collateral that blocks bad-debt realization (Aave 3.3, Euler below 1e6) — I8.',
  spec: '#74-bankruptcy',
  policy: 'any',
  check: (c) => {
    const out: string[] = [];
    let deficit = FZERO;
    for (const g of ledger(c)) {
      const h = healthOf(c, g.after);
      if (h.equity.lt(FZERO)) out.push(`group ${g.id} ends with negative equity ${s(h.equity)}`);
      if (g.after.positions.length === 0 && g.after.collateral.lt(FZERO)) {
        out.push(`group ${g.id} is flat with negative collateral ${s(g.after.collateral)}`);
      }
      if (g.fills.length > 0 && g.after.positions.length === 0 && g.impliedCollateral.lt(FZERO)) {
        deficit = deficit.add(g.impliedCollateral.neg());
      }
    }
    const o = exactOf(c).output;
    if (!o.badDebt.eq(deficit)) out.push(`reported bad debt ${s(o.badDebt)} but the fills imply a deficit of ${s(deficit)}`);
    if (!o.badDebt.eq(o.insurancePayout.add(o.socializedLoss))) {
      out.push(`bad debt ${s(o.badDebt)} ≠ insurance payout ${s(o.insurancePayout)} + socialized loss ${s(o.socializedLoss)}`);
    }
    if (o.account.positions.every((p) => p.isolatedMargin !== null) && o.account.collateral.lt(FZERO)) {
      out.push(`no cross position is open but the collateral is negative: ${s(o.account.collateral)}`);
    }
    return out;
  },
};
