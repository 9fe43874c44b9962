/**
 * Accounts on inverse (coin-margined) markets near the liquidation boundary (spec §12).
 *
 * As for linear markets ({@link scenario}), the margin ratio `E/MM` of each group is drawn first
 * and the collateral (or isolated margin) solved from it: positions in contracts (lot multiples),
 * entries and marks on the tick grid, and `C = E* − Σ U` on the coin grid `u = 10^−quoteScale`,
 * with `U` and `N` of §12.2 exactly as `src/model/contract.ts` computes them. `MM = Σ N·r − a` need
 * not be on the grid; for the boundary ratios (exactly 1, one unit either side) the sizes are moved
 * by whole lots until every term is, so that `E = MM` really occurs under both triggers.
 *
 * The requirement depends on the policy's valuation (mark or entry, §10.2), which the params do not
 * say: each scenario solves under one valuation, drawn (half and half) unless pinned, so under
 * either policy about half of the boundary draws are exact. A loss buffer is taken as 0.
 * @see docs/spec.md#12-inverse-contracts
 */
import fc from 'fast-check';
import { Dec } from '../model/decimal.ts';
import { ceilDiv, ceilTo, FZERO, Fixed, floorDiv, floorTo, fmax, fromDec, toCanonical } from '../model/fixed.ts';
import { type FContract, largestBelow, pnlOf, smallestAtLeast, valueOf } from '../model/contract.ts';
import type { PositionInput, RiskParams, Scenario } from '../model/types.ts';
import type { Range } from './riskParams.ts';

/** The valuation the requirement is solved under (spec §10.2). */
export type InverseValuation = 'mark' | 'entry';

export interface InverseAccountConstraints {
  readonly positions?: Range;
  readonly margin?: 'cross' | 'isolated' | 'mixed' | 'any';
  /** Pins the valuation the ratio is solved under; default: drawn per scenario. */
  readonly valuation?: InverseValuation;
}

/** Whether a wire parameter set holds an inverse market (spec §12.1). */
export function hasInverseMarket(params: RiskParams): boolean {
  return Object.values(params.markets).some((m) => (m as { readonly contract?: { readonly kind: string } }).contract?.kind === 'inverse');
}

const SCALE = 1_000_000;
/** Most contracts a position holds (a realistic ceiling: 10^7 contracts of 1 USD). */
const MAX_CONTRACTS = 10_000_000n;
/** Prices drawn between 1 and 10^6 quote units (one-tick draws go below). */
const MIN_PRICE = new Fixed(1n, 0);
const MAX_PRICE = new Fixed(1_000_000n, 0);
/** Lots tried to put a requirement term on the coin grid. */
const GRID_TRIES = 2000;

type Mode = 'random' | 'floor-exact' | 'floor-above' | 'floor-below' | 'one-tick' | 'coin-loss' | 'fallback';
type RatioMode = 'eq' | 'eq-minus' | 'eq-plus' | 'near' | 'low' | 'negative' | 'deep' | 'healthy';

interface PositionDraw {
  readonly long: boolean;
  readonly isolated: boolean;
  readonly mode: Mode;
  readonly price: number;
  readonly size: number;
  readonly pick: number;
  readonly entryBp: number;
  readonly adverse: boolean;
}

interface RatioDraw {
  readonly mode: RatioMode;
  /** the ratio for the modes that read one, in ten-thousandths */
  readonly t: number;
}

interface Draw {
  readonly markets: readonly string[];
  readonly positions: readonly PositionDraw[];
  readonly ratios: readonly RatioDraw[];
  readonly valuation: InverseValuation;
  readonly fund: { readonly mode: 'zero' | 'small' | 'large'; readonly permille: number };
  readonly idle: readonly number[];
  readonly idleCollateral: number;
}

/** A market as the generator reads it: exact amounts. */
interface Market {
  readonly contract: FContract;
  readonly lot: Fixed;
  readonly tick: Fixed;
  readonly tiers: readonly { readonly floor: Fixed; readonly rate: Fixed; readonly amount: Fixed }[];
}

