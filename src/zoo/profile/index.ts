/**
 * The profile zoo: deliberately wrong engines that follow whatever policy the scenario carries —
 * a venue profile's (profiles/*.json) — apart from one realistic bug. With the base zoo's
 * engines that run under a policy (input and result rewrites, and the decimal rule swaps under a
 * profile of the reference's parts) and the policy zoo's part swaps, they demonstrate every
 * invariant judged under every shipped profile (matrix.ts, properties/profileZoo.test.ts).
 */
import type { Engine } from '../../model/types.ts';
import { bankruptcyFilledUnderMark } from './bankruptcyFilledUnderMark.ts';
import { coinPnlUnfloored } from './coinPnlUnfloored.ts';
import { givesUpUnderwaterUnder } from './givesUpUnderwaterUnder.ts';
import { initialAsMaintenance } from './initialAsMaintenance.ts';
import { inputOrderUnder } from './inputOrderUnder.ts';
import { lossAtMarkSocialized } from './lossAtMarkSocialized.ts';
import { negativeFundClamped } from './negativeFundClamped.ts';
import { oneLotLeft } from './oneLotLeft.ts';
import { pnlUnrounded } from './pnlUnrounded.ts';
import { reciprocalRounded } from './reciprocalRounded.ts';
import { rateFromMarginLeft } from './rateFromMarginLeft.ts';
import { releasedMarginFee } from './releasedMarginFee.ts';
import { residueDropped } from './residueDropped.ts';
import { shortsValuedAtEntry } from './shortsValuedAtEntry.ts';
import { sideOfPosition } from './sideOfPosition.ts';
import { staleMarkCache } from './staleMarkCache.ts';
import { triggerFlipped } from './triggerFlipped.ts';
import { wholeCloseSkipped } from './wholeCloseSkipped.ts';

export interface ProfileZooEntry {
  readonly name: string;
  readonly engine: Engine;
  /** one line: what is wrong */
  readonly bug: string;
  /** catalog ids this engine can violate under a policy that judges them (which profiles: matrix.ts) */
  readonly violates: readonly string[];
}

export const PROFILE_ZOO: readonly ProfileZooEntry[] = [
  { name: 'triggerFlipped', engine: triggerFlipped, bug: 'the params trigger read the other way round: strict acts at E = MM, inclusive does not', violates: ['LIQ-001', 'LIQ-002'] },
  { name: 'rateFromMarginLeft', engine: rateFromMarginLeft, bug: 'the penalty rate is the margin left, max(0, E)/N, not the step schedule', violates: ['LIQ-006', 'LIQ-016'] },
  { name: 'residueDropped', engine: residueDropped, bug: 'the sub-unit residue of a fill’s PnL is credited to no one', violates: ['LIQ-007'] },
  { name: 'pnlUnrounded', engine: pnlUnrounded, bug: 'realized PnL credited exactly, not floored to the quote unit', violates: ['LIQ-009'] },
  { name: 'sideOfPosition', engine: sideOfPosition, bug: 'a fill reports the side of the position it closes, not of the closing trade', violates: ['LIQ-008'] },
  { name: 'oneLotLeft', engine: oneLotLeft, bug: 'a close of a whole position sends one lot less', violates: ['LIQ-003', 'LIQ-021'] },
  { name: 'releasedMarginFee', engine: releasedMarginFee, bug: 'each fill is charged the maintenance margin it releases, uncapped', violates: ['LIQ-010', 'LIQ-028'] },
  { name: 'staleMarkCache', engine: staleMarkCache, bug: 'marks cached across calls: a market is valued at the previous call’s mark', violates: ['LIQ-012'] },
  { name: 'negativeFundClamped', engine: negativeFundClamped, bug: 'a negative insurance fund is read as 0 instead of refused', violates: ['LIQ-018'] },
  { name: 'shortsValuedAtEntry', engine: shortsValuedAtEntry, bug: 'a short’s maintenance brackets are applied to its notional at entry', violates: ['LIQ-013'] },
  { name: 'bankruptcyFilledUnderMark', engine: bankruptcyFilledUnderMark, bug: 'a mark-price policy’s closes fill at the bankruptcy price', violates: ['LIQ-024'] },
  { name: 'inputOrderUnder', engine: inputOrderUnder, bug: 'the close rule visits positions in input order, not largest notional first', violates: ['LIQ-014'] },
  { name: 'initialAsMaintenance', engine: initialAsMaintenance, bug: 'every bracket’s maintenance rate replaced by its initial-margin rate', violates: ['LIQ-001'] },
  { name: 'givesUpUnderwaterUnder', engine: givesUpUnderwaterUnder, bug: 'a liquidatable group with equity ≤ 0 gets no close', violates: ['LIQ-002', 'LIQ-015'] },
  { name: 'wholeCloseSkipped', engine: wholeCloseSkipped, bug: 'a close that would take a whole position is not sent', violates: ['LIQ-002'] },
  { name: 'lossAtMarkSocialized', engine: lossAtMarkSocialized, bug: 'the deficit at mark of an underwater group is reported as bad debt and socialized, the fund not drawn', violates: ['LIQ-005', 'LIQ-011'] },
  { name: 'coinPnlUnfloored', engine: coinPnlUnfloored, bug: 'an inverse fill’s coin PnL credited at three digits below the coin unit, not floored to it', violates: ['LIQ-009'] },
  { name: 'reciprocalRounded', engine: reciprocalRounded, bug: 'an inverse fill’s coin PnL computed from 1/price rounded to the coin unit, not as one exact quotient', violates: ['LIQ-030'] },
];
