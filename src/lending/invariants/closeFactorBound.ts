import { FZERO, floorDiv, fmin, toCanonical as s, type Fixed } from '../../model/fixed.ts';
import { collateralValue, debtValue } from '../baseValue.ts';
import type { FCloseFactorRules, FLendingScenario } from '../types.ts';
import type { LendingOutputInvariant } from './invariant.ts';
import { amount, othersThan } from './lendingView.ts';

/**
 * The most debt of `d` one call may repay, `M` of spec §11.4, with the reason it is what it is.
 * Written here from the spec, not taken from the reference, so that the bound is judged
 * independently of the code it judges.
 */
export function closeFactorLimit(sc: FLendingScenario, rules: FCloseFactorRules, weighted: Fixed, debt: Fixed): { readonly limit: Fixed; readonly why: string } {
  const { market, account, request } = sc;
  const d = request!.debtAsset;
  const c = request!.collateralAsset;
  const q = account.borrows.get(d) ?? FZERO;
  if (weighted.lte(rules.fullBelowHealth.mul(debt))) return { limit: q, why: `full: W = ${s(weighted)} ≤ ${s(rules.fullBelowHealth)} · D = ${s(rules.fullBelowHealth.mul(debt))}` };
  if (rules.fullBelowBase.sign() > 0) {
    const cc = collateralValue(market, c, account.supplies.get(c) ?? FZERO);
    const dd = debtValue(market, d, q);
    if (cc.lt(rules.fullBelowBase) || dd.lt(rules.fullBelowBase)) return { limit: q, why: `full: C_${c} = ${s(cc)} or D_${d} = ${s(dd)} below ${s(rules.fullBelowBase)}` };
  }
  const u = market.assets.get(d)!.unit;
  if (rules.closeFactorOf === 'reserve') {
    return { limit: floorDiv(rules.closeFactor.mul(q), u).mul(u), why: `⌊${s(rules.closeFactor)} · q_${d} = ${s(q)}⌋` };
  }
  const p = market.prices.get(d)!;
  return { limit: fmin(q, floorDiv(rules.closeFactor.mul(debt), p.mul(u)).mul(u)), why: `min(q_${d} = ${s(q)}, ⌊${s(rules.closeFactor)} · D = ${s(debt)} / p_${d} = ${s(p)}⌋)` };
}

/**
 * LND-003 — the close factor bounds what one call repays.
 *
 * @remarks Domain: close-factor rules, status liquidated. `M` is spec §11.4's limit: the whole
 * debt of `d` at or below `fullBelowHealth` or under `fullBelowBase`, else `⌊CF · q_d⌋` of the
 * debt reserve (Aave ≤ v3.2) or `⌊CF · D / p_d⌋` of the total debt value (Aave v3.3), rounded
 * down. The collateral cap of §11.5 can only lower `r` further.
 * @see docs/spec.md#114-close-factor-the-debt-one-call-may-repay
 */
export const closeFactorBound: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-003',
  title: 'close factor bounds the repayment',
  statement: 'A liquidation repays only the requested debt asset d, never more than the debt the liquidator offered (debtToCover) and never more than the close factor allows: r ≤ M = CF · the stated debt base (the reserve debt q_d, or the total debt value D in d), or M = q_d where the close factor is lifted.',
  domain: 'Close-factor rules, status liquidated. Counter-case in real engines: Aave v3.3 applies 50 % to the total debt value but caps at the reserve debt; Morpho and Euler v2 have no close factor (CF = 1 here).',
  spec: '#114-close-factor-the-debt-one-call-may-repay',
  presumes: ['close-factor'],
  check: (c) => {
    const v = c.view;
    const rules = v.input.rules;
    if (rules.kind !== 'close-factor' || v.status !== 'liquidated') return [];
    const req = v.input.request!;
    const d = req.debtAsset;
    const out: string[] = [];
    for (const k of othersThan(v.repaid, d)) out.push(`repaid ${s(amount(v.repaid, k))} of ${k}, which is not the requested debt asset ${d}`);
    const r = amount(v.repaid, d);
    if (req.debtToCover !== 'max' && r.gt(req.debtToCover)) out.push(`repaid ${s(r)} ${d}, more than debtToCover ${s(req.debtToCover)}`);
    const { limit, why } = closeFactorLimit(v.input, rules, v.valueBefore.weighted, v.valueBefore.debt);
    if (r.gt(limit)) out.push(`repaid ${s(r)} ${d}, more than the close factor allows: M = ${s(limit)} (${why})`);
    return out;
  },
};
