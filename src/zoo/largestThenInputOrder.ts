/**
 * Zoo engine "largest, then input order": the largest position of a group is reduced first, as
 * the spec says, but the engine then goes on through the remaining positions in the order the
 * account lists them instead of by descending notional (spec §6.2).
 *
 * Bug class: "find the max, then iterate the rest" — a selection step written for the first
 * position only. With two positions the remaining one is the only one left, so the bug needs an
 * account with three positions or more whose largest is closed in full.
 *
 * Violates LIQ-004 (the order by notional) and LIQ-014 (position order irrelevant).
 */
import { closeFill } from '../model/closeFill.ts';
import { notionalOf, type Valuation } from '../model/groupHealth.ts';
import type { MarginGroup } from '../model/marginGroup.ts';
import { minimalClose } from '../model/minimalClose.ts';
import type { Engine } from '../model/types.ts';
import { withScenarioRules } from './support.ts';

function largest(v: Valuation, g: MarginGroup): string {
  const order = [...g.positions].sort((a, b) => notionalOf(v, b).cmp(notionalOf(v, a)) || (a.market < b.market ? -1 : a.market > b.market ? 1 : 0));
  return order[0]!.market;
}

export const largestThenInputOrder: Engine = withScenarioRules(() => {
  // Groups that had a fill already (rules are built afresh for every scenario).
  const started = new Set<string>();
  const next = (v: Valuation, g: MarginGroup): string => (started.has(g.id) ? g.positions[0]!.market : largest(v, g));
  return {
    minimalClose: (v, g, _market, rate) => {
      const market = next(v, g);
      const m = minimalClose(v, g, market, rate);
      return m.kind === 'none' ? { kind: 'partial', size: g.positions.find((p) => p.market === market)!.size.abs() } : m;
    },
    closeFill: (v, g, _market, size, rate) => {
      const out = closeFill(v, g, next(v, g), size, rate);
      started.add(g.id);
      return out;
    },
  };
});
