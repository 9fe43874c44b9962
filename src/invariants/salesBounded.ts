import { Fixed, FZERO, floorTo } from '../model/fixed.ts';
import { CROSS } from '../model/marginGroup.ts';
import { assetsOf, balanceOf, cannotHelp, proceedsOf, saleOrder, secondPieceFlat, type AssetCase, type AssetTerms } from './assetsOf.ts';
import { crossSlack } from './crossSlack.ts';
import type { Case, OutputInvariant } from './invariant.ts';
import { exactOf, ledger, s } from './ledger.ts';

/**
 * LIQ-032 — the collateral step sells no more than its goal needs (spec §13.4).
 *
 * @remarks Replayed from the engine's own numbers: the cross group as its fills left it (`C₀ =
 * C + Σ R_f − Σ pen_f`, the positions reported after, the assets before), then each reported sale
 * in turn. Every sale must be priced `⌊s·π⌋_u`, come in §13.4's order, start while the goal fails
 * and be minimal: one unit less misses the goal, or it is the whole balance, or (under `target`)
 * it stops where a non-increasing second piece begins, at `C + R = 0`. So the discount paid,
 * `s·p − R`, is never more than the goal needs plus the floor of one unit.
 * @see docs/spec.md#134-collateral-step-policy-part-collateral
 * @see docs/spec.md#136-invariants
 */
export const salesBounded: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-032',
  title: 'sales bounded by the goal',
  statement:
    'Under collateral sell, each sale sells 0 < s ≤ a on the asset’s unit grid for proceeds ⌊s·π⌋_u; assets are sold in §13.4’s order (largest a·p·w′ first, ties by id), once each; nothing is sold unless the cross group was liquidatable and the goal (C ≥ 0 for deficit, E ≥ T for target) failed after the fills; each sale starts while the goal fails and is minimal: one unit less misses the goal, or it is the whole balance, or (target) it stops at C + R = 0 where the next piece cannot help; an asset is passed over while the goal fails only when it cannot help (target, π·l′ ≤ p·w′).',
  domain: 'Scenarios with params.assets (§13) under a policy whose collateral part is sell (deficit or target). Outside it: collateral none (LIQ-033 checks that nothing is sold) and scenarios without assets.',
  spec: '#136-invariants',
  presumes: [],
  check: (c) => {
    const ac = assetsOf(c);
    if (ac === null || ac.collateral.kind !== 'sell') return [];
    const cross = ledger(c).find((g) => g.id === CROSS);
    if (cross === undefined) return [];
    if (!cross.liquidatable) {
      return ac.sales.length === 0 ? [] : [`the cross group is not liquidatable (equity ${s(cross.healthBefore.equity)} vs maintenance ${s(cross.healthBefore.maintenance)}) but ${ac.sales.length} sale(s) are reported`];
    }
    // C₀: the fills' collateral, before the proceeds the ledger adds for bankruptcy (§13.3).
    return walk(c, ac, cross.impliedCollateral.sub(cross.proceeds), cross.after.positions);
  },
};

type Positions = Parameters<typeof crossSlack>[3];

function walk(c: Case, ac: AssetCase, start: Fixed, positions: Positions): string[] {
  const unit = exactOf(c).v.params.unit;
  const restore = ac.collateral.kind === 'sell' ? ac.collateral.restore : 'deficit';
  const strict = c.input.params.trigger === 'strict';
  const goal = (C: Fixed, bal: ReadonlyMap<string, Fixed>): boolean => {
    if (restore === 'deficit') return C.sign() >= 0;
    const slack = crossSlack(c, ac, C, positions, bal);
    return strict ? slack.sign() >= 0 : slack.sign() > 0;
  };
  const goalText = restore === 'deficit' ? 'C ≥ 0' : strict ? 'E ≥ T' : 'E > T';
  // Whether §13.4 passes the asset over at quote balance C (target only: its sale cannot raise E − T).
  const skipped = (a: AssetTerms, C: Fixed): boolean => restore === 'target' && (C.sign() < 0 ? cannotHelp(a, ac.debtTargetWeight) : secondPieceFlat(a));
  let C = start;
  const bal = new Map(ac.before);
  const sales = ac.sales;
  let next = 0;
  for (const a of saleOrder(ac, ac.before)) {
    if (goal(C, bal)) break;
    const sale = sales[next];
    if (sale === undefined || sale.asset !== a.id) {
      if (skipped(a, C)) continue;
      const got = sale === undefined ? 'the step stops' : `the next sale is of ${sale.asset}`;
      return [`the goal ${goalText} fails at quote balance ${s(C)} and ${a.id} (${s(balanceOf(bal, a.id))} held) is next in §13.4's order, but ${got}`];
    }
    next++;
    const held = balanceOf(bal, a.id);
    const out = checkSale(a, sale.amount, sale.proceeds, held, unit);
    if (out.length > 0) return out.map((m) => `sale ${next - 1} (${a.id}): ${m}`);
    if (skipped(a, C)) return [`sale ${next - 1} (${a.id}): sells ${s(sale.amount)} though its sale cannot raise E − T at quote balance ${s(C)} (§13.4 skips it)`];
    if (!sale.amount.eq(held)) {
      const less = sale.amount.sub(a.unit);
      const lessProceeds = proceedsOf(a, less, unit);
      const lessBal = new Map(bal).set(a.id, held.sub(less));
      if (goal(C.add(lessProceeds), lessBal)) {
        return [`sale ${next - 1} (${a.id}): sells ${s(sale.amount)} of ${s(held)} but ${s(less)} (one unit less, proceeds ${s(lessProceeds)}) already meets ${goalText} from quote balance ${s(C)}`];
      }
      // Short of the goal with some left: only §13.4's cap where C reaches 0 on a second piece that cannot help.
      const atKink = restore === 'target' && secondPieceFlat(a) && C.add(lessProceeds).sign() < 0 && C.add(sale.proceeds).sign() >= 0;
      if (!atKink && !goal(C.add(sale.proceeds), new Map(bal).set(a.id, held.sub(sale.amount)))) {
        return [`sale ${next - 1} (${a.id}): sells ${s(sale.amount)} of ${s(held)}, which misses ${goalText} from quote balance ${s(C)}, yet stops with ${s(held.sub(sale.amount))} left`];
      }
    }
    C = C.add(sale.proceeds);
    bal.set(a.id, held.sub(sale.amount));
  }
  if (next < sales.length) {
    const x = sales[next]!;
    return [`sale ${next} (${x.asset}, ${s(x.amount)}) is not needed: ${goal(C, bal) ? `the goal ${goalText} already holds at quote balance ${s(C)}` : `it is out of §13.4's order or a second sale of an asset`}`];
  }
  return [];
}

function checkSale(a: AssetTerms, amount: Fixed, proceeds: Fixed, held: Fixed, unit: Fixed): string[] {
  if (amount.sign() <= 0) return [`amount ${s(amount)} is not positive`];
  if (amount.gt(held)) return [`amount ${s(amount)} is more than the ${s(held)} held`];
  if (!floorTo(amount, a.unit).eq(amount)) return [`amount ${s(amount)} is not a multiple of the unit ${s(a.unit)}`];
  const expected = proceedsOf(a, amount, unit);
  if (!proceeds.eq(expected)) return [`proceeds ${s(proceeds)} ≠ ⌊s·π⌋_u = ${s(expected)} for ${s(amount)} at price ${s(a.price ?? FZERO)}`];
  return [];
}
