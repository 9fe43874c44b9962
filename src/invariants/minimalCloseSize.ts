import { valueOf } from '../model/contract.ts';
import { contractOf } from './contractOf.ts';
import { closeFill, groupHealth, meetsTarget } from '../model/fixedCore.ts';
import { exactOf, healthOf, ledger, replayFills, s, valuationOf, type ExactGroup } from './ledger.ts';
import type { OutputInvariant } from './invariant.ts';
import { takenOver } from './backstopTakeover.ts';

/**
 * LIQ-004 — the close is minimal relative to the documented order.
 *
 * @remarks Checked declaratively, not by re-running the closed form: positions are touched in
 * descending notional (ties by market id), every fill but the last closes its position in full
 * and leaves the target unmet, and the last fill minus one lot would not meet the target (or would
 * leave dust).
 * @see docs/spec.md#62-order
 * @see docs/spec.md#63-minimal-close-of-one-position
 */
export const minimalCloseSize: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-004',
  title: 'minimal close size',
  statement: 'Positions are reduced largest notional first; each fill but the last closes its position and leaves the target unmet, and closing one lot less in the last fill would not meet the target without leaving dust.',
  domain: 'Engines claiming the minimal-close policy. Not for fixed-portion designs (dYdX 10%, Hyperliquid 20%, tier step-downs) or time throttling, which close more or less by design (I7). Groups taken over by a backstop (§10.8) are judged by LIQ-027 instead.',
  spec: '#63-minimal-close-of-one-position',
  presumes: ['minimal'],
  check: (c) => {
    const v = exactOf(c).v;
    const { trigger, dustNotional } = v.params;
    const out: string[] = [];
    for (const g of ledger(c)) {
      if (!g.liquidatable || g.fills.length === 0 || g.rate === null) continue;
      // §10.8: a takeover closes everything by design, decided on the scenario's own E and MM.
      if (takenOver(c, g)) continue;
      const rate = g.rate;
      const order = [...g.before.positions]
        .map((p) => ({ market: p.market, n: valueOf(contractOf(v, p.market), p.size.abs(), v.marks.get(p.market)!, v.params.unit) }))
        .sort((a, b) => b.n.cmp(a.n) || (a.market < b.market ? -1 : a.market > b.market ? 1 : 0));
      const touched = g.fills.map((f) => f.market);
      const expected = order.slice(0, touched.length).map((e) => e.market);
      if (touched.join() !== expected.join()) {
        const ns = order.map((e) => `${e.market} ${s(e.n)}`).join(', ');
        out.push(`group ${g.id}: fills touch [${touched.join(', ')}] but the order by notional (${ns}) requires [${expected.join(', ')}]`);
        continue;
      }
      let lastPrior: ExactGroup | null = null;
      replayFills(c, g, (f, i, realized, prior) => {
        const last = i === g.fills.length - 1;
        if (last) {
          lastPrior = prior;
          return;
        }
        if (realized.positions.some((p) => p.market === f.market)) {
          out.push(`group ${g.id}: fill ${i} (${f.market}) leaves the position open but is not the last fill`);
        }
        const h = groupHealth(valuationOf(c, realized), { ...realized, collateral: realized.collateral.sub(f.penalty) });
        if (realized.positions.length > 0 && meetsTarget(trigger, h.equity, h.target)) {
          out.push(`group ${g.id}: target already met after fill ${i} (equity ${s(h.equity)} ≥ target ${s(h.target)}), yet the liquidation went on`);
        }
      });
      const prior = lastPrior as ExactGroup | null;
      const f = g.fills[g.fills.length - 1]!;
      const pos = prior?.positions.find((p) => p.market === f.market);
      const lot = v.params.markets.get(f.market)?.lot;
      if (prior === null || pos === undefined || lot === undefined) continue;
      const smaller = f.size.sub(lot);
      if (smaller.lt(lot) || smaller.gte(pos.size.abs())) continue;
      const left = valueOf(contractOf(v, f.market), pos.size.abs().sub(smaller), v.marks.get(f.market)!, v.params.unit);
      if (left.lt(dustNotional)) continue;
      // The integer core's fill needs the prior state's health (it updates it by the one position).
      const trial = closeFill(valuationOf(c, prior), { ...prior, health: healthOf(c, prior) }, f.market, smaller, rate);
      const target = trial.target;
      if (meetsTarget(trigger, trial.uncappedEquity, target)) {
        out.push(
          `group ${g.id}: closing ${s(smaller)} ${f.market} (one lot less than ${s(f.size)}) already meets the target: equity ${s(trial.uncappedEquity)} vs target ${s(target)}`,
        );
      }
    }
    return out;
  },
};
