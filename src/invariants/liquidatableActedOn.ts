import { exactOf, ledger, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-002 — every group that meets the trigger is liquidated.
 *
 * @see docs/spec.md#43-trigger
 */
export const liquidatableActedOn: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-002',
  title: 'liquidatable groups acted on',
  statement: 'A margin group that meets the trigger gets at least one fill (a cross group with assets and no position, §13.3, has none to get), and the account status is not healthy.',
  domain: 'Policies that promise acts (§10.7): minimal, fixed-portion, step-down and full close. Not the requested close size, where the liquidator may request nothing (Aave, Drift: a liquidation is a liquidator’s transaction). Counter-cases in real engines: time-throttled or per-block caps (Drift pct, dYdX block limits) may defer a liquidation; not modelled here.',
  spec: '#43-trigger',
  presumes: ['acts'],
  check: (c) => {
    const out: string[] = [];
    for (const g of ledger(c)) {
      if (!g.liquidatable) continue;
      const h = g.healthBefore;
      // §13.3: a token-only cross group (assets, no position) has nothing to fill; its sales are LIQ-032's.
      if (g.fills.length === 0 && g.before.positions.length > 0) {
        out.push(`group ${g.id} meets the ${c.input.params.trigger} trigger (equity ${s(h.equity)}, maintenance ${s(h.maintenance)}) but has no fill`);
      }
    }
    if (out.length === 0 && ledger(c).some((g) => g.liquidatable) && exactOf(c).output.status === 'healthy') {
      out.push('a group is liquidatable but the reported status is healthy');
    }
    return out;
  },
};
