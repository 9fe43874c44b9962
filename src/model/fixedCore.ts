/**
 * The reference engine's hot path on exact integer amounts ({@link Fixed}): the same rules, in the
 * same order and with the same roundings, as groupHealth.ts, maintenanceMargin.ts,
 * executionPrice.ts, penaltyRate.ts, trigger.ts, closeFill.ts, minimalClose.ts and
 * liquidateGroup.ts, which stay the decimal.js form of the spec that the invariants, the zoo and
 * the fuzzers compose with. Each section below names the spec sections and the file it mirrors.
 *
 * @remarks Why a second form: decimal.js at 200 digits was half of all CPU time, and the exported
 * `Dec` functions are an API the rest of the code base builds on (the zoo swaps single rules).
 * `liquidateParsed` runs this core whenever the rules are the reference rules;
 * properties/integerCore.test.ts checks it byte-identical to the decimal.js path, which remains
 * the oracle. Two shortcuts keep it linear in positions: a group carries its health (§4.2 sums)
 * and each fill or candidate updates it by replacing one position's terms instead of summing the
 * group again, and the tier of a notional is found by binary search.
 * @see docs/spec.md#12-arithmetic
 */
import type { Dec } from './decimal.ts';
import { ceilDiv, ceilTo, FONE, FZERO, Fixed, floorDiv, floorTo, fmax, fmin, fromDec, pow10, toCanonical } from './fixed.ts';
import { CROSS } from './marginGroup.ts';
import { LINEAR, pnlOf, valueOf, type FContract } from './contract.ts';
import { fixedAsset, fixedQuoteDebt, holdingsOf, quoteDebtTerms, UNIT_DEBT, type FAsset, type FHoldings, type FQuoteDebt } from './collateralAsset.ts';
import type { ParsedParams, ParsedScenario, Status, Trigger } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Inputs on the integer core

export interface FTier {
  readonly floor: Fixed;
  readonly rate: Fixed;
  readonly amount: Fixed;
}

export interface FMarket {
  readonly lot: Fixed;
  readonly tick: Fixed;
  readonly tiers: readonly FTier[];
  /** the contract kind (spec §12.1): {@link LINEAR} for a linear market */
  readonly contract: FContract;
}

export interface FParams {
  readonly unit: Fixed;
  readonly trigger: Trigger;
  readonly buffer: Fixed;
  readonly steps: readonly { readonly maxMarginRatio: Fixed; readonly rate: Fixed }[];
  readonly liquidatorShare: Fixed;
  readonly dustNotional: Fixed;
  readonly priceImpact: Fixed;
  readonly markets: ReadonlyMap<string, FMarket>;
  /** the collateral assets (spec §13.1), present iff `params.assets` is */
  readonly assets?: ReadonlyMap<string, FAsset>;
  /** `l`, `l′` (spec §13.1), present iff `assets` is (`1`, `1` by default) */
  readonly quoteDebt?: FQuoteDebt;
}

export interface FPosition {
  readonly market: string;
  readonly size: Fixed;
  readonly entry: Fixed;
  readonly isolatedMargin: Fixed | null;
}

export interface FGroup {
  readonly id: string;
  readonly collateral: Fixed;
  readonly positions: readonly FPosition[];
  /** the group's health at mark, kept up to date fill by fill (§4.2 sums, updated exactly) */
  readonly health: FHealth;
}

export interface FValuation {
  readonly params: FParams;
  readonly marks: ReadonlyMap<string, Fixed>;
  /**
   * A policy's requirement of one position (spec §10.2), when it is not the tiers at mark of §3:
   * set by the policy frame (src/policy/liquidateGroupUnder.ts), so this core stays policy-blind.
   */
  readonly requirement?: RequirementFn;
  /**
   * The cross group's assets (spec §13.2), on the cross group's valuation only
   * ({@link crossValuation}): their sums are added to that group's equity and target.
   */
  readonly holdings?: FHoldings;
}

