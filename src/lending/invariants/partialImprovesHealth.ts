import { FONE, toCanonical as s } from '../../model/fixed.ts';
import type { LendingOutputInvariant } from './invariant.ts';
import { amount, assetsOf } from './lendingView.ts';

/**
 * LND-010 — proposition I4: a partial liquidation raises HF iff HF > LB_c · LT_c.
 *
 * @remarks Domain (spec §11.11): close-factor rules, status liquidated, one debt `d` repaid
 * (`r > 0`) and one collateral `c` seized with the collateral not exhausted (`0 < s < a_c`), no
 * deficit, debt left (`D' > 0`), and the two balances moved by exactly `r` and `s` (what else
 * moves is LND-006's to judge). Prices are the scenario's, before and after.
 *
 * Exactly, `W'·D − W·D' = R·(W − K·D)` with `R = r·p_d`, `K = LB_c·LT_c`. The after-state is
 * valued on rounded balances (§11.2) and the seizure falls short of the exact one by less than
 * `ε_s` (§11.5: `u_c` exact, `(LB_c + 1)·u_c` Aave's order, `u_c + u_d·p_d/p_c` Morpho's), so
 * the direction is claimed only outside the checked form's margins (§11.11), which no rounding
 * can cross: if `R·(W − K·D) > b·(W + LT_c·D)` HF must rise (`W'·D > W·D'`); if
 * `R·(K·D − W) > (b + ε_s·p_c)·LT_c·D + b·W` HF must fall. Compared with no division.
 * @see docs/spec.md#1111-proposition-i4-when-a-partial-liquidation-improves-hf
 */
export const partialImprovesHealth: LendingOutputInvariant = {
  kind: 'output',
  id: 'LND-010',
  title: 'a partial liquidation improves HF iff HF > LB·LT (I4)',
  statement: 'For a partial liquidation of one debt against one collateral that is not exhausted, HF after > HF before exactly when HF before > LB_c · LT_c: above that bound the call must raise HF, below it the call lowers HF (claimed outside a margin that covers the rounding of balances to units).',
  domain: 'Close-factor rules, one debt repaid, collateral not exhausted, no deficit, debt left, prices unchanged (spec §11.11). Counter-case: deep under water (HF < LB·LT) liquidation lowers HF by design — why Aave v3-origin keeps its HF_GPOST_A check for liquidationCall commented out; a Dutch bonus makes splitting profitable there (Aave v4 LiquidationEngine.md).',
  spec: '#1111-proposition-i4-when-a-partial-liquidation-improves-hf',
  presumes: ['close-factor'],
  check: (c) => {
    const v = c.view;
    if (v.input.rules.kind !== 'close-factor' || v.status !== 'liquidated') return [];
    const { debtAsset: d, collateralAsset: col } = v.input.request!;
    if (assetsOf(v.repaid).some((k) => k !== d) || assetsOf(v.seized).some((k) => k !== col) || assetsOf(v.deficit).length > 0) return [];
    const r = amount(v.repaid, d);
    const sz = amount(v.seized, col);
    const a = amount(v.input.account.supplies, col);
    const q = amount(v.input.account.borrows, d);
    if (r.sign() <= 0 || sz.sign() <= 0 || !sz.lt(a)) return [];
    if (!amount(v.after.supplies, col).eq(a.sub(sz)) || !amount(v.after.borrows, d).eq(q.sub(r))) return [];
    const { weighted: W, debt: D } = v.valueBefore;
    const { weighted: W2, debt: D2 } = v.valueAfter;
    if (D2.sign() <= 0) return [];
    const market = v.input.market;
    const pc = market.prices.get(col)!;
    const pd = market.prices.get(d)!;
    const { liquidationBonus: lb, liquidationThreshold: lt, unit: uc } = market.assets.get(col)!;
    const K = lb.mul(lt);
    const R = r.mul(pd);
    const b = market.base;
    const ud = market.assets.get(d)!.unit;
    const rounding = v.input.rules.rounding;
    // ε_s · p_c: the seizure's shortfall bound in base (spec §11.5), per rounding order.
    const shortfall = rounding === 'aave' ? lb.add(FONE).mul(uc).mul(pc) : rounding === 'morpho' ? uc.mul(pc).add(ud.mul(pd)) : uc.mul(pc);
    const riseMargin = b.mul(W.add(lt.mul(D)));
    const fallMargin = b.add(shortfall).mul(lt).mul(D).add(b.mul(W));
    const gap = W.sub(K.mul(D));
    const delta = W2.mul(D).sub(W.mul(D2));
    const hf = `W/D = ${s(W)}/${s(D)} → W′/D′ = ${s(W2)}/${s(D2)}`;
    if (R.mul(gap).gt(riseMargin) && delta.sign() <= 0) {
      return [`HF before is above LB·LT = ${s(lb)}·${s(lt)} = ${s(K)} (W − K·D = ${s(gap)}), so repaying ${s(r)} ${d} must raise HF, but it did not: ${hf}`];
    }
    if (R.mul(gap.neg()).gt(fallMargin) && delta.sign() >= 0) {
      return [`HF before is below LB·LT = ${s(lb)}·${s(lt)} = ${s(K)} (W − K·D = ${s(gap)}), so repaying ${s(r)} ${d} with the bonus must lower HF, but it did not: ${hf}`];
    }
    return [];
  },
};
