/**
 * The requirement of one position under the policy's requirement part (spec §10.2), as the
 * integer core's `FValuation.requirement` hook; undefined for the tiers at mark of §3, which the
 * core computes itself (so the reference's hot path is untouched).
 * @see docs/spec.md#102-requirement
 */
import { pnlOf, valueOf, type FContract } from '../../model/contract.ts';
import { ceilTo, FZERO, Fixed, fmax } from '../../model/fixed.ts';
import { maintenanceMargin, type FValuation, type RequirementFn } from '../../model/fixedCore.ts';
import type { FRequirement } from '../policy.ts';

/** The grid a size-scaled rate is rounded up to: the 18 fraction digits of every input rate (§1.1). */
export const RATE_GRID = new Fixed(1n, 18);

/**
 * `β · max(0, −U)` with `U = q·(P − e)` (inverse: §12.2's `U(q, e, P)`): the loss buffer charges
 * unrealized losses only.
 */
function lossTerm(lossBuffer: Fixed, c: FContract, size: Fixed, entry: Fixed, mark: Fixed, unit: Fixed): Fixed {
  if (lossBuffer.isZero()) return FZERO;
  return lossBuffer.mul(fmax(FZERO, pnlOf(c, size, entry, mark, unit).neg()));
}

export function requirementOf(r: FRequirement, v: Omit<FValuation, 'requirement'>): RequirementFn | undefined {
  // §3's tiers at mark first: every run of the reference asks, and creates no closure for it.
  if (r.kind === 'tiers' && r.valuation === 'mark' && r.lossBuffer.isZero()) return undefined;
  const markOf = (market: string): Fixed => v.marks.get(market)!; // parse guarantees it (§2.2)
  if (r.kind === 'tiers') {
    const { lossBuffer } = r;
    const atEntry = r.valuation === 'entry';
    const fn = (market: string, size: Fixed, entry: Fixed, notional: Fixed): Fixed => {
      const { tiers, contract } = v.params.markets.get(market)!;
      // §10.2: at entry the bracket and the rate apply to |q|·e, the position's value when it was
      // opened (inverse: N(q, e) of §12.2).
      const valued = atEntry ? valueOf(contract, size.abs(), entry, v.params.unit) : notional;
      return maintenanceMargin(tiers, valued).add(lossTerm(lossBuffer, contract, size, entry, markOf(market), v.params.unit));
    };
    // The shape §6.3's walk reads to stay exact under this requirement (fixedCore.ts policySlackOf).
    return Object.assign(fn, { linear: { atEntry, lossBuffer } });
  }
  const { baseRate, sizeRate, minimum, lossBuffer } = r;
  return (market: string, size: Fixed, entry: Fixed, notional: Fixed): Fixed => {
    // Rounded up to 10^−18 so that N·rate keeps the 54 fraction digits of a result (§1.1): an
    // unrounded N·sizeRate·|q| has four inputs' digits (72).
    const rate = baseRate.add(ceilTo(sizeRate.mul(size.abs()), RATE_GRID));
    // Linear markets only: size-scaled is refused on an inverse market (spec §12.1).
    const base = notional.mul(rate).add(minimum);
    return lossBuffer.isZero() ? base : base.add(lossTerm(lossBuffer, v.params.markets.get(market)!.contract, size, entry, markOf(market), v.params.unit));
  };
}
