import { FZERO, toCanonical as s } from '../../model/fixed.ts';
import type { LendingOutputInvariant } from './invariant.ts';
import { amount, assetsOf, othersThan } from './lendingView.ts';

/**
 * LND-004 — the collateral seized is bounded by the bonus and by the balance.
 *
 * @remarks Domain: status liquidated. Under close-factor rules `s ≤ r · p_d · LB_c / p_c`,
 * compared exactly (`s · p_c ≤ r · p_d · LB_c`, no division): every rounding order of spec §11.5
 * floors the seizure, and when the collateral runs out rounds the debt then needed up. One
 * exception is Aave's order (`rounding: "aave"`): its capped debt `⌈⌊a_c·p_c/p_d⌋_{u_d}/LB_c⌉`
 * floors the conversion first, so the liquidator may pay up to one debt unit less than the bonus
 * bound; there the bound is `s · p_c < r · p_d · LB_c + u_d · p_d` for an exhausted collateral.
 * Under absorb the protocol seizes every collateral supply whole (spec §11.9), and no other supply.
 * @see docs/spec.md#115-collateral-seized
 */
export const seizureBounded: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-004',
  title: 'seizure bounded by the bonus and the balance',
  statement: 'A liquidation seizes only the requested collateral asset c, never more than the bonus allows for the debt repaid (s · p_c ≤ r · p_d · LB_c; under the Aave order with the collateral exhausted, s · p_c < r · p_d · LB_c + u_d · p_d) and never more than the balance (s ≤ a_c); under absorb, every collateral supply is seized whole and nothing else is.',
  domain: 'Status liquidated. Counter-case in real engines: Aave v3.0–v3.2 round the seizure half-up (percentMul), so a chosen debtToCover can seize one unit above the bound (aave-dao/aave-v3-origin docs/3.7/liquidation-rounding.md).',
  spec: '#115-collateral-seized',
  presumes: ['close-factor', 'absorb'],
  check: (c) => {
    const v = c.view;
    if (v.status !== 'liquidated') return [];
    const out: string[] = [];
    const supplies = v.input.account.supplies;
    for (const k of assetsOf(v.seized)) {
      if (amount(v.seized, k).gt(amount(supplies, k))) out.push(`seized ${s(amount(v.seized, k))} ${k}, more than the balance ${s(amount(supplies, k))}`);
    }
    if (v.input.rules.kind !== 'close-factor') {
      // §11.9: absorb takes every collateral supply whole, and nothing that is not collateral.
      for (const k of assetsOf(supplies, v.seized)) {
        const collateral = v.input.market.assets.get(k)?.collateral === true;
        const want = collateral ? amount(supplies, k) : FZERO;
        if (!amount(v.seized, k).eq(want)) out.push(`absorb seized ${s(amount(v.seized, k))} ${k}, expected ${collateral ? `the whole collateral supply ${s(want)}` : 'none (not a collateral asset)'}`);
      }
      return out;
    }
    const { debtAsset: d, collateralAsset: col } = v.input.request!;
    for (const k of othersThan(v.seized, col)) out.push(`seized ${s(amount(v.seized, k))} of ${k}, which is not the requested collateral asset ${col}`);
    const sz = amount(v.seized, col);
    const r = amount(v.repaid, d);
    const pc = v.input.market.prices.get(col)!;
    const pd = v.input.market.prices.get(d)!;
    const lb = v.input.market.assets.get(col)!.liquidationBonus;
    const paid = r.mul(pd).mul(lb);
    const aaveCap = v.input.rules.rounding === 'aave' && sz.eq(amount(supplies, col));
    if (aaveCap) {
      const slack = v.input.market.assets.get(d)!.unit.mul(pd);
      if (!sz.mul(pc).lt(paid.add(slack))) out.push(`seized all ${s(sz)} ${col} worth ${s(sz.mul(pc))} for ${s(r)} ${d} repaid, more than Aave's capped rounding allows: r · p_d · LB + u_d · p_d = ${s(paid.add(slack))}`);
      return out;
    }
    if (sz.mul(pc).gt(paid)) out.push(`seized ${s(sz)} ${col} worth ${s(sz.mul(pc))}, more than the bonus allows for ${s(r)} ${d} repaid: r · p_d · LB = ${s(r)} · ${s(pd)} · ${s(lb)} = ${s(paid)}`);
    return out;
  },
};
