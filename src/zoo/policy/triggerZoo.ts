/**
 * Wrong engines of the trigger part (issue 11; spec §10.8): each is the reference under a backstop
 * trigger with the backstop's decision or its takeover swapped for one with a single, realistic
 * bug — the comparison at the threshold, the requirement it is read on, what the takeover charges,
 * at what price it takes over.
 */
import { Fixed } from '../../model/fixed.ts';
import type { FHealth } from '../../model/fixedCore.ts';
import type { Trigger as TriggerMode } from '../../model/types.ts';
import { penaltyRate } from '../../model/fixedCore.ts';
import { full } from '../../policy/closeSize/full.ts';
import { minimal } from '../../policy/closeSize/minimal.ts';
import type { FTrigger } from '../../policy/policy.ts';
import { executeClose } from '../../policy/price/executeClose.ts';
import { backstopWith, takeOverAtMark } from '../../policy/trigger/backstop.ts';
import type { Policy } from '../../wire/policy.ts';
import type { PolicyZooEntry } from './policyZooEntry.ts';
import { BOOK_ZOO } from './bookZoo.ts';
import { CLOSE_SIZE_ZOO } from './closeSizeZoo.ts';
import { PENALTY_ZOO } from './penaltyZoo.ts';
import { withPartSwap } from './support.ts';

/** Hyperliquid's threshold, 2/3 of maintenance, over the reference's minimal close. */
const TWO_THIRDS: Policy = { trigger: { kind: 'backstop', numerator: '2', denominator: '3' } };

/**
 * A threshold of 1/1 (every liquidatable group is taken over): the scenario generator puts a
 * group's margin ratio at exactly 1 in about one group in six, so under the inclusive trigger the
 * threshold itself, `E = MM`, really occurs. 2/3 has no terminating decimal, so no generated
 * equity lands exactly on it; 1/2 (a penalty step the generator also hits) occurs too seldom.
 */
const WHOLE: Policy = { trigger: { kind: 'backstop', numerator: '1', denominator: '1' } };

type Decide = (t: FTrigger, mode: TriggerMode, before: FHealth) => boolean;

/** `d·E` against `n·X`, under the comparison `below`. */
function threshold(read: (h: FHealth) => Fixed, below: (mode: TriggerMode, lhs: Fixed, rhs: Fixed) => boolean): Decide {
  return (t, mode, before) => {
    if (t.kind !== 'backstop') return false;
    return below(mode, new Fixed(t.denominator, 0).mul(before.equity), new Fixed(t.numerator, 0).mul(read(before)));
  };
}

/**
 * Another part's wrong engine re-declared under the 2/3 backstop: the backstop keeps that part's
 * promises for the groups it does not take over (§10.7), so the bug is still caught above the
 * threshold — the invariants skip only the groups taken over.
 */
function underBackstop(zoo: readonly PolicyZooEntry[], name: string): PolicyZooEntry {
  const z = zoo.find((e) => e.name === name);
  if (z === undefined) throw new Error(`no policy zoo engine ${name}`);
  return { ...z, name: `${name}UnderBackstop`, policy: { ...z.policy, ...TWO_THIRDS }, bug: `${z.bug} (declared under a 2/3 backstop: caught above the threshold)` };
}

export const TRIGGER_ZOO: readonly PolicyZooEntry[] = [
  {
    name: 'backstopAtThreshold',
    policy: WHOLE,
    // The trigger's comparison the other way round: `≤` under strict, `<` under inclusive.
    engine: withPartSwap({ backstopped: threshold((h) => h.maintenance, (mode, l, r) => (mode === 'strict' ? l.lte(r) : l.lt(r))) }),
    bug: 'compares the backstop threshold with ≤ under the strict trigger and < under the inclusive one, so a group exactly at n/d of MM goes the wrong way',
    violates: ['LIQ-027'],
  },
  {
    name: 'backstopOnTarget',
    policy: TWO_THIRDS,
    engine: withPartSwap({ backstopped: threshold((h) => h.target, (mode, l, r) => (mode === 'strict' ? l.lt(r) : l.lte(r))) }),
    bug: 'reads the backstop threshold on the buffered target T instead of the maintenance requirement MM, taking over groups between n/d·MM and n/d·T',
    violates: ['LIQ-027'],
  },
  {
    name: 'backstopKeepsEquity',
    policy: TWO_THIRDS,
    // Transfers the positions at mark but not the margin: the trader keeps its collateral.
    engine: withPartSwap({ backstop: (cx, g) => full({ ...cx, execute: takeOverAtMark }, g) }),
    bug: 'the backstop takes the positions over at mark but leaves the trader the remaining collateral',
    violates: ['LIQ-027'],
  },
  {
    name: 'backstopWithImpact',
    policy: TWO_THIRDS,
    // The takeover executed by the price part: at the mark conceded by the price impact.
    engine: withPartSwap({ backstop: backstopWith(executeClose) }),
    bug: 'the backstop takes the positions over at the price-impacted execution price of §7.1 instead of the mark',
    violates: ['LIQ-027', 'LIQ-024'],
  },
  {
    name: 'smallestFirstUnderBackstop',
    policy: TWO_THIRDS,
    // §6.2's order read backwards: the minimal loop starts at the smallest notional.
    engine: withPartSwap({ close: (cx, g) => minimal({ ...cx, order: [...cx.order].reverse() }, g) }),
    bug: 'the minimal close walks the positions smallest notional first (declared under a 2/3 backstop: caught above the threshold)',
    violates: ['LIQ-004'],
    shape: 'crossMulti',
  },
  {
    name: 'stepRateOnTargetUnderBackstop',
    policy: TWO_THIRDS,
    // The step schedule read on the buffered target T instead of MM: E/T < E/MM can reach a higher step.
    engine: withPartSwap({ rate: (_p, v, before) => penaltyRate(v.params.steps, before.equity, before.target)! }),
    bug: 'the step schedule is read on E/T (the buffered target) instead of E/MM (declared under a 2/3 backstop: caught above the threshold)',
    violates: ['LIQ-006'],
  },
  underBackstop(CLOSE_SIZE_ZOO, 'portionRoundedDown'),
  underBackstop(CLOSE_SIZE_ZOO, 'stepDownOneTooFar'),
  underBackstop(CLOSE_SIZE_ZOO, 'requestWithoutCloseFactor'),
  underBackstop(BOOK_ZOO, 'bookSkipsBestLevel'),
  underBackstop(PENALTY_ZOO, 'linearNeighbourSegment'),
];