interface Book {
  readonly unit: Fixed;
  readonly markets: ReadonlyMap<string, Market>;
}

const fx = (s: string): Fixed => fromDec(new Dec(s));

function bookOf(params: RiskParams): Book {
  const markets = new Map<string, Market>();
  for (const [id, m] of Object.entries(params.markets)) {
    const c = (m as { readonly contract?: { readonly kind: string; readonly value?: string } }).contract;
    const contract: FContract = c?.kind === 'inverse' ? { kind: 'inverse', value: fx(c.value!) } : { kind: 'linear' };
    markets.set(id, {
      contract,
      lot: fx(m.lotSize),
      tick: fx(m.tickSize),
      tiers: m.tiers.map((t) => ({ floor: fx(t.notionalFloor), rate: fx(t.maintenanceRate), amount: fx(t.maintenanceAmount) })),
    });
  }
  return { unit: new Fixed(1n, params.quoteScale), markets };
}

/** `MM(N) = N·r_n − a_n` on the bracket of `N` (spec §3). */
export function tierRequirement(m: Market, notional: Fixed): Fixed {
  let n = 0;
  for (let i = 1; i < m.tiers.length; i++) if (m.tiers[i]!.floor.lte(notional)) n = i;
  const t = m.tiers[n]!;
  return notional.mul(t.rate).sub(t.amount);
}

interface Placed {
  readonly market: string;
  readonly m: Market;
  /** signed contracts */
  readonly size: Fixed;
  readonly entry: Fixed;
  readonly mark: Fixed;
  readonly isolated: boolean;
  readonly mode: Mode;
}

function valuedAt(p: Placed, valuation: InverseValuation): Fixed {
  return valuation === 'entry' ? p.entry : p.mark;
}

function mmOf(p: Placed, valuation: InverseValuation, unit: Fixed): Fixed {
  return tierRequirement(p.m, valueOf(p.m.contract, p.size.abs(), valuedAt(p, valuation), unit));
}

function pnl(p: Placed, unit: Fixed): Fixed {
  return pnlOf(p.m.contract, p.size, p.entry, p.mark, unit);
}

function isOnGrid(x: Fixed, unit: Fixed): boolean {
  return floorTo(x, unit).eq(x);
}

/** `k·tick` for `k` spread log-uniformly over `[lo, hi]` (amounts) by `t ∈ [0, SCALE]`. */
function logPrice(tick: Fixed, lo: Fixed, hi: Fixed, t: number): Fixed {
  const a = fmax(new Fixed(1n, 0), ceilDiv(lo, tick));
  const b = fmax(a, floorDiv(hi, tick));
  return tick.mul(new Fixed(logSpread(a.m, b.m, t), 0));
}

function logSpread(lo: bigint, hi: bigint, t: number): bigint {
  if (hi <= lo) return lo;
  const x = Math.round(Number(lo) * Math.pow(Number(hi) / Number(lo), t / SCALE));
  const b = BigInt(Number.isFinite(x) ? x : Number(hi));
  return b < lo ? lo : b > hi ? hi : b;
}

/** The entry `bp` basis points from the mark, adverse (a loss) or favourable, on the tick and > 0. */
function entryNear(m: Market, mark: Fixed, long: boolean, bp: number, adverse: boolean): Fixed {
  const sign = long === adverse ? 1n : -1n;
  const e = floorTo(mark.mul(new Fixed(10_000n + sign * BigInt(bp), 4)), m.tick);
  return e.gt(FZERO) ? e : m.tick;
}

/** Lots of a position: 1 … 10^7 contracts, log-spread. */
function randomLots(m: Market, t: number): bigint {
  const most = fmax(new Fixed(1n, 0), floorDiv(new Fixed(MAX_CONTRACTS, 0), m.lot)).m;
  return logSpread(1n, most, t);
}

