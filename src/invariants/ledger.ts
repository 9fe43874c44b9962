/**
 * Rebuilds, from a scenario and an engine's reported result, what each margin group looked like
 * before and after — using only the engine's own numbers (its fills and its account) — so that
 * invariants judge the engine's claims, not the reference's.
 *
 * @remarks On the exact integer core (exactCase.ts): the case's amounts are converted once, and
 * the ledger, the replays of its fills and the health of every state are computed once per case
 * for all the invariants that read them.
 * @internal
 */
import { toCanonical, type Dec } from '../model/decimal.ts';
import { Fixed, FZERO, fmax, toCanonical as fixedCanonical } from '../model/fixed.ts';
import { crossValuation, groupHealth, isLiquidatable, marginGroups, type FHealth, type FPosition, type FValuation } from '../model/fixedCore.ts';
import { holdingsOf, UNIT_DEBT, type FHoldings } from '../model/collateralAsset.ts';
import { assetsOf } from './assetsOf.ts';
import { penaltyRateOf } from '../policy/penalty/penaltyRateOf.ts';
import { CROSS } from '../model/marginGroup.ts';
import { exactCase, type ExactCase, type ExactFill } from './exactCase.ts';
import type { Case } from './invariant.ts';

/** A margin group's state in exact amounts. */
export interface ExactGroup {
  readonly id: string;
  readonly collateral: Fixed;
  readonly positions: readonly FPosition[];
  /**
   * The valuation its health reads when it is not the case's: the cross group's with the assets
   * it holds (spec §13.2) — before the sales for the states the fills leave, after them for `after`.
   */
  readonly v?: FValuation;
}

export interface GroupLedger {
  readonly id: string;
  readonly before: ExactGroup;
  readonly healthBefore: FHealth;
  readonly liquidatable: boolean;
  /** the policy's penalty rate for the group's distress before liquidation (null if healthy) */
  readonly rate: Fixed | null;
  /** the engine's fills in this group's markets, in reported order */
  readonly fills: readonly ExactFill[];
  /** the state the engine reports after liquidation */
  readonly after: ExactGroup;
  /**
   * collateral implied by the engine's fills: C + Σ realizedPnl − Σ penalty (before any top-up),
   * plus, for the cross group, the proceeds of the engine's sales (§13.3: bankruptcy reads C after them)
   */
  readonly impliedCollateral: Fixed;
  /** Σ proceeds of the engine's sales (cross group, spec §13.4); zero otherwise */
  readonly proceeds: Fixed;
}

/** Canonical string of an amount, exact or decimal (the same text for the same value). */
export function s(x: Dec | Fixed): string {
  return x instanceof Fixed ? fixedCanonical(x) : toCanonical(x);
}

/**
 * What the invariants of one case share: its exact amounts, its ledger, the replays of its fills
 * and the health of its group states. One weak entry per case; the rest is held strongly by it (a
 * weak map per state would cost the garbage collector more than the health it saves).
 */
interface CaseMemo {
  readonly exact: ExactCase;
  groups: readonly GroupLedger[] | null;
  readonly replays: Map<GroupLedger, Replay>;
  readonly healths: Map<object, FHealth>;
}

const memos = new WeakMap<Case, CaseMemo>();

function memoOf(c: Case): CaseMemo {
  let m = memos.get(c);
  if (m === undefined) {
    m = { exact: exactCase(c), groups: null, replays: new Map(), healths: new Map() };
    memos.set(c, m);
  }
  return m;
}

/** The case's amounts as exact integers, converted once and shared by every invariant. */
export function exactOf(c: Case): ExactCase {
  return memoOf(c).exact;
}

/** The ledger of a case, computed once and shared by every invariant that reads it. */
export function ledger(c: Case): readonly GroupLedger[] {
  const m = memoOf(c);
  return (m.groups ??= buildLedger(c, m.exact));
}

function buildLedger(c: Case, x: ExactCase): GroupLedger[] {
  const { v } = x;
  const held = crossHoldings(c, x);
  const crossV = crossValuation(v, held?.before);
  const afterV = crossValuation(v, held?.after);
  const partial = marginGroups(v, x.collateral, x.positions, crossV).map((g) => {
    const markets = new Set(g.positions.map((p) => p.market));
    const healthBefore = g.health;
    const cross = g.id === CROSS;
    // §13.3: a cross group with assets and no position is judged by §4.3's comparison too when it
    // holds an asset or borrows quote (a token-only account, Mango's token liquidation).
    const exposed = g.positions.length > 0 || (cross && held !== undefined && (held.before.balances.size > 0 || g.collateral.sign() < 0));
    const liquidatable = isLiquidatable(v.params.trigger, healthBefore.equity, healthBefore.maintenance, exposed);
    const fills = x.output.fills.filter((f) => markets.has(f.market));
    const proceeds = cross && held !== undefined ? held.proceeds : FZERO;
    const impliedCollateral = fills.reduce((acc, f) => acc.add(f.realizedPnl).sub(f.penalty), g.collateral).add(proceeds);
    return {
      id: g.id,
      before: { id: g.id, collateral: g.collateral, positions: g.positions, ...(cross && held !== undefined ? { v: crossV } : {}) },
      healthBefore,
      liquidatable,
      // §10.5: the rate of the scenario's penalty part (the step schedule of §5.1 by default).
      rate: liquidatable ? penaltyRateOf(x.policy.penalty, cross ? crossV : v, healthBefore) : null,
      fills,
      impliedCollateral,
      proceeds,
      // Positions of the group's markets as the engine reports them after liquidation.
      positions: x.output.account.positions.filter((p) => markets.has(p.market)),
    };
  });
  // The margin of a fully closed isolated position returns to the cross pool (spec §4.1).
  let returned = FZERO;
  for (const g of partial) {
    if (g.id !== CROSS && g.positions.length === 0) returned = returned.add(fmax(FZERO, g.impliedCollateral));
  }
  return partial.map(({ positions, ...g }) => {
    let collateral: Fixed;
    if (g.id === CROSS) collateral = x.output.account.collateral.sub(returned);
    else if (positions.length > 0) collateral = positions[0]!.isolatedMargin ?? FZERO;
    else collateral = fmax(FZERO, g.impliedCollateral);
    return { ...g, after: { id: g.id, collateral, positions, ...(g.id === CROSS && held !== undefined ? { v: afterV } : {}) } };
  });
}

