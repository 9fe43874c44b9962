import { floorDiv, FZERO } from '../model/fixed.ts';
import { exactOf, healthOf, ledger, replayFills, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-028 — a bankruptcy-capped fee never takes the equity of the positions left open.
 *
 * @remarks Judged from the engine's own fills, replayed by ledger.ts, and without a division:
 * with `E`, `MM` the group's equity and requirement before a fill and `E⁻`, `MM′` after its PnL
 * (before its penalty), a penalty `p > 0` must satisfy `(E⁻ − p)·MM ≥ E·MM′` — the fill's value
 * above bankruptcy is `V = E⁻ − E·MM′/MM`, and a penalty on the quote grid (LIQ-009) is
 * `≤ ⌊V⌋_u` iff it is `≤ V`. That is the same as saying the fee leaves the group's margin ratio
 * no lower than before it (`(E⁻ − p)/MM′ ≥ E/MM`), and, on the fill that closes the group's last
 * position (`MM′ = 0`), that it leaves no bad debt.
 * @see docs/spec.md#105-penalty
 */
export const feeBoundedByBankruptcy: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-028',
  title: 'fee bounded by the fill’s value above bankruptcy',
  statement:
    'Each fill charged a penalty p > 0 leaves the rest of the group at least its share of the equity: (E⁻ − p)·MM ≥ E·MM′, i.e. p ≤ E⁻ − E·MM′/MM, the fill’s value above bankruptcy (E, MM before the fill; E⁻, MM′ after its PnL). So a fee never creates bad debt it could have covered: the fill that closes a bankrupt group’s last position is charged nothing, and no fill’s fee uses equity that backs positions still open.',
  domain:
    'Engines whose penalty part caps each fill by its own value above bankruptcy (`fee-bounded-by-bankruptcy`: a penalty part with `cap: "bankruptcy"`, dYdX v4’s liquidation fee), at any close size and price. Not §7.3’s whole-group cap (the default), which may charge a partial close out of the equity of the positions left open. A requirement of 0 before a fill is outside (no share to keep).',
  spec: '#105-penalty',
  presumes: ['fee-bounded-by-bankruptcy'],
  check: (c) => {
    const { unit } = exactOf(c).v.params;
    const out: string[] = [];
    for (const g of ledger(c)) {
      const bankrupt = g.after.positions.length === 0 && g.impliedCollateral.lt(FZERO);
      replayFills(c, g, (f, i, realized, prior) => {
        if (f.penalty.sign() <= 0) return;
        const before = healthOf(c, prior);
        const after = healthOf(c, realized);
        const mm = before.maintenance;
        if (mm.sign() <= 0) return;
        const left = after.equity.sub(f.penalty).mul(mm);
        const share = before.equity.mul(after.maintenance);
        if (!left.lt(share)) return;
        // For the message only: the cap ⌊V⌋_u the penalty should not have exceeded.
        const cap = floorDiv(after.equity.mul(mm).sub(share), mm.mul(unit)).mul(unit);
        const where = `group ${g.id} fill ${i} (${f.market})`;
        const debt = bankrupt ? `; the group ends with bad debt ${s(g.impliedCollateral.neg())} the fee could have covered` : '';
        out.push(
          `${where}: penalty ${s(f.penalty)} exceeds the fill’s value above bankruptcy E⁻ − E·MM′/MM = ${s(after.equity)} − ${s(before.equity)}·${s(after.maintenance)}/${s(mm)} (cap ${s(cap)})${debt}`,
        );
      });
    }
    return out;
  },
};
