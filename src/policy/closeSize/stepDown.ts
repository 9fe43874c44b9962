/**
 * The tier step-down close size (spec §10.3): each position in the close order is reduced to just
 * below the floor of a lower maintenance bracket, one bracket further at a time, until the group
 * meets the target; a position for which no step does is closed in full (Bybit, OKX risk-limit
 * step-down).
 * @see docs/spec.md#103-close-size
 */
import { largestBelow as largestValuedBelow, LINEAR, valueOf, type FContract } from '../../model/contract.ts';
import { FONE, type Fixed } from '../../model/fixed.ts';
import { markOf, marketOf, meetsTarget, tierIndex, trialFill, type FFill, type FTier } from '../../model/fixedCore.ts';
import type { CloseRule } from '../closeContext.ts';

/**
 * `r_k`: the largest lot multiple whose notional at `mark` is strictly below `floor` (> 0):
 * `(⌈floor / (ℓ·P)⌉ − 1) · ℓ`, an exact integer quotient; on an inverse market §12.5's
 * (`unit` is the coin's, read only then).
 * @see docs/spec.md#125-sizes-on-the-lot-grid
 */
export function largestBelow(floor: Fixed, mark: Fixed, lot: Fixed, contract: FContract = LINEAR, unit: Fixed = FONE): Fixed {
  return largestValuedBelow(contract, floor, lot, mark, unit);
}

/**
 * The sizes to keep, one per step `k = 1…n` for a position of `size` (|q|) in bracket `n` of
 * `tiers`: `r_k = largestBelow(L_{n−k+1})`, so that the rest is in bracket `≤ n − k`.
 */
export function stepsBelow(tiers: readonly FTier[], size: Fixed, mark: Fixed, lot: Fixed, contract: FContract = LINEAR, unit: Fixed = FONE): Fixed[] {
  const n = tierIndex(tiers, valueOf(contract, size, mark, unit));
  const out: Fixed[] = [];
  for (let k = 1; k <= n; k++) out.push(largestBelow(tiers[n - k + 1]!.floor, mark, lot, contract, unit));
  return out;
}

export const stepDown: CloseRule = (cx, group) => {
  const { trigger, dustNotional, unit } = cx.v.params;
  let g = group;
  const fills: FFill[] = [];
  for (const market of cx.order) {
    const pos = g.positions.find((p) => p.market === market)!;
    const size = pos.size.abs();
    const mark = markOf(cx.v, market);
    const { lot, tiers, contract } = marketOf(cx.v, market);
    let close = size;
    for (const keep of stepsBelow(tiers, size, mark, lot, contract, unit)) {
      // A step that keeps nothing or dust (§6.4) is the full close: no step meets the target.
      if (keep.isZero() || valueOf(contract, keep, mark, unit).lt(dustNotional)) break;
      const t = trialFill(cx.v, g, pos, size.sub(keep), cx.rate);
      // Decided on the uncapped penalty, as §6.3 verifies: a step that meets it, meets it after the cap.
      if (meetsTarget(trigger, t.realizedHealth.equity.sub(t.uncapped), t.realizedHealth.target)) {
        close = size.sub(keep);
        break;
      }
    }
    const closed = cx.execute(cx, g, market, close);
    g = closed.group;
    fills.push(...closed.fills);
    const h = g.health;
    if (g.positions.length > 0 && meetsTarget(trigger, h.equity, h.target)) break;
  }
  return { ok: true, group: g, fills };
};
