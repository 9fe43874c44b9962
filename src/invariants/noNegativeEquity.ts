import { FZERO } from '../model/fixed.ts';
import { exactOf, ledger, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-005 — no flat group keeps negative collateral, and bad debt is exactly the deficit.
 *
 * @remarks Narrowed with spec §10 (issue 11): it used to demand equity ≥ 0 of every group, which
 * presumes a restorative close size; a correct fixed-portion or requested engine leaves an
 * underwater position open for the next call. For a restorative policy that claim is implied by
 * LIQ-003 (a group left open meets the target, E′ ≥ T′ ≥ 0). Cash collateral may be negative while
 * open positions carry enough unrealized profit (that is unsettled PnL, not debt).
 * @see docs/spec.md#74-bankruptcy
 */
export const noNegativeEquity: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-005',
  title: 'no negative collateral, bad debt accounted',
  statement: 'After liquidation every flat group has collateral ≥ 0; the reported bad debt equals the sum of the deficits the fills imply for the groups left flat, and badDebt = insurancePayout + socializedLoss. (Before spec §10 it also required equity ≥ 0 of every group left open; that part now belongs to LIQ-003, which implies it for restorative policies.)',
  domain: 'Policies that settle bad debt by insurance then socialized loss (§7.4), whatever their close size. Counter-cases in real engines: dust collateral that blocks bad-debt realization (Aave 3.3, Euler below 1e6) — I8.',
  spec: '#74-bankruptcy',
  presumes: ['insurance-then-socialized'],
  check: (c) => {
    const out: string[] = [];
    let deficit = FZERO;
    for (const g of ledger(c)) {
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
