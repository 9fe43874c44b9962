import { meetsTarget } from '../model/fixedCore.ts';
import { afterFills, healthOf, ledger, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-003 — a liquidation that leaves positions open restores the target.
 *
 * @remarks The cross collateral after is taken net of isolated margins returned to the pool, which
 * the spec credits only after every group is processed.
 * @see docs/spec.md#44-target-hysteresis
 */
export const postLiquidationSafety: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-003',
  title: 'post-liquidation safety',
  statement: 'After liquidation, each liquidated group either has no position left or meets the buffered target (E′ ≥ T′ strict, E′ > T′ inclusive), so it is not liquidatable at unchanged prices.',
  domain: 'Policies that promise restorative (§10.7): minimal, step-down and full close at mark price. Not for close sizes that stop short of the target by design — fixed-portion (dYdX portion caps, Hyperliquid 20 %), requested (Aave close factor) — nor a book that runs dry; nor rate-limited designs (Maker bark, Drift time-throttling) — see I5/I7. With params.assets (§13.6): the cross group is judged as its fills left it, before the collateral step’s sales (LIQ-032 bounds those).',
  spec: '#44-target-hysteresis',
  presumes: ['restorative'],
  check: (c) => {
    const { trigger } = c.input.params;
    const out: string[] = [];
    for (const g of ledger(c)) {
      if (!g.liquidatable || g.after.positions.length === 0) continue;
      // §13.6: the close's promise, judged before the collateral step's sales (LIQ-032 bounds those).
      const h = healthOf(c, afterFills(g));
      if (!meetsTarget(trigger, h.equity, h.target)) {
        out.push(
          `group ${g.id} keeps ${g.after.positions.length} position(s) open with equity ${s(h.equity)} ${trigger === 'strict' ? 'below' : 'not above'} target ${s(h.target)} (maintenance ${s(h.maintenance)})`,
        );
      }
    }
    return out;
  },
};
