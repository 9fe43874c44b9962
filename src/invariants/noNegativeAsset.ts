import { floorTo, type Fixed } from '../model/fixed.ts';
import { CROSS } from '../model/marginGroup.ts';
import { assetsOf, balanceOf, cannotHelp } from './assetsOf.ts';
import { crossSlack } from './crossSlack.ts';
import type { OutputInvariant } from './invariant.ts';
import { ledger, s } from './ledger.ts';

/**
 * LIQ-033 — no asset balance goes negative, and a negative quote balance is left only where
 * §13.4's goal allows it.
 *
 * @remarks Per asset, what leaves the account is what the sales report (§13.5: amounts are
 * conserved), on the unit grid, never more than was held. The quote balance: `deficit`'s goal is
 * `C ≥ 0`, so a negative one is left only when nothing is left to sell; `target`'s goal is
 * `E ≥ T`, which may be met with `C < 0` (borrowed quote against assets kept), and an asset whose
 * sale cannot raise `E − T` (`π·l′ ≤ p·w′`) is skipped; `none` sells nothing.
 * @see docs/spec.md#136-invariants
 */
export const noNegativeAsset: OutputInvariant = {
  kind: 'output',
  id: 'LIQ-033',
  title: 'no negative asset',
  statement:
    'Every asset balance after is ≥ 0, on its unit grid, at most the balance before, and falls by exactly what the sales report; under collateral none nothing is sold; a liquidated cross group ends with a negative quote balance under sell/deficit only when every asset balance is 0, under sell/target only when the group meets the target after or every asset left cannot help (π·l′ ≤ p·w′).',
  domain: 'Scenarios with params.assets (§13), under any policy. Linear scenarios without assets are outside it.',
  spec: '#136-invariants',
  presumes: [],
  check: (c) => {
    const ac = assetsOf(c);
    if (ac === null) return [];
    const out: string[] = [];
    const sold = new Map<string, Fixed>();
    for (const x of ac.sales) {
      if (!ac.byId.has(x.asset)) out.push(`a sale of ${x.asset}, which is no asset of params.assets`);
      sold.set(x.asset, balanceOf(sold, x.asset).add(x.amount));
    }
    for (const id of new Set([...ac.before.keys(), ...ac.after.keys()])) {
      const a = ac.byId.get(id);
      const before = balanceOf(ac.before, id);
      const after = balanceOf(ac.after, id);
      if (a === undefined) {
        out.push(`account.assets after holds ${id}, which is no asset of params.assets`);
        continue;
      }
      if (after.sign() < 0) out.push(`asset ${id} is negative after: ${s(after)}`);
      else if (!floorTo(after, a.unit).eq(after)) out.push(`asset ${id} after, ${s(after)}, is not a multiple of its unit ${s(a.unit)}`);
      if (after.gt(before)) out.push(`asset ${id} grows from ${s(before)} to ${s(after)}: a liquidation never adds collateral`);
      const gone = before.sub(after);
      if (!gone.eq(balanceOf(sold, id))) out.push(`asset ${id} falls by ${s(gone)} (${s(before)} → ${s(after)}) but the sales report ${s(balanceOf(sold, id))} of it`);
    }
    if (ac.collateral.kind === 'none') {
      if (ac.sales.length > 0) out.push(`the policy's collateral part is none but ${ac.sales.length} sale(s) are reported`);
      return out;
    }
    const cross = ledger(c).find((g) => g.id === CROSS);
    if (cross === undefined || !cross.liquidatable || cross.after.collateral.sign() >= 0) return out;
    const C = cross.after.collateral;
    const left = ac.assets.filter((a) => balanceOf(ac.after, a.id).sign() > 0);
    if (ac.collateral.restore === 'deficit') {
      if (left.length > 0) out.push(`under sell/deficit the cross group ends with quote balance ${s(C)} < 0 while ${left.map((a) => `${s(balanceOf(ac.after, a.id))} ${a.id}`).join(', ')} is left to sell`);
      return out;
    }
    const helpful = left.filter((a) => !cannotHelp(a, ac.debtTargetWeight));
    if (helpful.length === 0) return out;
    const slack = crossSlack(c, ac, C, cross.after.positions, ac.after);
    const met = c.input.params.trigger === 'strict' ? slack.sign() >= 0 : slack.sign() > 0;
    if (!met) {
      out.push(`under sell/target the cross group ends with quote balance ${s(C)} < 0, short of the target by ${s(slack.neg())}, while ${helpful.map((a) => `${s(balanceOf(ac.after, a.id))} ${a.id}`).join(', ')} that could help is left to sell`);
    }
    return out;
  },
};
