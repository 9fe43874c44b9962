import { exactOf, ledger } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-021 — a full-close policy leaves every liquidated group flat.
 *
 * @see docs/spec.md#103-close-size
 */
export const fullOnly: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-021',
  title: 'full close only',
  statement: 'Under the full close size, every group that meets the trigger is left with no position open (status full or bankrupt).',
  domain: 'Engines whose policy closes in full (GMX v2, Compound v3 absorb), at mark price or from a book whose remainder is closed at bankruptcy; a book that leaves the rest open is outside.',
  spec: '#103-close-size',
  presumes: ['full-only'],
  check: (c) => {
    // Judged on the scenario's own close size: a scenario under another one is outside the domain.
    if (exactOf(c).policy.closeSize.kind !== 'full') return [];
    const out: string[] = [];
    for (const g of ledger(c)) {
      if (!g.liquidatable || g.after.positions.length === 0) continue;
      out.push(`group ${g.id} meets the trigger but keeps ${g.after.positions.map((p) => p.market).join(', ')} open`);
    }
    return out;
  },
};
