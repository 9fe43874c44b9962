/**
 * Rebuilds, from a scenario and an engine's reported result, what each margin group looked like
 * before and after — using only the engine's own numbers (its fills and its account) — so that
 * invariants judge the engine's claims, not the reference's.
 *
 * @internal
 */
import { dmax, toCanonical, ZERO, type Dec } from '../model/decimal.ts';
import { groupHealth, type GroupHealth, type Valuation } from '../model/groupHealth.ts';
import { CROSS, marginGroups, type MarginGroup } from '../model/marginGroup.ts';
import { penaltyRate } from '../model/penaltyRate.ts';
import { isLiquidatable } from '../model/trigger.ts';
import type { ParsedFill } from '../model/parseResult.ts';
import type { Position } from '../model/types.ts';
import type { Case } from './invariant.ts';

export interface GroupLedger {
  readonly id: string;
  readonly before: MarginGroup;
  readonly healthBefore: GroupHealth;
  readonly liquidatable: boolean;
  /** the schedule's penalty rate for the group's distress before liquidation (null if healthy) */
  readonly rate: Dec | null;
  /** the engine's fills in this group's markets, in reported order */
  readonly fills: readonly ParsedFill[];
  /** the state the engine reports after liquidation */
  readonly after: MarginGroup;
  /** collateral implied by the engine's fills: C + Σ realizedPnl − Σ penalty (before any top-up) */
  readonly impliedCollateral: Dec;
}

export const s = toCanonical;

export function valuation(c: Case): Valuation {
  return { params: c.input.params, marks: c.input.marks };
}

/** Positions of the group's markets as the engine reports them after liquidation. */
function positionsAfter(c: Case, markets: ReadonlySet<string>): Position[] {
  return c.output.account.positions.filter((p) => markets.has(p.market));
}

/**
 * What the invariants of one case share: its ledger, the replays of its fills and the health of
 * its group states. One weak entry per case; the rest is held strongly by it (a weak map per state
 * would cost the garbage collector more than the health it saves).
 */
interface CaseMemo {
  readonly groups: readonly GroupLedger[];
  readonly replays: Map<GroupLedger, Replay>;
  readonly healths: Map<object, GroupHealth>;
}

const memos = new WeakMap<Case, CaseMemo>();

function memoOf(c: Case): CaseMemo {
  let m = memos.get(c);
  if (m === undefined) {
    m = { groups: buildLedger(c), replays: new Map(), healths: new Map() };
    memos.set(c, m);
  }
  return m;
}

/** The ledger of a case, computed once and shared by every invariant that reads it. */
export function ledger(c: Case): readonly GroupLedger[] {
  return memoOf(c).groups;
}

function buildLedger(c: Case): GroupLedger[] {
  const v = valuation(c);
  const groups = marginGroups(c.input);
  const partial = groups.map((g) => {
    const markets = new Set(g.positions.map((p) => p.market));
    const healthBefore = groupHealth(v, g);
    const liquidatable = isLiquidatable(v.params.trigger, healthBefore.equity, healthBefore.maintenance, g.positions.length > 0);
    const fills = c.output.fills.filter((f) => markets.has(f.market));
    const impliedCollateral = fills.reduce((acc, f) => acc.add(f.realizedPnl).sub(f.penalty), g.collateral);
    return {
      id: g.id,
      before: g,
      healthBefore,
      liquidatable,
      rate: liquidatable ? penaltyRate(v.params.steps, healthBefore.equity, healthBefore.maintenance) : null,
      fills,
      impliedCollateral,
      positions: positionsAfter(c, markets),
    };
  });
  // The margin of a fully closed isolated position returns to the cross pool (spec §4.1).
  let returned = ZERO;
  for (const g of partial) {
    if (g.id !== CROSS && g.positions.length === 0) returned = returned.add(dmax(ZERO, g.impliedCollateral));
  }
  return partial.map(({ positions, ...g }) => {
    let collateral: Dec;
    if (g.id === CROSS) collateral = c.output.account.collateral.sub(returned);
    else if (positions.length > 0) collateral = positions[0]!.isolatedMargin ?? ZERO;
    else collateral = dmax(ZERO, g.impliedCollateral);
    return { ...g, after: { id: g.id, collateral, positions } };
  });
}

/** Signed base amount a fill closes: a sell closes a long. */
export function signedClose(f: ParsedFill): Dec {
  return f.side === 'sell' ? f.size : f.size.neg();
}

/**
 * Replays a group's fills with the engine's numbers, calling `visit` with the group state after
 * each fill's PnL is realized and before its penalty (spec §7.3's `E⁻`).
 */
export function replayFills(
  c: Case,
  g: GroupLedger,
  visit: (f: ParsedFill, index: number, beforePenalty: MarginGroup, prior: MarginGroup) => void,
): MarginGroup {
  const r = replayOf(c, g);
  r.steps.forEach((step, i) => visit(g.fills[i]!, i, step.realized, step.prior));
  return r.final;
}

interface Replay {
  /** per fill: the group before it, and after its PnL is realized (before its penalty) */
  readonly steps: readonly { readonly prior: MarginGroup; readonly realized: MarginGroup }[];
  readonly final: MarginGroup;
}

// Several invariants replay the same fills (LIQ-004, 006, 010): the states are computed once per
// case, and being the same objects, their health is computed once too ({@link healthOf}).
function replayOf(c: Case, g: GroupLedger): Replay {
  const replays = memoOf(c).replays;
  const known = replays.get(g);
  if (known !== undefined) return known;
  const steps: { prior: MarginGroup; realized: MarginGroup }[] = [];
  let state: MarginGroup = g.before;
  for (const f of g.fills) {
    const positions = state.positions
      .map((p) => (p.market === f.market ? { ...p, size: p.size.sub(signedClose(f)) } : p))
      .filter((p) => !p.size.isZero());
    const realized: MarginGroup = { ...state, collateral: state.collateral.add(f.realizedPnl), positions };
    steps.push({ prior: state, realized });
    state = { ...realized, collateral: realized.collateral.sub(f.penalty) };
  }
  const r = { steps, final: state };
  replays.set(g, r);
  return r;
}

/**
 * `groupHealth` of a group state of this case's ledger (`g.after`, a replayed state), computed
 * once however many invariants ask: the states are immutable and belong to this case.
 */
export function healthOf(c: Case, g: Pick<MarginGroup, 'collateral' | 'positions'>): GroupHealth {
  const healths = memoOf(c).healths;
  let h = healths.get(g);
  if (h === undefined) {
    h = groupHealth(valuation(c), g);
    healths.set(g, h);
  }
  return h;
}
