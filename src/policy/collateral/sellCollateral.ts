/**
 * The collateral step of spec §13.4: after the cross group's positions are closed, sell its assets
 * one after another, largest `a·p·w′` first (ties by id in code-unit order), each at its sale
 * price `π`, until the goal holds — `deficit`: a quote balance `≥ 0`; `target`: the group meets
 * its target (§4.4). Each sale is the least amount on the asset's grid that meets the goal (or the
 * whole balance): a closed form on the piece of `G` where the goal is met, then unit steps with
 * the floor of the proceeds included.
 * @see docs/spec.md#134-collateral-step-policy-part-collateral
 */
import { ceilDiv, FONE, fmax, type Fixed } from '../../model/fixed.ts';
import { amountCovering, holdingsOf, proceedsOf, salePrice, type FHoldings } from '../../model/collateralAsset.ts';
import { crossValuation, groupHealth, meetsTarget, MAX_VERIFIED_CANDIDATES, type FGroup, type FValuation } from '../../model/fixedCore.ts';
import type { FCollateral } from '../policy.ts';

/** One sale: `amount` of `asset` for `proceeds = ⌊amount·π⌋_u` quote. */
export interface FSale {
  readonly asset: string;
  readonly amount: Fixed;
  readonly proceeds: Fixed;
}

export type CollateralStep =
  | { readonly ok: true; readonly collateral: Fixed; readonly holdings: FHoldings; readonly sales: readonly FSale[] }
  | { readonly ok: false; readonly message: string };

type Restore = Extract<FCollateral, { kind: 'sell' }>['restore'];

/** The assets of `h` in the order of §13.4: largest `a·p·w′` first, ties by id (code units). */
export function saleOrder(h: FHoldings): string[] {
  const value = (id: string): Fixed => h.balances.get(id)!.mul(h.prices.get(id)!).mul(h.assets.get(id)!.targetWeight);
  return [...h.balances.keys()].sort((a, b) => value(b).cmp(value(a)) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * §13.4 on the cross group `g` (after its closes) valued by `v` (`v.holdings` set): the quote
 * balance, the holdings and the sales after the step. `limit-exceeded` past 2^20 jumps.
 */
export function sellCollateral(v: FValuation, restore: Restore, g: FGroup): CollateralStep {
  const start = v.holdings!;
  const { quoteDebt, assets, prices } = start;
  const { unit: quoteUnit, trigger } = v.params;
  let collateral = g.collateral;
  const balances = new Map(start.balances);
  const sales: FSale[] = [];
  const healthWith = (c: Fixed, bs: ReadonlyMap<string, Fixed>) =>
    groupHealth(crossValuation(v, holdingsOf(assets, quoteDebt, prices, bs)), { collateral: c, positions: g.positions });
  const goalMet = (c: Fixed, bs: ReadonlyMap<string, Fixed>): boolean => {
    if (restore === 'deficit') return c.sign() >= 0;
    const h = healthWith(c, bs);
    return meetsTarget(trigger, h.equity, h.target);
  };

  for (const id of saleOrder(start)) {
    if (goalMet(collateral, balances)) break;
    const asset = assets.get(id)!;
    const price = prices.get(id)!;
    const held = balances.get(id)!;
    let amount: Fixed | null;
    if (restore === 'deficit') {
      amount = amountCovering(asset, price, collateral.neg());
    } else {
      const h = healthWith(collateral, balances);
      const first = firstAmount(asset.unit, h.target.sub(h.equity), collateral, quoteDebt.targetWeight, salePrice(asset, price), price.mul(asset.targetWeight));
      if (first === null) continue; // the asset cannot help (§13.4: slope ≤ 0)
      if (first.kind === 'cap') amount = first.amount;
      else {
        // From the closed form to the next proceeds level, not the next unit: between two amounts
        // with the same floored proceeds G only falls (more of the asset's target value is given
        // up for nothing), so the least amount meeting the goal is the least one reaching some
        // level R + u — ⌈(R + u)/π⌉ on the unit grid. Each jump gains at least u·(π·l′ − p·w′)/π,
        // so a few jumps at most, also where one unit sells for far less than a quote unit.
        let s = fmax(first.amount, asset.unit);
        let steps = 0;
        const after = (x: Fixed): Map<string, Fixed> => new Map(balances).set(id, held.sub(x));
        while (s.lt(held) && !goalMet(collateral.add(proceedsOf(asset, price, s, quoteUnit)), after(s))) {
          s = amountCovering(asset, price, proceedsOf(asset, price, s, quoteUnit).add(quoteUnit));
          if (++steps > MAX_VERIFIED_CANDIDATES) {
            return { ok: false, message: `collateral ${id}: more than ${MAX_VERIFIED_CANDIDATES} proceeds levels past the closed form of §13.4` };
          }
        }
        amount = s;
      }
    }
    const s = amount.gt(held) ? held : amount;
    if (s.sign() <= 0) continue;
    const proceeds = proceedsOf(asset, price, s, quoteUnit);
    collateral = collateral.add(proceeds);
    balances.set(id, held.sub(s));
    sales.push({ asset: id, amount: s, proceeds });
  }
  return { ok: true, collateral, holdings: holdingsOf(assets, quoteDebt, prices, balances), sales };
}

/**
 * The closed form of §13.4's `target` rule, ignoring the floor of `R`: the least `s` on the grid
 * `unit` with `G(s) ≥ D` (`D = T − E`), where `G` has slope `π·l′ − p·w′` while `C + s·π < 0` and
 * `π − p·w′` after; `π = num/den`, so every slope and bound below is multiplied through by `den`.
 * `null`: the first piece's slope is `≤ 0` (skip). `cap`: the goal lies past the kink on a piece
 * of slope `≤ 0`, so the sale stops where `C` reaches 0.
 */
function firstAmount(
  unit: Fixed,
  d: Fixed,
  c: Fixed,
  lPrime: Fixed,
  pi: { readonly num: Fixed; readonly den: Fixed },
  pw: Fixed,
): { readonly kind: 'from' | 'cap'; readonly amount: Fixed } | null {
  const { num, den } = pi;
  const slope2 = num.sub(pw.mul(den)); // σ₂·den
  const up = (x: Fixed, y: Fixed): Fixed => ceilDiv(x, y.mul(unit)).mul(unit); // ⌈x/y⌉ on the grid, y > 0
  if (c.sign() >= 0) return slope2.sign() <= 0 ? null : { kind: 'from', amount: up(d.mul(den), slope2) };
  const slope1 = num.mul(lPrime).sub(pw.mul(den)); // σ₁·den
  if (slope1.sign() <= 0) return null;
  // On the first piece G(s) = s·σ₁ up to the kink s_k = −C·den/num, where G = −C·σ₁·den/num.
  if (d.mul(num).lte(c.neg().mul(slope1))) return { kind: 'from', amount: up(d.mul(den), slope1) };
  if (slope2.sign() <= 0) return { kind: 'cap', amount: up(c.neg().mul(den), num) };
  // Past the kink G(s) = −C·l′ + C + s·σ₂.
  return { kind: 'from', amount: up(d.add(c.mul(lPrime.sub(FONE))).mul(den), slope2) };
}