/** Size and prices of one position, from its mode. */
function place(b: Book, market: string, d: PositionDraw, valuation: InverseValuation, margin: NonNullable<InverseAccountConstraints['margin']>): Placed {
  const m = b.markets.get(market)!;
  const floors = m.tiers.slice(1).map((t) => t.floor);
  let mode = d.mode;
  if (floors.length === 0 && mode.startsWith('floor')) mode = 'random';
  // The 1×-short needs the entry valuation (at mark it is never liquidatable) and its own group.
  if (mode === 'fallback' && (valuation !== 'entry' || margin === 'cross')) mode = 'random';
  const long = mode === 'coin-loss' ? true : mode === 'fallback' ? false : d.long;
  const isolated = mode === 'fallback' ? true : d.isolated;
  const signed = (lots: bigint): Fixed => m.lot.mul(new Fixed(long ? lots : -lots, 0));
  let mark = logPrice(m.tick, MIN_PRICE, MAX_PRICE, d.price);
  let entry = entryNear(m, mark, long, d.entryBp, d.adverse);
  let lots = randomLots(m, d.size);
  switch (mode) {
    case 'one-tick':
      mark = m.tick;
      entry = entryNear(m, mark, long, d.entryBp, d.adverse);
      break;
    case 'coin-loss': {
      // A long whose mark is far below its entry: its coin loss q·v·(1/P − 1/e) grows without bound.
      mark = logPrice(m.tick, MIN_PRICE, new Fixed(1000n, 0), d.price);
      const k = 2n + BigInt(d.pick % 999);
      entry = floorTo(fmax(mark.mul(new Fixed(k, 0)), m.tick), m.tick);
      if (entry.gt(MAX_PRICE)) entry = floorTo(MAX_PRICE, m.tick);
      break;
    }
    case 'fallback':
      // Placed by the group solver (solveFallback): a short at about 1× leverage.
      entry = logPrice(m.tick, MIN_PRICE, new Fixed(2000n, 0), d.price);
      mark = entry;
      break;
    case 'floor-exact':
    case 'floor-above':
    case 'floor-below': {
      const floor = floors[d.pick % floors.length]!;
      // A value L at price V takes L·V/v contracts: keep V low enough for at most half of 10^7.
      if (m.contract.kind === 'inverse') {
        const hi = floorDiv(new Fixed(MAX_CONTRACTS / 2n, 0).mul(m.contract.value), floor);
        if (mark.gt(hi) || entry.gt(hi)) {
          mark = logPrice(m.tick, MIN_PRICE, fmax(MIN_PRICE, hi), d.price);
          entry = entryNear(m, mark, long, d.entryBp, d.adverse);
          if (entry.gt(hi)) entry = mark;
        }
      }
      const v = valuation === 'entry' ? entry : mark;
      if (mode === 'floor-exact') {
        // N(s, V) = s·v/V = L exactly when V = s·v/L is on the tick: s = lot·k with k·lot·v/(L·tick) whole.
        const exact = exactOnFloor(m, floor, d.size);
        if (exact !== null) {
          lots = exact.lots;
          if (valuation === 'entry') {
            entry = exact.price;
            mark = entryNear(m, entry, !long, d.entryBp, d.adverse); // the same offset, seen from the entry
          } else {
            mark = exact.price;
            entry = entryNear(m, mark, long, d.entryBp, d.adverse);
          }
          break;
        }
      }
      const below = largestBelow(m.contract, floor, m.lot, v, b.unit);
      const at = mode === 'floor-below' ? below : smallestAtLeast(m.contract, floor, m.lot, v, b.unit);
      const j = floorDiv(at, m.lot).m;
      lots = j > 0n ? j : 1n;
      break;
    }
    case 'random':
      break;
  }
  return { market, m, size: signed(lots), entry, mark, isolated, mode };
}

