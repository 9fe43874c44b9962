import { largestBelow, valueOf } from '../model/contract.ts';
import type { Fixed } from '../model/fixed.ts';
import { contractOf } from './contractOf.ts';
import { closeFill, meetsTarget, tierIndex, type FValuation } from '../model/fixedCore.ts';
import { closeOrder } from './closeOrder.ts';
import { exactOf, healthOf, ledger, replayFills, s, valuationOf, type ExactGroup, type GroupLedger } from './ledger.ts';
import type { Case, OutputInvariant } from './invariant.ts';
import { takenOver } from './backstopTakeover.ts';

/**
 * The steps of §10.3 for a position of `a` at `mark`: `r_k = (⌈L_{n−k+1}/(ℓ·P)⌉ − 1)·ℓ`, `k = 1…n`
 * — the largest lot multiple worth less than the floor, §12.5's on an inverse market.
 */
function steps(v: FValuation, market: string, a: Fixed): Fixed[] {
  const { tiers, lot } = v.params.markets.get(market)!;
  const mark = v.marks.get(market)!;
  const contract = contractOf(v, market);
  const { unit } = v.params;
  const n = tierIndex(tiers, valueOf(contract, a, mark, unit));
  const out: Fixed[] = [];
  for (let k = 1; k <= n; k++) out.push(largestBelow(contract, tiers[n - k + 1]!.floor, lot, mark, unit));
  return out;
}

/** Whether keeping `keep` of the position (closing the rest) from `prior` meets the target, uncapped (§10.3). */
function stepMeets(c: Case, prior: ExactGroup, market: string, close: Fixed, rate: Fixed): boolean {
  const v = exactOf(c).v;
  const t = closeFill(valuationOf(c, prior), { ...prior, health: healthOf(c, prior) }, market, close, rate);
  return meetsTarget(v.params.trigger, t.uncappedEquity, t.target);
}

function judge(c: Case, g: GroupLedger): string[] {
  const v = exactOf(c).v;
  const { trigger, dustNotional } = v.params;
  const order = closeOrder(v, g.before.positions);
  // The rate is the engine's own (reported on its fills): the penalty part is not judged here.
  const rate = g.fills[0]!.penaltyRate;
  const out: string[] = [];
  replayFills(c, g, (f, i, realized, prior) => {
    if (out.length > 0) return;
    if (f.market !== order[i]) {
      out.push(`group ${g.id}: fill ${i} is on ${f.market}, but the close order (one fill per position) requires ${order[i] ?? 'no further fill'}`);
      return;
    }
    const pos = prior.positions.find((p) => p.market === f.market)!;
    const a = pos.size.abs();
    const mark = v.marks.get(f.market)!;
    const { tiers } = v.params.markets.get(f.market)!;
    const worth = (size: Fixed) => valueOf(contractOf(v, f.market), size, mark, v.params.unit);
    const n = tierIndex(tiers, worth(a));
    const keep = a.sub(f.size);
    const ks = steps(v, f.market, a);
    // Steps the rule tries before this one (all of them for a full close), none of which may meet the target.
    let tried = ks.length;
    if (!keep.isZero()) {
      const k = ks.findIndex((r) => r.eq(keep));
      if (k < 0) {
        const m = tierIndex(tiers, worth(keep));
        const why = m >= n ? `not below bracket ${n} it was in` : 'not the largest lot multiple below a floor';
        out.push(`group ${g.id}: ${f.market} is left at ${s(keep)} (notional ${s(worth(keep))}, bracket ${m}): ${why}; the steps down from bracket ${n} keep [${ks.map(s).join(', ')}]`);
        return;
      }
      if (worth(keep).lt(dustNotional)) {
        out.push(`group ${g.id}: ${f.market} is left at ${s(keep)} (notional ${s(worth(keep))}), below the dust threshold ${s(dustNotional)}`);
        return;
      }
      if (i !== g.fills.length - 1) out.push(`group ${g.id}: fill ${i} reduces ${f.market} to a lower bracket but is not the last fill`);
      tried = k;
    }
    for (let k = 0; k < tried; k++) {
      const r = ks[k]!;
      if (r.isZero() || worth(r).lt(dustNotional)) break;
      if (stepMeets(c, prior, f.market, a.sub(r), rate)) {
        out.push(`group ${g.id}: keeping ${s(r)} ${f.market} (${k + 1} bracket(s) down from ${n}) already meets the target, yet the engine ${keep.isZero() ? 'closed it in full' : `kept only ${s(keep)}`}`);
        return;
      }
    }
    const h = healthOf(c, { ...realized, collateral: realized.collateral.sub(f.penalty) });
    if (keep.isZero() && i < g.fills.length - 1 && realized.positions.length > 0 && meetsTarget(trigger, h.equity, h.target)) {
      out.push(`group ${g.id}: target already met after fill ${i} (equity ${s(h.equity)}, target ${s(h.target)}), yet the liquidation went on`);
    }
  });
  return out;
}

/**
 * LIQ-020 — a step-down reduces each position one maintenance bracket at a time, only as far as
 * the target needs.
 *
 * @remarks Judged from the engine's own fills, replayed (ledger.ts): each fill's remainder is
 * compared with the steps of §10.3 computed here from the tiers, and the smaller steps are tried
 * with the integer core's fill at the rate the engine reports.
 * @see docs/spec.md#103-close-size
 */
export const stepsDown: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-020',
  title: 'steps down one bracket at a time',
  statement:
    'Under step-down, positions are closed in the §6.2 order, one fill each; a fill that leaves its position open is the last, leaves it at r_k = the largest lot multiple whose notional is below the floor of a lower bracket (not dust), and keeping r_j for any j < k would not have met the target; a position closed in full above bracket 0 had no such step meeting the target; after a full close that meets the target with positions left nothing more is closed.',
  domain: 'Scenarios under a step-down close size at mark price, with a tiers requirement. Bybit sends one FillOrKill to the lower tier and then hands over at the bankruptcy price; OKX (tier ≥ 3) reduces to tier 1 or two tiers per step (unverified): each is one fixed schedule of steps, this rule takes the fewest. Groups taken over by a backstop (§10.8) are judged by LIQ-027 instead. Inverse markets: notionals are §12.2’s coin values and r_k §12.5’s largest lot multiple worth less than the floor.',
  spec: '#103-close-size',
  presumes: ['steps-down'],
  check: (c) => {
    // Judged on the scenario's own close size: a scenario under another one is outside the domain.
    if (exactOf(c).policy.closeSize.kind !== 'step-down') return [];
    const out: string[] = [];
    for (const g of ledger(c)) {
      // §10.8: a takeover closes every position, decided on the scenario's own E and MM.
      if (!g.liquidatable || g.fills.length === 0 || takenOver(c, g)) continue;
      out.push(...judge(c, g));
    }
    return out;
  },
};