/**
 * How a policy requirement of tier brackets is piecewise linear in a position's size (spec §10.2),
 * for the walk of §6.3: brackets of `|q|·V` with `V` the mark or the entry price, plus
 * `β·max(0, −U)`, which is `β·λ` per unit of size with `λ = max(0, sgn(q)·(e − P))`.
 */
export interface LinearRequirement {
  readonly atEntry: boolean;
  readonly lossBuffer: Fixed;
}

/** A policy's requirement of one position; `linear` is set when it has the shape §6.3's walk needs. */
export type RequirementFn = ((market: string, size: Fixed, entry: Fixed, notional: Fixed) => Fixed) & { readonly linear?: LinearRequirement };

// Parsed parameter sets are shared across scenarios (parseScenario caches frozen ones): convert once.
const paramsCache = new WeakMap<ParsedParams, FParams>();

export function fixedParams(p: ParsedParams): FParams {
  const hit = paramsCache.get(p);
  if (hit !== undefined) return hit;
  const markets = new Map<string, FMarket>();
  for (const [id, m] of p.markets) {
    markets.set(id, {
      lot: fromDec(m.lot),
      tick: fromDec(m.tick),
      tiers: m.tiers.map((t) => ({ floor: fromDec(t.floor), rate: fromDec(t.rate), amount: fromDec(t.amount) })),
      contract: m.contract === undefined || m.contract.kind === 'linear' ? LINEAR : Object.freeze({ kind: 'inverse', value: fromDec(m.contract.value) }),
    });
  }
  const out: FParams = {
    unit: fromDec(p.unit),
    trigger: p.trigger,
    buffer: fromDec(p.buffer),
    steps: p.steps.map((s) => ({ maxMarginRatio: fromDec(s.maxMarginRatio), rate: fromDec(s.rate) })),
    liquidatorShare: fromDec(p.liquidatorShare),
    dustNotional: fromDec(p.dustNotional),
    priceImpact: fromDec(p.priceImpact),
    markets,
    ...(p.assets === undefined ? {} : { assets: new Map([...p.assets].map(([id, a]) => [id, fixedAsset(a)])), quoteDebt: fixedQuoteDebt(p.quoteDebt) }),
  };
  paramsCache.set(p, out);
  return out;
}

export function fixedMarks(marks: ReadonlyMap<string, Dec>): Map<string, Fixed> {
  const out = new Map<string, Fixed>();
  for (const [id, p] of marks) out.set(id, fromDec(p));
  return out;
}

// Not memoised per parsed object: a WeakMap lookup and insertion cost more than the conversion
// on the wire path, where every scenario is freshly parsed (measured, bench/bench.ts reference row).
export function fixedPositions(sc: Pick<ParsedScenario, 'positions'>): FPosition[] {
  return sc.positions.map((p) => ({
    market: p.market,
    size: fromDec(p.size),
    entry: fromDec(p.entry),
    isolatedMargin: p.isolatedMargin === null ? null : fromDec(p.isolatedMargin),
  }));
}

/**
 * The cross group's holdings of a parsed scenario (spec §13.2), `undefined` when its params have no
 * assets: the balances and prices converted once, with their weighted sums.
 */
export function scenarioHoldings(sc: Pick<ParsedScenario, 'assets' | 'assetPrices'>, params: FParams): FHoldings | undefined {
  if (params.assets === undefined) return undefined;
  const prices = new Map<string, Fixed>();
  for (const [id, p] of sc.assetPrices ?? []) prices.set(id, fromDec(p));
  const balances = new Map<string, Fixed>();
  for (const [id, a] of sc.assets ?? []) balances.set(id, fromDec(a));
  return holdingsOf(params.assets, params.quoteDebt ?? UNIT_DEBT, prices, balances);
}

/**
 * The valuation of the cross group: `v` with the assets' terms (spec §13.2) when the params have
 * assets, `v` itself otherwise (so a scenario without assets is valued exactly as before).
 */
export function crossValuation(v: FValuation, holdings: FHoldings | undefined): FValuation {
  return holdings === undefined ? v : { ...v, holdings };
}

