/**
 * The cross group's target slack `E − T` (spec §13.2) at a quote balance and asset balances the
 * caller names, with the positions' part read through the core's health (the policy's
 * requirement, §10.2) and the quote and asset part written out from §13.2:
 * `E − T = Ĉ′(C) + Σ a·p·w′ + Σ U − MM − b·Σ N`.
 *
 * @remarks Why a helper: LIQ-032 and LIQ-033 judge the goal of §13.4 at states the engine does not
 * report (between sales); the quote and asset terms are the ones a sale moves.
 * @see docs/spec.md#132-values
 * @internal
 */
import type { Fixed } from '../model/fixed.ts';
import { FZERO } from '../model/fixed.ts';
import type { FPosition } from '../model/fixedCore.ts';
import { balanceOf, targetQuote, type AssetCase } from './assetsOf.ts';
import { positionSlack } from './positionSlack.ts';
import type { Case } from './invariant.ts';

/** `E − T` of the cross group with quote balance `collateral`, `positions` and asset `balances`. */
export function crossSlack(c: Case, ac: AssetCase, collateral: Fixed, positions: readonly FPosition[], balances: ReadonlyMap<string, Fixed>): Fixed {
  let out = targetQuote(collateral, ac.debtTargetWeight).add(positionSlack(c, positions));
  for (const a of ac.assets) out = out.add(balanceOf(balances, a.id).mul(a.price ?? FZERO).mul(a.targetWeight));
  return out;
}