/** Lots and a price on the tick with `|q|·v/price = floor` exactly, within the price range; null if none. */
function exactOnFloor(m: Market, floor: Fixed, t: number): { lots: bigint; price: Fixed } | null {
  if (m.contract.kind !== 'inverse') return null;
  // k·lot·v/(L·tick) = k·n/d in lowest terms: whole iff d | k.
  const num = m.lot.mul(m.contract.value);
  const den = floor.mul(m.tick);
  const s = Math.max(num.s, den.s);
  const a = num.m * 10n ** BigInt(s - num.s);
  const c = den.m * 10n ** BigInt(s - den.s);
  if (a <= 0n || c <= 0n) return null;
  const g = gcd(a, c);
  const step = c / g;
  // price = k·lot·v/L; keep it within [1, 10^6] by the choice of k = step·j.
  const perStep = num.mul(new Fixed(step, 0)); // price·L for j = 1
  const jLo = fmax(new Fixed(1n, 0), ceilDiv(MIN_PRICE.mul(floor), perStep)).m;
  const jHi = floorDiv(MAX_PRICE.mul(floor), perStep).m;
  if (jHi < jLo) return null;
  const j = logSpread(jLo, jHi, t);
  const lots = step * j;
  if (lots * m.lot.m > MAX_CONTRACTS * 10n ** BigInt(m.lot.s)) return null;
  // The quotient is whole in ticks by the choice of `step`; checked, not trusted.
  const onTick = m.tick.mul(floorDiv(num.mul(new Fixed(lots, 0)), floor.mul(m.tick)));
  if (!onTick.mul(floor).eq(num.mul(new Fixed(lots, 0)))) return null;
  return { lots, price: onTick };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** Moves `p`'s size by whole lots (upward) until its requirement term is on the coin grid. */
function onGridSize(p: Placed, valuation: InverseValuation, unit: Fixed): Placed {
  if (isOnGrid(mmOf(p, valuation, unit), unit)) return p;
  const step = p.m.lot.mul(new Fixed(p.size.sign() > 0 ? 1n : -1n, 0));
  let size = p.size;
  const most = new Fixed(MAX_CONTRACTS, 0);
  for (let i = 0; i < GRID_TRIES; i++) {
    size = size.add(step);
    if (size.abs().gt(most)) break;
    const q = { ...p, size };
    if (isOnGrid(mmOf(q, valuation, unit), unit)) return q;
  }
  return p;
}

/** The equity a group is solved to: `E*` on the coin grid, from the drawn ratio. */
function targetEquity(r: RatioDraw, mm: Fixed, unit: Fixed): Fixed {
  switch (r.mode) {
    case 'eq':
      return floorTo(mm, unit);
    case 'eq-minus':
      return ceilTo(mm, unit).sub(unit);
    case 'eq-plus':
      return floorTo(mm, unit).add(unit);
    default:
      return floorTo(mm.mul(ratioOf(r)), unit);
  }
}

/** The ratio of the modes that draw one, in ten-thousandths. */
function ratioOf(r: RatioDraw): Fixed {
  const t = BigInt(r.t);
  switch (r.mode) {
    case 'near':
      return new Fixed(8000n + (t % 2000n), 4); // 0.8 … 0.9999
    case 'low':
      return new Fixed(t % 500n, 4); // 0 … 0.05
    case 'negative':
      return new Fixed(-(1n + (t % 5000n)), 4); // −0.0001 … −0.5
    case 'deep':
      return new Fixed(-(10_000n + (t % 40_000n)), 4); // −1 … −5
    case 'healthy':
      return new Fixed(10_001n + (t % 20_000n), 4); // 1.0001 … 3
    default:
      return new Fixed(1n, 0);
  }
}

/** Adverse entry moves for the absorbing position: a long's entry up, a short's down (its PnL falls). */
function absorb(group: Placed[], i: number, ok: (g: Placed[]) => boolean): Placed[] | null {
  const p = group[i]!;
  const tick = p.m.tick;
  const at = (ticks: bigint): Placed[] => group.map((q, j) => (j === i ? { ...q, entry: tick.mul(new Fixed(ticks, 0)) } : q));
  const now = floorDiv(p.entry, tick).m;
  let lo: bigint;
  let hi: bigint;
  if (p.size.sign() > 0) {
    // PnL ≥ −q·v/P for every entry: the highest entry worth trying is far above the mark.
    lo = now;
    hi = floorDiv(fmax(p.entry, p.mark).mul(new Fixed(1_000_000n, 0)), tick).m;
    if (!ok(at(hi))) return null;
    while (lo < hi) {
      const mid = (lo + hi) / 2n;
      if (ok(at(mid))) hi = mid;
      else lo = mid + 1n;
    }
    return at(hi);
  }
  [lo, hi] = [1n, now];
  if (!ok(at(lo))) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (ok(at(mid))) lo = mid;
    else hi = mid - 1n;
  }
  return at(lo);
}