/**
 * §4.1 groups in processing order (marginGroup.ts): cross first, then isolated by market id. The
 * cross group's health is on `cross` (its valuation with the assets, {@link crossValuation}).
 */
export function marginGroups(v: FValuation, collateral: Fixed, positions: readonly FPosition[], cross: FValuation = v): FGroup[] {
  const crossPositions = positions.filter((p) => p.isolatedMargin === null);
  const isolated = positions
    .filter((p) => p.isolatedMargin !== null)
    .sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : 0));
  return [groupOf(cross, CROSS, collateral, crossPositions), ...isolated.map((p) => groupOf(v, p.market, p.isolatedMargin ?? FZERO, [p]))];
}

// A module-level function, not a closure per call: under tsx (esbuild keepNames) every named
// closure created pays a `name` definition; over the hot paths that was ≈ 6 % of a catalog case's
// profile (bench/bench.ts runs under tsx).
function groupOf(w: FValuation, id: string, c: Fixed, ps: readonly FPosition[]): FGroup {
  return { id, collateral: c, positions: ps, health: groupHealth(w, { collateral: c, positions: ps }) };
}

// ---------------------------------------------------------------------------------------------
// §3, §4: tiers, equity and requirement (maintenanceMargin.ts, groupHealth.ts)

export function markOf(v: FValuation, market: string): Fixed {
  return v.marks.get(market)!; // parse guarantees it
}

export function marketOf(v: FValuation, market: string): FMarket {
  return v.params.markets.get(market)!; // parse guarantees it
}

