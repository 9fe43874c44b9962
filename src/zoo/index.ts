/**
 * The zoo: deliberately wrong engines, each a realistic bug, each built from the reference by
 * changing one thing. Every invariant of the catalog is violated by at least one of them — the
 * evidence that the checks can fail (properties/zoo.test.ts).
 */
import type { Engine } from '../model/types.ts';
import { alwaysFull } from './alwaysFull.ts';
import { feeLeak } from './feeLeak.ts';
import { floatEngine } from './floatEngine.ts';
import { givesUpUnderwater } from './givesUpUnderwater.ts';
import { ignoresDust } from './ignoresDust.ts';
import { inputOrder } from './inputOrder.ts';
import { insuranceIgnored } from './insuranceIgnored.ts';
import { insuranceOverdrawn } from './insuranceOverdrawn.ts';
import { negativeCollateral } from './negativeCollateral.ts';
import { nondeterministic } from './nondeterministic.ts';
import { oneLotMore } from './oneLotMore.ts';
import { oneLotShort } from './oneLotShort.ts';
import { penaltyRebate } from './penaltyRebate.ts';
import { positionFlipped } from './positionFlipped.ts';
import { reversedSchedule } from './reversedSchedule.ts';
import { roundedToNearest } from './roundedToNearest.ts';
import { shortBias } from './shortBias.ts';
import { tierOffByOne } from './tierOffByOne.ts';
import { triggerOnTarget } from './triggerOnTarget.ts';
import { triggerSwapped } from './triggerSwapped.ts';
import { uncappedPenalty } from './uncappedPenalty.ts';
// Bugs only a run that varies the parameters, sizes accounts up and forces ties can reach.
import { impactSignFlipped } from './impactSignFlipped.ts';
import { largestThenInputOrder } from './largestThenInputOrder.ts';
import { lotFromDecimals } from './lotFromDecimals.ts';
import { quoteScaleFixed } from './quoteScaleFixed.ts';
import { ratioTowardZero } from './ratioTowardZero.ts';
import { shareFixed } from './shareFixed.ts';
import { strictOnly } from './strictOnly.ts';
import { tieByLocale } from './tieByLocale.ts';

export interface ZooEntry {
  readonly name: string;
  readonly engine: Engine;
  /** one line: what is wrong */
  readonly bug: string;
  /** catalog ids this engine is shown to violate */
  readonly violates: readonly string[];
  /**
   * What the bug needs that the built-in profile alone never generates: these engines pass a
   * fixed-profile run and must be caught by the default run (properties/defaultRun.test.ts).
   */
  readonly needs?: string;
}