/** Collateral of one group so that `E = E*` (spec §12.2), moving one entry if the PnL is too high. */
function solveGroup(b: Book, group: Placed[], r: RatioDraw, valuation: InverseValuation): { collateral: Fixed; positions: Placed[] } {
  const u = b.unit;
  const boundary = r.mode === 'eq' || r.mode === 'eq-minus' || r.mode === 'eq-plus';
  let g = boundary ? group.map((p) => (p.mode.startsWith('floor') ? p : onGridSize(p, valuation, u))) : group;
  const collateralOf = (ps: Placed[]): Fixed => {
    const mm = ps.reduce((a, p) => a.add(mmOf(p, valuation, u)), FZERO);
    return targetEquity(r, mm, u).sub(ps.reduce((a, p) => a.add(pnl(p, u)), FZERO));
  };
  let c = collateralOf(g);
  if (c.sign() < 0) {
    const order = [...g.keys()].sort((x, y) => valueOf(g[y]!.m.contract, g[y]!.size.abs(), g[y]!.mark, u).cmp(valueOf(g[x]!.m.contract, g[x]!.size.abs(), g[x]!.mark, u)));
    const ok = (ps: Placed[]): boolean => collateralOf(ps).sign() >= 0;
    for (const i of order) {
      const moved = absorb(g, i, ok);
      if (moved !== null) {
        g = moved;
        break;
      }
    }
    c = collateralOf(g);
  }
  return { collateral: fmax(FZERO, c), positions: g };
}

/**
 * A short at about 1× leverage that the entry valuation makes liquidatable (§12.4's `D′ ≤ 0`):
 * `MM = N(q, e)·r − a` does not move with the mark, the equity `≈ C − |q|·v/e + |q|·v/P` falls
 * toward `|q|·v/P`, so at `P ≥ |q|·v/(ρ·MM)` a collateral `C ≥ |q|·v/e` gives `E = ρ·MM ≤ MM`, and
 * the bound of the full close `K = −C` has `D′ = |q|·v + K·e ≤ 0`: no price reaches it.
 */
function solveFallback(b: Book, p: Placed, r: RatioDraw): { collateral: Fixed; position: Placed } | null {
  const u = b.unit;
  const rho = r.mode === 'near' || r.mode === 'low' ? ratioOf(r) : new Fixed(9n, 1);
  if (rho.sign() <= 0 || p.m.contract.kind !== 'inverse') return null;
  const mm = mmOf(p, 'entry', u);
  const worth = p.size.abs().mul(p.m.contract.value);
  let mark = ceilDiv(worth, rho.mul(mm).mul(p.m.tick)).mul(p.m.tick);
  for (let i = 0; i < 4; i++) {
    const q = { ...p, mark: fmax(mark, p.entry) };
    const c = floorTo(mm.mul(rho), u).sub(pnl(q, u));
    if (c.mul(p.entry).gte(worth)) return { collateral: c, position: q };
    mark = mark.mul(new Fixed(2n, 0));
  }
  return null;
}