/** Largest `k` with `floor_k ≤ n`: a binary search (floors strictly increase from L_0 = 0, §3). */
export function tierIndex(tiers: readonly FTier[], n: Fixed): number {
  let lo = 0;
  let hi = tiers.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tiers[mid]!.floor.lte(n)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** `MM(N) = N · r_n − cum_n` */
export function maintenanceMargin(tiers: readonly FTier[], n: Fixed): Fixed {
  const t = tiers[tierIndex(tiers, n)]!;
  return n.mul(t.rate).sub(t.amount);
}

export interface FHealth {
  readonly equity: Fixed;
  readonly maintenance: Fixed;
  readonly notional: Fixed;
  readonly target: Fixed;
}

/**
 * One position's terms of the §4.2 sums: `U_i = q·(P − e)`, `MM_i(N_i)`, `N_i = |q|·P` — on an
 * inverse market §12.2's `U(q, e, P)` and `N(q, P)` (contract.ts).
 */
export interface Terms {
  readonly pnl: Fixed;
  readonly maintenance: Fixed;
  readonly notional: Fixed;
}

export function termsOf(v: FValuation, market: string, size: Fixed, entry: Fixed): Terms {
  const mark = markOf(v, market);
  const { contract, tiers } = marketOf(v, market);
  const { unit } = v.params;
  const notional = valueOf(contract, size.abs(), mark, unit);
  const maintenance = v.requirement === undefined ? maintenanceMargin(tiers, notional) : v.requirement(market, size, entry, notional);
  return { pnl: pnlOf(contract, size, entry, mark, unit), maintenance, notional };
}

/**
 * `T = MM + b·N`, plus on the cross group's valuation the assets' constant `Σ a·p·(w − w′)`
 * (§13.2). `equity` carries the assets' `Σ a·p·w` already ({@link groupHealth} adds it once; a fill
 * only adds its PnL and penalty to it). The kink `Ĉ − Ĉ′` is not here: it is nonzero only with
 * `l ≠ 1` or `l′ ≠ 1`, where the group holds no position (§13.1), so only groupHealth builds it.
 */
export function healthOf(v: FValuation, equity: Fixed, maintenance: Fixed, notional: Fixed): FHealth {
  const target = maintenance.add(v.params.buffer.mul(notional));
  return { equity, maintenance, notional, target: v.holdings === undefined ? target : target.add(v.holdings.target) };
}

/**
 * `E = C + Σ U_i`, `MM = Σ MM_i(N_i)`, `T = MM + b·Σ N_i`, summed over the whole group; on the
 * cross group's valuation with assets, §13.2's `E = Ĉ + Σ a·p·w + Σ U` and `T` with
 * `Σ a·p·(w − w′) + (Ĉ − Ĉ′)`.
 */
export function groupHealth(v: FValuation, g: Pick<FGroup, 'collateral' | 'positions'>): FHealth {
  const h = v.holdings;
  const kink = h === undefined ? undefined : quoteDebtTerms(h.quoteDebt, g.collateral);
  let equity = h === undefined ? g.collateral : g.collateral.add(h.equity).add(kink!.equity);
  let maintenance = FZERO;
  let notional = FZERO;
  for (const p of g.positions) {
    const t = termsOf(v, p.market, p.size, p.entry);
    equity = equity.add(t.pnl);
    maintenance = maintenance.add(t.maintenance);
    notional = notional.add(t.notional);
  }
  const health = healthOf(v, equity, maintenance, notional);
  return kink === undefined || kink.target.isZero() ? health : { ...health, target: health.target.add(kink.target) };
}

/**
 * The group's health after one position's size becomes `size` and `credit` is added to the
 * collateral: the sums of {@link groupHealth} with that position's old terms replaced by its new
 * ones. Exact arithmetic makes this equal to the full sum, in O(1) instead of O(positions).
 */
export function healthAfter(v: FValuation, g: FGroup, pos: FPosition, size: Fixed, credit: Fixed): FHealth {
  const was = termsOf(v, pos.market, pos.size, pos.entry);
  const now = size.isZero() ? null : termsOf(v, pos.market, size, pos.entry);
  const h = g.health;
  let equity = h.equity.sub(was.pnl).add(credit);
  let maintenance = h.maintenance.sub(was.maintenance);
  let notional = h.notional.sub(was.notional);
  if (now !== null) {
    equity = equity.add(now.pnl);
    maintenance = maintenance.add(now.maintenance);
    notional = notional.add(now.notional);
  }
  return healthOf(v, equity, maintenance, notional);
}

// ---------------------------------------------------------------------------------------------
// §4.3–§5, §7.1: trigger, penalty rate, execution price

export function isLiquidatable(trigger: Trigger, equity: Fixed, maintenance: Fixed, hasPositions: boolean): boolean {
  if (!hasPositions) return false;
  return trigger === 'strict' ? equity.lt(maintenance) : equity.lte(maintenance);
}

export function meetsTarget(trigger: Trigger, equity: Fixed, target: Fixed): boolean {
  return trigger === 'strict' ? equity.gte(target) : equity.gt(target);
}

export function penaltyRate(steps: FParams['steps'], equity: Fixed, maintenance: Fixed): Fixed | null {
  let rate: Fixed | null = null;
  for (const s of steps) {
    if (equity.lte(s.maxMarginRatio.mul(maintenance))) rate = s.rate;
    else break;
  }
  return rate;
}

export function executionPrice(mark: Fixed, long: boolean, impact: Fixed, tick: Fixed): Fixed {
  if (impact.isZero()) return mark;
  return long ? floorTo(mark.mul(FONE.sub(impact)), tick) : ceilTo(mark.mul(FONE.add(impact)), tick);
}

// ---------------------------------------------------------------------------------------------
// §7.2, §7.3: a fill and the penalty cap (closeFill.ts)

export interface FFill {
  readonly market: string;
  readonly long: boolean;
  readonly size: Fixed;
  readonly price: Fixed;
  readonly notional: Fixed;
  readonly penaltyRate: Fixed;
  readonly penalty: Fixed;
  readonly liquidatorFee: Fixed;
  readonly insuranceFee: Fixed;
  readonly realizedPnl: Fixed;
  readonly residue: Fixed;
}

export interface FClose {
  readonly fill: FFill;
  readonly group: FGroup;
  readonly uncappedEquity: Fixed;
  readonly target: Fixed;
}

/** The amounts of a fill of `size` of `pos` and the health after it, without building the group. */
export interface Trial {
  readonly fill: FFill;
  readonly left: Fixed;
  /** health after realizing PnL, before the penalty */
  readonly realizedHealth: FHealth;
  readonly uncapped: Fixed;
}

/**
 * How much a fill's penalty may take (spec §7.3, §10.5), rounded down to the quote unit: by default
 * `⌊E⁻⌋_u`, the equity after the fill's PnL; a policy's cap may take less. `before` is the group's
 * health before the fill, `realized` after its PnL and before its penalty. The penalty is
 * `min(⌈f·N_c⌉_u, max(0, room))`.
 */
export type PenaltyRoom = (before: FHealth, realized: FHealth, unit: Fixed) => Fixed;

/**
 * A fill of `size` of `pos` at `price` — §7.1's price when absent (the reference's), a book level's
 * or the bankruptcy price otherwise (§10.4) — with the penalty capped by `room` (§7.3's when absent).
 */
export function trialFill(v: FValuation, g: FGroup, pos: FPosition, size: Fixed, rate: Fixed, at?: Fixed, room?: PenaltyRoom): Trial {
  const { params } = v;
  const { market } = pos;
  const long = pos.size.sign() > 0;
  const mark = markOf(v, market);
  const { contract, tick } = marketOf(v, market);
  const price = at ?? executionPrice(mark, long, params.priceImpact, tick);
  const signed = long ? size : size.neg();

  // §7.2: the exact product, floored, its fraction the residue; §12.3: an inverse fill's exact PnL
  // is in general no decimal, so it is floored in one quotient and its residue is zero.
  let realizedPnl: Fixed;
  let residue: Fixed;
  if (contract.kind === 'linear') {
    const exactPnl = signed.mul(price.sub(pos.entry));
    realizedPnl = floorTo(exactPnl, params.unit);
    residue = exactPnl.sub(realizedPnl);
  } else {
    realizedPnl = pnlOf(contract, signed, pos.entry, price, params.unit);
    residue = FZERO;
  }
  const left = pos.size.sub(signed);

  const notional = valueOf(contract, size, mark, params.unit);
  const uncapped = ceilTo(rate.mul(notional), params.unit);
  // §7.3: never charge a penalty out of negative equity, never push equity below zero.
  const realizedHealth = healthAfter(v, g, pos, left, realizedPnl);
  const capped = room === undefined ? floorTo(realizedHealth.equity, params.unit) : room(g.health, realizedHealth, params.unit);
  const penalty = fmin(uncapped, fmax(FZERO, capped));
  const liquidatorFee = floorTo(penalty.mul(params.liquidatorShare), params.unit);
  return {
    fill: {
      market,
      long,
      size,
      price,
      notional,
      penaltyRate: rate,
      penalty,
      liquidatorFee,
      insuranceFee: penalty.sub(liquidatorFee),
      realizedPnl,
      residue,
    },
    left,
    realizedHealth,
    uncapped,
  };
}

/** {@link trialFill}, with the group after it built: the one fill of spec §7.2, §7.3 (at `at` and capped by `room` when given). */
export function closeFill(v: FValuation, g: FGroup, market: string, size: Fixed, rate: Fixed, at?: Fixed, room?: PenaltyRoom): FClose {
  const idx = g.positions.findIndex((p) => p.market === market);
  const pos = g.positions[idx]!;
  const { fill, left, realizedHealth, uncapped } = trialFill(v, g, pos, size, rate, at, room);
  const positions = left.isZero()
    ? g.positions.filter((_, i) => i !== idx)
    : g.positions.map((p, i) => (i === idx ? { ...p, size: left } : p));
  const { equity, maintenance, notional } = realizedHealth;
  return {
    fill,
    group: {
      id: g.id,
      collateral: g.collateral.add(fill.realizedPnl).sub(fill.penalty),
      positions,
      health: healthOf(v, equity.sub(fill.penalty), maintenance, notional),
    },
    uncappedEquity: equity.sub(uncapped),
    target: realizedHealth.target,
  };
}

// ---------------------------------------------------------------------------------------------
// §6.3, §6.4: minimal close on the lot grid (minimalClose.ts: slackOf, firstLot, minimalClose)

export const MAX_VERIFIED_CANDIDATES = 2 ** 20;

export type FMinimalClose =
  | { readonly kind: 'partial'; readonly size: Fixed }
  | { readonly kind: 'none' }
  | { readonly kind: 'limit-exceeded'; readonly message: string };

interface Slack {
  readonly absQ: Fixed;
  readonly mark: Fixed;
  /** the price the brackets value a size at: the mark, or the entry under `valuation: "entry"` (§10.2) */
  readonly value: Fixed;
  readonly at: (delta: Fixed) => Fixed;
  readonly slope: (k: number) => Fixed;
  readonly bracket: (delta: Fixed) => number;
}

/** The requirement of §3 at mark, in the shape of {@link LinearRequirement}. */
const AT_MARK: LinearRequirement = Object.freeze({ atEntry: false, lossBuffer: FZERO });

/**
 * The exact slack `g(Δ)` of closing Δ of one position, and its slope per bracket (§6.3).
 * Linear markets only: an inverse market never runs the minimal close (its slack is a staircase,
 * spec §12.1's domain, checked at parse), so the products below are §6.3's as written. Under a
 * policy requirement of tiers (§10.2) the brackets are on `|q−Δ|·V` (`V` the mark or the entry
 * price) and the loss buffer adds `β·λ·(|q|−Δ)`, with `λ` the loss per unit of size, which closing
 * does not change (U scales with the size left). So `g` stays concave and linear on each bracket,
 * with slope `V·r_n + β·λ + P·(b − f) − c`; the reference's is `V = P`, `β = 0`.
 */
function slackOf(v: FValuation, g: FGroup, market: string, rate: Fixed): Slack {
  const linear = v.requirement?.linear ?? AT_MARK;
  const { buffer, priceImpact } = v.params;
  const pos = g.positions.find((p) => p.market === market)!;
  const { tiers, tick } = marketOf(v, market);
  const mark = markOf(v, market);
  const absQ = pos.size.abs();
  const long = pos.size.sign() > 0;
  const concession = mark.sub(executionPrice(mark, long, priceImpact, tick)).abs();
  const value = linear.atEntry ? pos.entry : mark;
  const lossSlope = linear.lossBuffer.isZero() ? FZERO : linear.lossBuffer.mul(fmax(FZERO, long ? pos.entry.sub(mark) : mark.sub(pos.entry)));
  const equity = g.health.equity;
  // The target of the rest of the group: the group's sums without this position's terms.
  const own = termsOf(v, market, pos.size, pos.entry);
  // §13.2: the cross group's assets add a constant to the target (the weights do not move).
  const restTarget = g.health.target.sub(own.maintenance).sub(buffer.mul(own.notional));
  const perUnitCost = concession.add(rate.mul(mark));
  return {
    absQ,
    mark,
    value,
    // Methods, not arrow properties: no `name` to define per slack under tsx (see groupOf).
    at(d) {
      const left = absQ.sub(d);
      const n = left.mul(mark);
      const slack = equity.sub(perUnitCost.mul(d)).sub(restTarget).sub(maintenanceMargin(tiers, value === mark ? n : left.mul(value))).sub(buffer.mul(n));
      return lossSlope.isZero() ? slack : slack.sub(lossSlope.mul(left));
    },
    slope(k) {
      return value.mul(tiers[k]!.rate).add(lossSlope).add(mark.mul(buffer.sub(rate))).sub(concession);
    },
    bracket(d) {
      return tierIndex(tiers, absQ.sub(d).mul(value));
    },
  };
}

/** The smallest `j ≥ 1` with `g(j·ℓ) ≥ 0` by integer ceiling quotients per linear piece (§6.3). */
function firstLot(slack: Slack, tiers: readonly FTier[], lot: Fixed): Fixed | null {
  const lots = floorDiv(slack.absQ, lot); // exact: sizes are lot multiples (§2.3)
  const lotNotional = lot.mul(slack.value); // brackets are on the size valued at V (§10.2)
  let j = FONE;
  for (;;) {
    if (j.gte(lots)) return null;
    const d = j.mul(lot);
    const s = slack.at(d);
    if (s.sign() >= 0) return j;
    const k = slack.bracket(d);
    const a = slack.slope(k).mul(lot);
    if (a.sign() <= 0) return null; // concave: g never recovers
    const next = j.add(ceilDiv(s.neg(), a));
    const bracketEnd = k === 0 ? lots : lots.sub(ceilDiv(tiers[k]!.floor, lotNotional));
    if (next.lte(bracketEnd)) return next.lt(lots) ? next : null;
    j = bracketEnd.add(FONE);
  }
}

/**
 * The smallest lot multiple that meets the target without leaving dust: closed form, verified
 * (§6.3, §6.4). Linear markets only (spec §12.1: an inverse market is refused a minimal close at parse).
 */
export function minimalClose(v: FValuation, g: FGroup, market: string, rate: Fixed): FMinimalClose {
  const { params } = v;
  const { lot, tiers } = marketOf(v, market);
  const pos = g.positions.find((p) => p.market === market)!;
  const slack = slackOf(v, g, market, rate);
  const first = firstLot(slack, tiers, lot);
  if (first === null) return { kind: 'none' };
  let examined = 0;
  for (let d = first.mul(lot); d.lt(slack.absQ); d = d.add(lot)) {
    // §6.4: the remainder only shrinks as Δ grows, so once dust, always dust.
    if (slack.absQ.sub(d).mul(slack.mark).lt(params.dustNotional)) return { kind: 'none' };
    const trial = trialFill(v, g, pos, d, rate);
    if (meetsTarget(params.trigger, trial.realizedHealth.equity.sub(trial.uncapped), trial.realizedHealth.target)) return { kind: 'partial', size: d };
    // Past the peak g only falls, and ĝ ≤ g: once g itself misses the target, so will every later lot.
    if (!meetsTarget(params.trigger, slack.at(d), FZERO) && slack.slope(slack.bracket(d)).sign() <= 0) return { kind: 'none' };
    if (++examined >= MAX_VERIFIED_CANDIDATES) {
      return {
        kind: 'limit-exceeded',
        message: `${market}: more than ${MAX_VERIFIED_CANDIDATES} lot candidates to verify (lot ${toCanonical(lot)} moves the slack by about a millionth of a quote unit)`,
      };
    }
  }
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------------------------
// §6, §7.4: one group's outcome (liquidateGroup.ts)

export interface FGroupOutcome {
  readonly status: Status;
  readonly group: FGroup;
  readonly fills: readonly FFill[];
  readonly before: FHealth;
  readonly after: FHealth;
  readonly insuranceFund: Fixed;
  readonly payout: Fixed;
  readonly badDebt: Fixed;
  /** the cross group's asset balances after (zeros dropped), present iff its valuation has holdings (§13.4) */
  readonly assets?: ReadonlyMap<string, Fixed>;
  /** the collateral step's sales in execution order, present iff `assets` is (§13.4) */
  readonly sales?: readonly { readonly asset: string; readonly amount: Fixed; readonly proceeds: Fixed }[];
}

export type FGroupResult = { readonly ok: true; readonly value: FGroupOutcome } | { readonly ok: false; readonly message: string };

// The group frame itself (§6.1, §6.2, §6.5, §7.4) is src/policy/liquidateGroupUnder.ts: it is the
// same for every policy, and the minimal close's loop is src/policy/closeSize/minimal.ts.

// ---------------------------------------------------------------------------------------------
// §8: the diagnostic margin ratio (marginRatio.ts)

const RATIO_SCALE = 18;
const RATIO_GRID = new Fixed(pow10(RATIO_SCALE), 0);

/** `⌊E / MM⌋_{10^−18}`, `null` when `MM = 0`: the floor quotient of `E·10^18` by `MM`, exact. */
export function marginRatio(equity: Fixed, maintenance: Fixed): Fixed | null {
  if (maintenance.isZero()) return null;
  return new Fixed(floorDiv(equity.mul(RATIO_GRID), maintenance).m, RATIO_SCALE);
}