/** Signed base amount a fill closes: a sell closes a long. */
export function signedClose(f: ExactFill): Fixed {
  return f.side === 'sell' ? f.size : f.size.neg();
}

/**
 * Replays a group's fills with the engine's numbers, calling `visit` with the group state after
 * each fill's PnL is realized and before its penalty (spec §7.3's `E⁻`).
 */
export function replayFills(
  c: Case,
  g: GroupLedger,
  visit: (f: ExactFill, index: number, beforePenalty: ExactGroup, prior: ExactGroup) => void,
): ExactGroup {
  const r = replayOf(c, g);
  r.steps.forEach((step, i) => visit(g.fills[i]!, i, step.realized, step.prior));
  return r.final;
}

interface Replay {
  /** per fill: the group before it, and after its PnL is realized (before its penalty) */
  readonly steps: readonly { readonly prior: ExactGroup; readonly realized: ExactGroup }[];
  readonly final: ExactGroup;
}

// Several invariants replay the same fills (LIQ-004, 006, 010): the states are computed once per
// case, and being the same objects, their health is computed once too ({@link healthOf}).
function replayOf(c: Case, g: GroupLedger): Replay {
  const replays = memoOf(c).replays;
  const known = replays.get(g);
  if (known !== undefined) return known;
  const steps: { prior: ExactGroup; realized: ExactGroup }[] = [];
  let state: ExactGroup = g.before;
  for (const f of g.fills) {
    const positions = state.positions
      .map((p) => (p.market === f.market ? { ...p, size: p.size.sub(signedClose(f)) } : p))
      .filter((p) => !p.size.isZero());
    const realized: ExactGroup = { ...state, collateral: state.collateral.add(f.realizedPnl), positions };
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
export function healthOf(c: Case, g: Pick<ExactGroup, 'collateral' | 'positions' | 'v'>): FHealth {
  const m = memoOf(c);
  let h = m.healths.get(g);
  if (h === undefined) {
    h = groupHealth(g.v ?? m.exact.v, g);
    m.healths.set(g, h);
  }
  return h;
}

/** The valuation a group state's health reads: its own (the cross group's with assets) or the case's. */
export function valuationOf(c: Case, g: Pick<ExactGroup, 'v'>): FValuation {
  return g.v ?? memoOf(c).exact.v;
}

/**
 * The cross group's assets before (the scenario's) and after (the engine's reported balances),
 * and the proceeds of the engine's sales; undefined without `params.assets` (spec §13.1).
 */
function crossHoldings(c: Case, x: ExactCase): { readonly before: FHoldings; readonly after: FHoldings; readonly proceeds: Fixed } | undefined {
  const assets = x.v.params.assets;
  const ac = assetsOf(c);
  if (assets === undefined || ac === null) return undefined;
  const prices = new Map<string, Fixed>();
  for (const a of ac.assets) if (a.price !== null) prices.set(a.id, a.price);
  const debt = x.v.params.quoteDebt ?? UNIT_DEBT;
  // An asset the engine reports that the params do not know, or one without a price, is LIQ-033's
  // (and LIQ-000's) to flag: it is left out of the valuation here.
  const known = (m: ReadonlyMap<string, Fixed>): Map<string, Fixed> => new Map([...m].filter(([id, a]) => assets.has(id) && prices.has(id) && a.sign() > 0));
  return {
    before: holdingsOf(assets, debt, prices, known(ac.before)),
    after: holdingsOf(assets, debt, prices, known(ac.after)),
    proceeds: ac.sales.reduce((acc, s) => acc.add(s.proceeds), FZERO),
  };
}

/** Whether a group state holds any asset (the cross group's, spec §13.3: then a negative C is borrowed quote, not bad debt). */
export function holdsAssets(g: Pick<ExactGroup, 'v'>): boolean {
  return (g.v?.holdings?.balances.size ?? 0) > 0;
}

/**
 * The cross group as its positions' step left it (spec §13.3 step 1): the collateral after the
 * fills and before the sales' proceeds, the assets before. Other groups: `g.after` itself.
 */
export function afterFills(g: GroupLedger): ExactGroup {
  if (g.before.v === undefined) return g.after;
  return { ...g.after, collateral: g.after.collateral.sub(g.proceeds), v: g.before.v };
}
