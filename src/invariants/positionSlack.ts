/**
 * The positions' part of a group's target slack, `Σ U_i − MM − b·Σ N_i` (spec §4.2, §10.2), under
 * the case's requirement — without any collateral or asset term (§13.2 adds those).
 * @see docs/spec.md#132-values
 * @internal
 */
import type { Fixed } from '../model/fixed.ts';
import { FZERO } from '../model/fixed.ts';
import { groupHealth, type FPosition } from '../model/fixedCore.ts';
import { exactOf } from './ledger.ts';
import type { Case } from './invariant.ts';

export function positionSlack(c: Case, positions: readonly FPosition[]): Fixed {
  const h = groupHealth(exactOf(c).v, { collateral: FZERO, positions });
  return h.equity.sub(h.target);
}
