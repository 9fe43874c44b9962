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

const ledgers = new WeakMap<Case, readonly GroupLedger[]>();

/** The ledger of a case, computed once and shared by every invariant that reads it. */
export function ledger(c: Case): readonly GroupLedger[] {
  let l = ledgers.get(c);
  if (l === undefined) {
    l = buildLedger(c);
    ledgers.set(c, l);
  }
  return l;
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
  g: GroupLedger,
  visit: (f: ParsedFill, index: number, beforePenalty: MarginGroup, prior: MarginGroup) => void,
): MarginGroup {
  let state: MarginGroup = g.before;
  g.fills.forEach((f, i) => {
    const positions = state.positions
      .map((p) => (p.market === f.market ? { ...p, size: p.size.sub(signedClose(f)) } : p))
      .filter((p) => !p.size.isZero());
    const realized: MarginGroup = { ...state, collateral: state.collateral.add(f.realizedPnl), positions };
    visit(f, i, realized, state);
    state = { ...realized, collateral: realized.collateral.sub(f.penalty) };
  });
  return state;
}
