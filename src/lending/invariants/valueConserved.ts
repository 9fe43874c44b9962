import { FZERO, floorDiv, floorTo, toCanonical as s, type Fixed } from '../../model/fixed.ts';
import { collateralValue } from '../baseValue.ts';
import type { LendingOutputInvariant } from './invariant.ts';
import { amount, assetsOf, type LendingView } from './lendingView.ts';

/**
 * LND-006 — value is conserved across the parties, asset by asset.
 *
 * @remarks Domain: status liquidated. Stated per asset in tokens, which implies the statement in
 * value at any prices (and so at the scenario's): every token that leaves the borrower arrives
 * at a named party. Under close-factor rules, for every asset `i`:
 * `a_i − a'_i = seized_i = liquidatorReceives_i + protocolFee_i` and
 * `q_i − q'_i = repaid_i + deficit_i` (the liquidator pays `repaid`, the lenders absorb
 * `deficit`). Under absorb the protocol keeps the seized collateral and extinguishes the debt:
 * `q_d − q'_d = repaid_d`, a supply of `d` created for the account is paid out of the reserves,
 * `reserves − reserves' = repaid_d + (a'_d − a_d)` when reserves are stated, and no other supply
 * moves except by seizure; the credit itself, `δ = q_d − deficit_d + a′_d`, is §11.9's
 * `⌊Σ ⌊C_i · LF_i⌋_b / p_d⌋_{u_d}`. The value message names the imbalance at the scenario's price.
 * @see docs/spec.md#1110-result-and-rounding-summary
 */
export const valueConserved: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-006',
  title: 'value conserved across borrower, liquidator, protocol and deficit',
  statement: 'Every token that leaves the borrower arrives at a named party, asset by asset (so value is conserved at the scenario prices): supply given up = seized = liquidator + protocol fee; debt removed = repaid by the liquidator + deficit written off; under absorb, debt removed = repaid, a supply credited to the account comes out of the reserves, and the credit is Σ ⌊C_i · LF_i⌋ in the debt asset, floored (spec §11.9).',
  domain: 'Status liquidated. Counter-case in real engines: 1-wei residues of scaled balances (aave/aave-v3-core#709) — this model has no scaled balances, so the identities are exact.',
  spec: '#1110-result-and-rounding-summary',
  presumes: ['close-factor', 'absorb'],
  check: (c) => {
    const v = c.view;
    if (v.status !== 'liquidated') return [];
    return v.input.rules.kind === 'close-factor' ? closeFactorFlows(v) : absorbFlows(v);
  },
};

function price(v: LendingView, asset: string): Fixed {
  return v.input.market.prices.get(asset) ?? FZERO;
}

function imbalance(v: LendingView, what: string, asset: string, left: Fixed, right: Fixed, lhs: string, rhs: string): string {
  const gap = left.sub(right);
  return `${what} of ${asset}: ${lhs} = ${s(left)} ≠ ${rhs} = ${s(right)} (${s(gap)} ${asset}, ${s(gap.mul(price(v, asset)))} in base, unaccounted for)`;
}

function closeFactorFlows(v: LendingView): string[] {
  const out: string[] = [];
  const { supplies, borrows } = v.input.account;
  for (const k of assetsOf(supplies, v.after.supplies, v.seized, v.liquidatorReceives, v.protocolFee)) {
    const given = amount(supplies, k).sub(amount(v.after.supplies, k));
    const sz = amount(v.seized, k);
    if (!given.eq(sz)) out.push(imbalance(v, 'supply', k, given, sz, 'a − a′', 'seized'));
    const split = amount(v.liquidatorReceives, k).add(amount(v.protocolFee, k));
    if (!sz.eq(split)) out.push(imbalance(v, 'seizure', k, sz, split, 'seized', 'liquidator + protocol fee'));
  }
  for (const k of assetsOf(borrows, v.after.borrows, v.repaid, v.deficit)) {
    const removed = amount(borrows, k).sub(amount(v.after.borrows, k));
    const paid = amount(v.repaid, k).add(amount(v.deficit, k));
    if (!removed.eq(paid)) out.push(imbalance(v, 'debt', k, removed, paid, 'q − q′', 'repaid + deficit'));
  }
  return out;
}

function absorbFlows(v: LendingView): string[] {
  const out: string[] = [];
  const { supplies, borrows } = v.input.account;
  const debts = assetsOf(borrows);
  for (const k of assetsOf(borrows, v.after.borrows, v.repaid)) {
    const removed = amount(borrows, k).sub(amount(v.after.borrows, k));
    if (!removed.eq(amount(v.repaid, k))) out.push(imbalance(v, 'debt', k, removed, amount(v.repaid, k), 'q − q′', 'repaid'));
  }
  for (const k of assetsOf(supplies, v.after.supplies, v.seized)) {
    const given = amount(supplies, k).sub(amount(v.after.supplies, k));
    if (debts.includes(k)) {
      // The base asset: what the account is credited beyond its debt is a new supply, paid by the reserves.
      const credited = given.neg();
      if (amount(v.seized, k).sign() !== 0) out.push(`absorb seized ${s(amount(v.seized, k))} of the debt asset ${k}`);
      const r0 = v.input.reserves;
      if (r0 !== undefined && v.reserves !== undefined) {
        const spent = r0.sub(v.reserves);
        const owed = amount(v.repaid, k).add(credited);
        if (!spent.eq(owed)) out.push(imbalance(v, 'reserves', k, spent, owed, 'reserves − reserves′', 'repaid + supply credited'));
      }
    } else if (!given.eq(amount(v.seized, k))) out.push(imbalance(v, 'supply', k, given, amount(v.seized, k), 'a − a′', 'seized'));
  }
  if (v.input.reserves !== undefined && v.reserves === undefined) out.push('the scenario states reserves but the result does not report them');
  // §11.9: the debt asset receives the credit δ = ⌊Σ ⌊C_i · LF_i⌋_b / p_d⌋_{u_d}: extinguished debt
  // beyond the deficit, plus the supply it leaves (δ = q_d − deficit_d + a′_d).
  for (const d of debts) {
    const market = v.input.market;
    let credit = FZERO;
    for (const [k, a] of supplies) {
      const params = market.assets.get(k)!;
      if (params.collateral && !a.isZero()) credit = credit.add(floorTo(collateralValue(market, k, a).mul(params.liquidationFactor!), market.base));
    }
    const ud = market.assets.get(d)!.unit;
    const delta = floorDiv(credit, price(v, d).mul(ud)).mul(ud);
    const got = amount(borrows, d).sub(amount(v.deficit, d)).add(amount(v.after.supplies, d)).sub(amount(supplies, d));
    if (!got.eq(delta)) out.push(imbalance(v, 'absorb credit', d, got, delta, 'q − deficit + a′ − a', '⌊Σ ⌊C·LF⌋ / p⌋'));
  }
  return out;
}
