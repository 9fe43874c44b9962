import { floorTo, fmax, FZERO } from '../model/fixed.ts';
import { exactOf, healthOf, ledger, replayFills, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-010 — a penalty never exceeds what is left above bankruptcy.
 *
 * @remarks It presumes `penalty-capped` (spec §10.7): the cap of §7.3 belongs to the penalty part,
 * and only reads the fill's own numbers, so it holds whatever the rate, close size or price.
 * @see docs/spec.md#73-penalty-cap
 */
export const penaltyCap: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-010',
  title: 'penalty ≤ equity left above bankruptcy',
  statement: 'Each fill’s penalty is ≥ 0 and ≤ max(0, equity after the fill’s PnL is realized), so a penalty is never taken out of negative equity nor pushes equity below zero.',
  domain: 'Engines whose penalty part caps the penalty by the equity left (`penalty-capped`: both penalty parts of §10.5, "steps" and "linear"), at any close size and price. A per-fill bankruptcy cap (`cap: "bankruptcy"`, §10.5: dYdX caps by the fill’s value above bankruptcy, never looser than this one) still passes; LIQ-028 judges it. Historical counter-cases: Perennial fee debits from a zero balance; Drift before its IF-fee cap (I9).',
  spec: '#73-penalty-cap',
  presumes: ['penalty-capped'],
  check: (c) => {
    const { unit } = exactOf(c).v.params;
    const out: string[] = [];
    for (const g of ledger(c)) {
      replayFills(c, g, (f, i, realized) => {
        const equity = healthOf(c, realized).equity;
        const room = fmax(FZERO, floorTo(equity, unit));
        if (f.penalty.lt(FZERO)) out.push(`group ${g.id} fill ${i} (${f.market}): negative penalty ${s(f.penalty)}`);
        if (f.penalty.gt(room)) {
          out.push(`group ${g.id} fill ${i} (${f.market}): penalty ${s(f.penalty)} exceeds the equity left, ${s(equity)} (cap ${s(room)})`);
        }
      });
    }
    return out;
  },
};
