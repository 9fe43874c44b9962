import { valueOf } from '../model/contract.ts';
import { contractOf } from './contractOf.ts';
import { ceilTo, fmax, fmin, FZERO } from '../model/fixed.ts';
import { markOf } from '../model/fixedCore.ts';
import { isBackstopped } from '../policy/trigger/isBackstopped.ts';
import type { Case, OutputInvariant } from './invariant.ts';
import { exactOf, ledger, s, type GroupLedger } from './ledger.ts';

/** Whether the scenario's backstop (spec §10.8) takes group `g` over: liquidatable, and below the threshold. */
export function takenOver(c: Case, g: GroupLedger): boolean {
  const x = exactOf(c);
  // §13.3: a cross group with assets and no position has nothing to take over.
  return g.liquidatable && g.before.positions.length > 0 && isBackstopped(x.policy.trigger, x.v.params.trigger, g.healthBefore);
}

/** The markets of the groups the scenario's backstop takes over (empty without a backstop). */
export function takenOverMarkets(c: Case): ReadonlySet<string> {
  const out = new Set<string>();
  if (exactOf(c).policy.trigger.kind !== 'backstop') return out;
  for (const g of ledger(c)) if (takenOver(c, g)) for (const p of g.before.positions) out.add(p.market);
  return out;
}

/**
 * LIQ-027 — below the backstop threshold a group is taken over whole at mark and left with
 * nothing; above it the backstop does not act.
 *
 * @remarks Judged from the engine's own fills against the scenario's policy (its `trigger`), with
 * the threshold compared exactly as `d·E < n·MM` (`≤` under the inclusive trigger). Below it: no
 * position of the group is left, every fill is at the mark itself, and the penalties sum to
 * `max(0, C + Σ R)`, so the group keeps 0 or a deficit. Above it (liquidatable, not taken over):
 * no fill is charged more than the penalty part's `⌈f · N_c⌉_u` — a takeover of the remaining
 * equity would be.
 * @see docs/spec.md#108-trigger-and-backstop
 */
export const backstopTakeover: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-027',
  title: 'backstop takes over below its threshold only',
  statement:
    'Under a backstop trigger n/d, a liquidatable group with d·E < n·MM (≤ under the inclusive trigger) has every position closed at its mark and is charged max(0, C + Σ realizedPnl) in total, so it keeps zero collateral (or a deficit settled as bad debt); a liquidatable group above the threshold is charged no fill more than ⌈f·N_c⌉_u of its penalty part.',
  domain:
    'Scenarios under a policy whose trigger part is "backstop" (Hyperliquid: 2/3 of maintenance; spec §10.8). The "without successful liquidation through the book" of Hyperliquid is a history a scenario lacks: one call decides on the equity at the call.',
  spec: '#108-trigger-and-backstop',
  presumes: ['backstop'],
  check: (c) => {
    const x = exactOf(c);
    if (x.policy.trigger.kind !== 'backstop') return [];
    const { v } = x;
    const { unit } = v.params;
    const out: string[] = [];
    for (const g of ledger(c)) {
      if (!g.liquidatable) continue;
      if (takenOver(c, g)) {
        if (g.after.positions.length > 0) out.push(`group ${g.id} is below the backstop threshold but keeps ${g.after.positions.map((p) => p.market).join(', ')} open`);
        g.fills.forEach((f, i) => {
          const mark = markOf(v, f.market);
          if (!f.price.eq(mark)) out.push(`group ${g.id} fill ${i} (${f.market}) is taken over at ${s(f.price)}, not at the mark ${s(mark)}`);
        });
        const realized = g.fills.reduce((acc, f) => acc.add(f.realizedPnl), g.before.collateral);
        const charged = g.fills.reduce((acc, f) => acc.add(f.penalty), FZERO);
        const owed = fmax(FZERO, realized);
        if (!charged.eq(owed)) {
          out.push(`group ${g.id} is taken over with collateral ${s(realized)} after its PnL, charged ${s(charged)}: it keeps ${s(realized.sub(charged))}, expected ${s(fmin(FZERO, realized))}`);
        }
        continue;
      }
      const rate = g.rate ?? FZERO;
      g.fills.forEach((f, i) => {
        const most = ceilTo(rate.mul(valueOf(contractOf(v, f.market), f.size, markOf(v, f.market), unit)), unit);
        if (f.penalty.gt(most)) out.push(`group ${g.id} is above the backstop threshold, but fill ${i} (${f.market}) is charged ${s(f.penalty)} > ⌈f·N_c⌉_u = ${s(most)} (rate ${s(rate)})`);
      });
    }
    return out;
  },
};