const modeArb: fc.Arbitrary<Mode> = fc.oneof(
  { arbitrary: fc.constant<Mode>('random'), weight: 30 },
  { arbitrary: fc.constant<Mode>('floor-exact'), weight: 8 },
  { arbitrary: fc.constant<Mode>('floor-above'), weight: 6 },
  { arbitrary: fc.constant<Mode>('floor-below'), weight: 6 },
  { arbitrary: fc.constant<Mode>('one-tick'), weight: 5 },
  { arbitrary: fc.constant<Mode>('coin-loss'), weight: 7 },
  { arbitrary: fc.constant<Mode>('fallback'), weight: 8 },
);

const ratioArb: fc.Arbitrary<RatioDraw> = fc.record({
  mode: fc.oneof(
    { arbitrary: fc.constant<RatioMode>('eq'), weight: 14 },
    { arbitrary: fc.constant<RatioMode>('eq-minus'), weight: 7 },
    { arbitrary: fc.constant<RatioMode>('eq-plus'), weight: 7 },
    { arbitrary: fc.constant<RatioMode>('near'), weight: 20 },
    { arbitrary: fc.constant<RatioMode>('low'), weight: 5 },
    { arbitrary: fc.constant<RatioMode>('negative'), weight: 9 },
    { arbitrary: fc.constant<RatioMode>('deep'), weight: 5 },
    { arbitrary: fc.constant<RatioMode>('healthy'), weight: 8 },
  ),
  t: fc.integer({ min: 0, max: 1_000_000 }),
});

function positionArb(margin: NonNullable<InverseAccountConstraints['margin']>): fc.Arbitrary<PositionDraw> {
  const isolated = margin === 'cross' ? fc.constant(false) : margin === 'isolated' ? fc.constant(true) : margin === 'mixed' ? fc.boolean() : fc.integer({ min: 0, max: 3 }).map((k) => k === 3);
  return fc.record({
    long: fc.boolean(),
    isolated,
    mode: modeArb,
    price: fc.integer({ min: 0, max: SCALE }),
    size: fc.integer({ min: 0, max: SCALE }),
    pick: fc.integer({ min: 0, max: SCALE }),
    entryBp: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 1500 }), weight: 4 }),
    adverse: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  });
}

