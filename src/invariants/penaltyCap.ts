import { floorTo, fmax, FZERO } from '../model/fixed.ts';
import { exactOf, healthOf, ledger, replayFills, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-010 — a penalty never exceeds what is left above bankruptcy.
 *
 * @see docs/spec.md#73-penalty-cap
 */
export const penaltyCap: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-010',
  title: 'penalty ≤ equity left above bankruptcy',
  statement: 'Each fill’s penalty is ≥ 0 and ≤ max(0, equity after the fill’s PnL is realized), so a penalty is never taken out of negative equity nor pushes equity below zero.',
  domain: 'All scenarios. Historical counter-cases: Perennial fee debits from a zero balance; Drift before its IF-fee cap (I9).',
  spec: '#73-penalty-cap',
  policy: 'any',
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
