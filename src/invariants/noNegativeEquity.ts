import { FZERO } from '../model/fixed.ts';
import { exactOf, holdsAssets, ledger, s } from './ledger.ts';
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
  domain: 'Policies that settle bad debt by insurance then socialized loss (§7.4), whatever their close size. With params.assets (§13.3, §13.6): a flat cross group that still holds an asset may keep C < 0 (borrowed quote), the cross deficit includes the sales’ proceeds, and bad debt is only the deficit of a flat group with no asset left. Counter-cases in real engines: dust collateral that blocks bad-debt realization (Aave 3.3, Euler below 1e6) — I8.',
  spec: '#74-bankruptcy',
  presumes: ['insurance-then-socialized'],
  check: (c) => {
    const out: string[] = [];
    let deficit = FZERO;
    for (const g of ledger(c)) {
      // §13.3: a flat cross group that still holds an asset keeps a negative balance (borrowed quote).
      const borrowed = holdsAssets(g.after);
      if (g.after.positions.length === 0 && g.after.collateral.lt(FZERO) && !borrowed) {
        out.push(`group ${g.id} is flat with negative collateral ${s(g.after.collateral)}`);
      }
      // With assets (§13.3) a liquidated cross group may go bankrupt without a fill (a token-only account).
      const acted = g.before.v === undefined ? g.fills.length > 0 : g.liquidatable;
      if (acted && g.after.positions.length === 0 && g.impliedCollateral.lt(FZERO) && !borrowed) {
        deficit = deficit.add(g.impliedCollateral.neg());
      }
    }
    const o = exactOf(c).output;
    if (!o.badDebt.eq(deficit)) out.push(`reported bad debt ${s(o.badDebt)} but the fills imply a deficit of ${s(deficit)}`);
    if (!o.badDebt.eq(o.insurancePayout.add(o.socializedLoss))) {
      out.push(`bad debt ${s(o.badDebt)} ≠ insurance payout ${s(o.insurancePayout)} + socialized loss ${s(o.socializedLoss)}`);
    }
    const cross = ledger(c).find((g) => g.id === 'cross');
    if (o.account.positions.every((p) => p.isolatedMargin !== null) && o.account.collateral.lt(FZERO) && !(cross !== undefined && holdsAssets(cross.after))) {
      out.push(`no cross position is open but the collateral is negative: ${s(o.account.collateral)}`);
    }
    return out;
  },
};