function build(params: RiskParams, b: Book, d: Draw, margin: NonNullable<InverseAccountConstraints['margin']>): Scenario {
  const u = b.unit;
  let placed = d.markets.map((id, i) => place(b, id, d.positions[i]!, d.valuation, margin));
  if (margin === 'mixed' && placed.length >= 2 && placed.every((p) => p.isolated === placed[0]!.isolated)) {
    placed[0] = { ...placed[0]!, isolated: !placed[0]!.isolated, mode: placed[0]!.mode === 'fallback' ? 'random' : placed[0]!.mode };
  }
  const cross = placed.filter((p) => !p.isolated);
  const out = new Map<string, { size: Fixed; entry: Fixed; mark: Fixed; isolatedMargin: Fixed | null }>();
  let collateral = u.mul(new Fixed(BigInt(d.idleCollateral), 0));
  if (cross.length > 0) {
    const g = solveGroup(b, cross, d.ratios[0]!, d.valuation);
    collateral = g.collateral;
    for (const p of g.positions) out.set(p.market, { size: p.size, entry: p.entry, mark: p.mark, isolatedMargin: null });
  }
  placed.forEach((p, i) => {
    if (!p.isolated) return;
    const r = d.ratios[i + 1]!;
    const f = p.mode === 'fallback' ? solveFallback(b, p, r) : null;
    if (f !== null) {
      out.set(p.market, { size: f.position.size, entry: f.position.entry, mark: f.position.mark, isolatedMargin: f.collateral });
      return;
    }
    const g = solveGroup(b, [p.mode === 'fallback' ? { ...p, mark: entryNear(p.m, p.entry, false, 500, true) } : p], r, d.valuation);
    const q = g.positions[0]!;
    out.set(p.market, { size: q.size, entry: q.entry, mark: q.mark, isolatedMargin: g.collateral });
  });
  placed = placed.map((p) => ({ ...p, ...out.get(p.market)! }));

  const positions: PositionInput[] = placed.map((p) => {
    const o = out.get(p.market)!;
    const base = { market: p.market, size: toCanonical(o.size), entryPrice: toCanonical(o.entry) };
    return Object.freeze(o.isolatedMargin === null ? base : { ...base, isolatedMargin: toCanonical(o.isolatedMargin) });
  });
  const marks: Record<string, string> = {};
  let idle = 0;
  for (const [id, m] of b.markets) {
    const held = out.get(id);
    marks[id] = toCanonical(held?.mark ?? logPrice(m.tick, MIN_PRICE, MAX_PRICE, d.idle[idle++ % d.idle.length] ?? 0));
  }
  const totalMm = placed.reduce((a, p) => a.add(mmOf(p, d.valuation, u)), FZERO);
  const totalValue = placed.reduce((a, p) => a.add(valueOf(p.m.contract, p.size.abs(), p.mark, u)), FZERO);
  const permille = new Fixed(BigInt(d.fund.permille), 3);
  const fund = d.fund.mode === 'zero' ? FZERO : d.fund.mode === 'small' ? floorTo(totalMm.mul(permille), u) : ceilTo(totalValue.mul(permille), u);
  return Object.freeze({
    params,
    marks: Object.freeze(marks),
    account: Object.freeze({ collateral: toCanonical(collateral), positions: Object.freeze(positions) }),
    insuranceFund: toCanonical(fund),
  });
}

/**
 * Accounts under inverse params `params` (every market inverse, spec §12.1), drawn near the
 * boundary: one to three positions (capped by the markets), cross and isolated, long and short.
 *
 * @remarks Edge-biased: ratio exactly 1 and one coin unit either side; deep bankruptcy; a long with
 * a huge coin loss; a short at about 1× leverage where §12.4's bankruptcy price has no solution (under
 * the entry valuation only: at mark such a short is never liquidatable); a mark of one tick; a value
 * exactly on a tier floor or one lot either side; several positions in one cross group. The scenario
 * carries no policy: an inverse market runs only under one (§12.1), which the caller stamps in
 * (policyScenario.ts).
 */
export function inverseAccount(params: RiskParams, c: InverseAccountConstraints = {}): fc.Arbitrary<Scenario> {
  const b = bookOf(params);
  const ids = [...b.markets.keys()];
  const range = c.positions ?? { min: 1, max: 3 };
  const max = Math.min(range.max, ids.length);
  const min = Math.min(range.min, max);
  const margin = c.margin ?? 'any';
  const count = min === max ? fc.constant(min) : fc.oneof(fc.constant(min), fc.integer({ min, max }));
  const pos = positionArb(margin);
  return count.chain((n) =>
    fc
      .record({
        markets: fc.shuffledSubarray(ids, { minLength: n, maxLength: n }),
        positions: fc.array(pos, { minLength: n, maxLength: n }),
        ratios: fc.array(ratioArb, { minLength: n + 1, maxLength: n + 1 }),
        valuation: c.valuation === undefined ? fc.constantFrom<InverseValuation>('mark', 'entry') : fc.constant(c.valuation),
        fund: fc.record({ mode: fc.constantFrom<'zero' | 'small' | 'large'>('zero', 'small', 'small', 'large'), permille: fc.integer({ min: 1, max: 100 }) }),
        idle: fc.array(fc.integer({ min: 0, max: SCALE }), { minLength: 1, maxLength: Math.max(1, ids.length) }),
        idleCollateral: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
      })
      .map((d) => build(params, b, d, margin)),
  );
}