export const ZOO: readonly ZooEntry[] = [
  { name: 'oneLotShort', engine: oneLotShort, bug: 'a partial close is one lot short of the minimal close', violates: ['LIQ-003'] },
  { name: 'roundedToNearest', engine: roundedToNearest, bug: 'close size = closed-form root rounded to the nearest lot, not verified', violates: ['LIQ-003'] },
  { name: 'oneLotMore', engine: oneLotMore, bug: 'a partial close overshoots the minimal close by one lot', violates: ['LIQ-004'] },
  { name: 'alwaysFull', engine: alwaysFull, bug: 'every position of a liquidatable group is closed in full', violates: ['LIQ-004'] },
  { name: 'uncappedPenalty', engine: uncappedPenalty, bug: 'the penalty is not capped by the equity left', violates: ['LIQ-010'] },
  { name: 'triggerSwapped', engine: triggerSwapped, bug: 'strict and inclusive trigger boundaries swapped', violates: ['LIQ-001', 'LIQ-002'] },
  { name: 'triggerOnTarget', engine: triggerOnTarget, bug: 'liquidates when E < target (buffered) instead of E < MM', violates: ['LIQ-001'] },
  { name: 'positionFlipped', engine: positionFlipped, bug: 'a full close sends one lot too many and flips the position', violates: ['LIQ-008'] },
  { name: 'penaltyRebate', engine: penaltyRebate, bug: 'half the penalty rate on fills with notional ≥ 100000', violates: ['LIQ-006'] },
  { name: 'insuranceIgnored', engine: insuranceIgnored, bug: 'bad debt socialized in full, the insurance fund pays nothing', violates: ['LIQ-011'] },
  { name: 'insuranceOverdrawn', engine: insuranceOverdrawn, bug: 'the insurance fund pays the whole deficit, going negative', violates: ['LIQ-011'] },
  { name: 'negativeCollateral', engine: negativeCollateral, bug: 'no bankruptcy handling: negative collateral kept, no bad debt reported', violates: ['LIQ-005'] },
  { name: 'feeLeak', engine: feeLeak, bug: 'the insurance fee is floored too, the split residue vanishes', violates: ['LIQ-007'] },
  { name: 'floatEngine', engine: floatEngine, bug: 'binary floating-point arithmetic instead of exact decimals', violates: ['LIQ-009', 'LIQ-007', 'LIQ-018'] },
  { name: 'tierOffByOne', engine: tierOffByOne, bug: 'maintenance bracket lookup returns the bracket below', violates: ['LIQ-002', 'LIQ-003', 'LIQ-017'] },
  { name: 'ignoresDust', engine: ignoresDust, bug: 'reductions may leave a position below the dust notional', violates: ['LIQ-009'] },
  { name: 'inputOrder', engine: inputOrder, bug: 'cross positions liquidated in input order instead of by notional', violates: ['LIQ-014', 'LIQ-004'] },
  { name: 'shortBias', engine: shortBias, bug: 'short penalties computed on notional at entry price instead of mark', violates: ['LIQ-013', 'LIQ-006'] },
  { name: 'nondeterministic', engine: nondeterministic, bug: 'a call counter rounds the liquidator fee up every other call', violates: ['LIQ-012'] },
  { name: 'givesUpUnderwater', engine: givesUpUnderwater, bug: 'groups with equity ≤ 0 are reported healthy', violates: ['LIQ-002', 'LIQ-015'] },
  { name: 'reversedSchedule', engine: reversedSchedule, bug: 'penalty schedule read backwards: most distressed pays the lowest rate', violates: ['LIQ-016', 'LIQ-006'] },
  { name: 'impactSignFlipped', engine: impactSignFlipped, bug: 'price impact applied with the wrong sign: fills pay the trader a premium over mark', violates: ['LIQ-024'], needs: 'a price impact' },
  { name: 'strictOnly', engine: strictOnly, bug: 'the trigger parameter is ignored: E < MM even under the inclusive trigger', violates: ['LIQ-002'], needs: 'the inclusive trigger' },
  { name: 'quoteScaleFixed', engine: quoteScaleFixed, bug: 'quote amounts rounded to 10^−6 whatever the quote scale', violates: ['LIQ-009', 'LIQ-006'], needs: 'a quote scale other than 6' },
  { name: 'lotFromDecimals', engine: lotFromDecimals, bug: 'the lot taken as a count of decimals: sizes rounded to 10^−d, not to the lot', violates: ['LIQ-009'], needs: 'a lot that is not a power of ten' },
  { name: 'shareFixed', engine: shareFixed, bug: 'the liquidator always gets half the penalty, whatever the share', violates: ['LIQ-006'], needs: 'a liquidator share other than 0.5' },
  { name: 'largestThenInputOrder', engine: largestThenInputOrder, bug: 'the largest position first, then the others in input order', violates: ['LIQ-004', 'LIQ-014'], needs: 'three positions or more' },
  { name: 'tieByLocale', engine: tieByLocale, bug: 'equal notionals ordered by localeCompare of the market ids, not code-unit order', violates: ['LIQ-004'], needs: 'equal notionals across markets whose ids collate differently' },
  { name: 'ratioTowardZero', engine: ratioTowardZero, bug: 'margin ratio truncated toward zero instead of rounded down', violates: ['LIQ-017'], needs: 'a negative margin ratio that does not terminate' },
];
