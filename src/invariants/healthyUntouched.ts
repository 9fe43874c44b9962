import { exactOf, ledger, s } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';

/**
 * LIQ-001 — healthy groups are untouched.
 *
 * @remarks Domain: every scenario. The trigger predicate is the params' own (`strict`: `E < MM`,
 * `inclusive`: `E ≤ MM`), so an account exactly at `E = MM` is healthy under `strict`.
 * @see docs/spec.md#43-trigger
 */
export const healthyUntouched: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-001',
  title: 'healthy groups untouched',
  statement: 'A margin group that does not meet the trigger has no fills and keeps its positions and margin; an account with no liquidatable group is returned unchanged with status healthy.',
  domain: 'All scenarios. Counter-case in real engines: Aave-style strict HF < 1 vs Euler-style CAV ≤ LV — the trigger boundary is a parameter here.',
  spec: '#43-trigger',
  presumes: [],
  check: (c) => {
    const out: string[] = [];
    const groups = ledger(c);
    for (const g of groups) {
      if (g.liquidatable) continue;
      const h = g.healthBefore;
      const why = `equity ${s(h.equity)} vs maintenance ${s(h.maintenance)} (${c.input.params.trigger} trigger)`;
      if (g.fills.length > 0) out.push(`group ${g.id} is healthy (${why}) but has ${g.fills.length} fill(s)`);
      for (const p of g.before.positions) {
        const a = g.after.positions.find((q) => q.market === p.market);
        if (a === undefined || !a.size.eq(p.size)) {
          out.push(`group ${g.id} is healthy (${why}) but position ${p.market} went from ${s(p.size)} to ${a ? s(a.size) : 'closed'}`);
        }
      }
      if (g.id !== 'cross' && !g.after.collateral.eq(g.before.collateral)) {
        out.push(`isolated group ${g.id} is healthy (${why}) but its margin went from ${s(g.before.collateral)} to ${s(g.after.collateral)}`);
      }
    }
    if (groups.every((g) => !g.liquidatable)) {
      const x = exactOf(c);
      const o = x.output;
      if (o.status !== 'healthy') out.push(`no group is liquidatable but status is ${o.status}`);
      if (!o.account.collateral.eq(x.collateral)) out.push(`no group is liquidatable but collateral went from ${s(x.collateral)} to ${s(o.account.collateral)}`);
      if (!o.insuranceFund.eq(x.insuranceFund)) out.push(`no group is liquidatable but the insurance fund went from ${s(x.insuranceFund)} to ${s(o.insuranceFund)}`);
    }
    return out;
  },
};
