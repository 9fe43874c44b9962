/**
 * Scenarios whose margin groups sit near the liquidation boundary (spec §2, §4).
 *
 * Uniformly drawn accounts are almost never liquidatable, or hopelessly so; the interesting
 * behaviour lives where `E/MM` is close to 1, to the penalty steps, to 0, and where notionals sit
 * on tier floors and the dust threshold. So positions are drawn first, their requirement `MM` is
 * computed exactly, a margin ratio `ρ` is drawn from a mix of those places, and the collateral
 * and one entry price are solved so that `E = ρ·MM` holds exactly.
 * @see docs/spec.md#2-inputs
 * @see docs/spec.md#4-margin-groups-equity-requirement-trigger
 */
import fc from 'fast-check';
import { ceilTo, Dec, floorTo, toCanonical, ZERO } from '../model/decimal.ts';
import { maintenanceMargin } from '../model/maintenanceMargin.ts';
import { parseParams } from '../model/parseScenario.ts';
import { rememberParsed } from '../invariants/caseInput.ts';
import type { MarketParams, ParsedParams, Position, PositionInput, RiskParams, Scenario } from '../model/types.ts';
import { decimal } from './decimal.ts';
import { exactEntry, pow10, scaled } from './exactEntry.ts';
import { hasInverseMarket, inverseAccount, type InverseValuation } from './inverseAccount.ts';
import { hasAssets, linearParams, multiAssetAccount } from './multiAssetAccount.ts';
import { MAX_MARK_TICKS, MIN_LOT_VALUE_UNITS, MIN_MARK_TICKS, riskParams, type Range } from './riskParams.ts';

/** Knobs of {@link scenario}; every field is optional. */
export interface ScenarioConstraints {
  /** Parameter sets to draw from. Default {@link riskParams}`()`. */
  readonly params?: fc.Arbitrary<RiskParams>;
  /** Number of positions; capped by the number of markets. Default `{ min: 1, max: 3 }`. */
  readonly positions?: Range;
  /**
   * `cross`: one pool; `isolated`: every position isolated; `mixed`: both kinds whenever there are
   * two positions or more; `any` (default): each position isolated one time in four.
   */
  readonly margin?: 'cross' | 'isolated' | 'mixed' | 'any';
  /**
   * `boundary` (default): margin ratios from the biased mix (exactly 1, just below, between and on
   * the penalty steps, near 0, underwater, inside the buffer, clearly healthy); `any`: `E/MM`
   * spread over −1…5.
   */
  readonly region?: 'boundary' | 'any';
  /**
   * Also put two cross positions on exactly equal notionals, the largest of the group, in about
   * half the scenarios with two cross positions or more: the processing order then rests on
   * its tie-break (spec §6.2). Default `false` (and the draws are then as they always were).
   */
  readonly ties?: boolean;
  /**
   * Also draw negative margin ratios whose decimal expansion does not terminate (`E/MM ≈ −k/d`
   * for `d` of 3, 7, 9, 11, 13), so the reported `⌊E/MM⌋_{10^−18}` depends on rounding down, not
   * toward zero (spec §1.3). Default `false` (and the draws are then as they always were).
   */
  readonly inexactRatios?: boolean;
  /**
   * Params with inverse markets (spec §12) draw from {@link inverseAccount} instead; this pins the
   * requirement valuation its ratios are solved under (the policy's, §10.2). Default: drawn per
   * scenario. Linear params ignore it.
   */
  readonly inverseValuation?: InverseValuation;
}

const s = toCanonical;
const SCALE = 1_000_000;
/** Lots a floor or dust anchor should be worth, so a partial close has room. */
const MIN_ANCHOR_LOTS = 10;

/** Where a position's notional is put. */
type NotionalMode = 'random' | 'floor-exact' | 'floor-above' | 'floor-below' | 'near-floor' | 'dust' | 'one-lot';

interface PositionDraw {
  readonly long: boolean;
  readonly isolated: boolean;
  /** position of the mark in the market's log price range, in millionths */
  readonly price: number;
  readonly mode: NotionalMode;
  /** which floor / divisor / point in a range, in millionths */
  readonly pick: number;
  readonly spread: number;
  /** entry relative to mark in basis points, before the solver adjusts one position */
  readonly entryBp: number;
}

interface Draw {
  readonly positions: readonly { readonly market: string; readonly p: PositionDraw }[];
  /** one margin ratio per potential group (enough for every position to be isolated, plus cross) */
  readonly ratios: readonly string[];
  readonly idleMarks: readonly number[];
  readonly fund: { readonly mode: FundMode; readonly permille: number; readonly residue: number };
  readonly idleCollateral: number;
  /** which cross position is tied with the largest (in millionths), when ties are drawn */
  readonly tie?: number | null;
}

const modeArb: fc.Arbitrary<NotionalMode> = fc.oneof(
  { arbitrary: fc.constant<NotionalMode>('random'), weight: 26 },
  { arbitrary: fc.constant<NotionalMode>('floor-exact'), weight: 15 },
  { arbitrary: fc.constant<NotionalMode>('floor-above'), weight: 15 },
  { arbitrary: fc.constant<NotionalMode>('floor-below'), weight: 8 },
  { arbitrary: fc.constant<NotionalMode>('near-floor'), weight: 8 },
  { arbitrary: fc.constant<NotionalMode>('dust'), weight: 25 },
  { arbitrary: fc.constant<NotionalMode>('one-lot'), weight: 3 },
);

function positionDrawArb(isolatedWeight: 'never' | 'always' | 'quarter' | 'half'): fc.Arbitrary<PositionDraw> {
  const isolated =
    isolatedWeight === 'never' ? fc.constant(false) : isolatedWeight === 'always' ? fc.constant(true) : isolatedWeight === 'half' ? fc.boolean() : fc.integer({ min: 0, max: 3 }).map((k) => k === 3);
  return fc.record({
    long: fc.boolean(),
    isolated,
    price: fc.integer({ min: 0, max: SCALE }),
    mode: modeArb,
    pick: fc.integer({ min: 0, max: SCALE }),
    spread: fc.integer({ min: 0, max: SCALE }),
    entryBp: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: -1500, max: 1500 }), weight: 3 }),
  });
}

/**
 * The margin-ratio mix. Weights are tuned so that every outcome (healthy, partial, full, bankrupt)
 * and the exact trigger boundary each show up in a few percent of scenarios or more.
 */
function ratioArb(thresholds: readonly string[], region: 'boundary' | 'any', inexact: boolean): fc.Arbitrary<string> {
  const mix = boundaryRatioArb(thresholds, region);
  return inexact ? fc.oneof({ arbitrary: mix, weight: 9 }, { arbitrary: inexactNegativeArb, weight: 1 }) : mix;
}

/** `-k/d` with `0 < k < d`: a ratio written as a fraction, solved by {@link targetEquity}. */
const inexactNegativeArb: fc.Arbitrary<string> = fc
  .record({ d: fc.constantFrom(3, 7, 9, 11, 13), k: fc.integer({ min: 1, max: 12 }) })
  .map(({ d, k }) => `-${1 + (k % (d - 1))}/${d}`);

/**
 * The equity a group should have for a drawn ratio: `ρ·MM` exactly for a decimal `ρ`, and
 * `⌊−k·MM/d⌋_u` for a fraction, whose ratio to MM then seldom terminates.
 */
function targetEquity(ratio: string, mm: Dec, unit: Dec): Dec {
  const slash = ratio.indexOf('/');
  if (slash < 0) return new Dec(ratio).mul(mm);
  return floorTo(new Dec(ratio.slice(0, slash)).mul(mm).div(ratio.slice(slash + 1)), unit);
}

/** The boundary mix for the penalty thresholds `maxMarginRatio` of a schedule, in schedule order. */
function boundaryRatioArb(thresholds: readonly string[], region: 'boundary' | 'any'): fc.Arbitrary<string> {
  if (region === 'any') return decimal({ min: '-1', max: '5', scale: 3 });
  // Intervals strictly between consecutive thresholds below 1, the last one reaching toward 0.
  const inside = [...thresholds.filter((t) => new Dec(t).lt(1)), '0'];
  const edges = ['1', ...inside];
  const others = thresholds.filter((t) => t !== '1');
  const between: fc.Arbitrary<string>[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const hi = new Dec(edges[i]!);
    const lo = new Dec(edges[i + 1]!);
    if (hi.sub(lo).gt('0.0002')) between.push(decimal({ min: s(lo.add('0.0001')), max: s(hi.sub('0.0001')), scale: 4 }));
  }
  return fc.oneof(
    { arbitrary: fc.constant('1'), weight: 12 },
    { arbitrary: decimal({ min: '0.8', max: '0.9999', scale: 4 }), weight: 26 },
    { arbitrary: between.length > 0 ? fc.oneof(...between) : fc.constant('0.5'), weight: 12 },
    // '1' has its own weight above; here the other thresholds, where the penalty rate changes.
    { arbitrary: others.length > 0 ? fc.constantFrom(...others) : fc.constant('1'), weight: 6 },
    { arbitrary: decimal({ min: '0', max: '0.05', scale: 3 }), weight: 3 },
    { arbitrary: decimal({ min: '-0.5', max: '-0.001', scale: 3 }), weight: 7 },
    { arbitrary: decimal({ min: '1.0001', max: '1.3', scale: 4 }), weight: 5 },
    { arbitrary: decimal({ min: '2', max: '5', scale: 2 }), weight: 3 },
  );
}

type FundMode = 'zero' | 'small' | 'large' | 'residue';

const fundArb = fc.record({
  mode: fc.constantFrom<FundMode>('zero', 'small', 'small', 'large', 'residue'),
  permille: fc.integer({ min: 1, max: 100 }),
  // Thousandths of a quote unit: the fund alone may hold sub-unit PnL residues (spec §2.4), and
  // pays out whole units only (§7.4).
  residue: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 999 }), weight: 1 }),
});

/** Bounds of the marks of one market, in ticks: cheap lots must still be worth something. */
function markTicks(m: MarketParams, unit: Dec): { lo: number; hi: number } {
  // Asked several times per position on every draw, always of the same few parsed markets.
  const known = markTicksMemo.get(m);
  if (known !== undefined && known.unit.eq(unit)) return known.ticks;
  const needed = unit.mul(MIN_LOT_VALUE_UNITS).div(m.lot.mul(m.tick)).ceil().toNumber();
  const lo = Math.max(MIN_MARK_TICKS, needed);
  const ticks = { lo, hi: Math.max(lo * 10, MAX_MARK_TICKS) };
  markTicksMemo.set(m, { unit, ticks });
  return ticks;
}

/**
 * By parsed market object: a frozen params set is parsed once (parseScenario.ts), so its markets
 * are the same objects draw after draw; a weak map, so generated sets are forgotten with them.
 */
const markTicksMemo = new WeakMap<MarketParams, { readonly unit: Dec; readonly ticks: { lo: number; hi: number } }>();

/** A count spread log-uniformly over `[lo, hi]` by `t ∈ [0, SCALE]`. */
function logSpread(lo: number, hi: number, t: number): number {
  return Math.max(lo, Math.min(hi, Math.round(lo * Math.pow(hi / lo, t / SCALE))));
}

function markOf(m: MarketParams, unit: Dec, t: number): Dec {
  const { lo, hi } = markTicks(m, unit);
  return m.tick.mul(logSpread(lo, hi, t));
}

/** `P = L/(lot·j)` on the tick grid and in the mark range, for divisors `j` built from 2, 3 and 5. */
function marksOnFloor(m: MarketParams, unit: Dec, floor: Dec): readonly Dec[] {
  // The same few floors of the same parsed markets come back draw after draw (see markTicksMemo).
  let table = marksOnFloorMemo.get(m);
  if (table === undefined) marksOnFloorMemo.set(m, (table = new Map()));
  const key = `${unit.toString()}|${floor.toString()}`;
  let found = table.get(key);
  if (found === undefined) {
    if (table.size >= CACHE_LIMIT) table.clear();
    table.set(key, (found = marksOnFloorUncached(m, unit, floor)));
  }
  return found;
}

const marksOnFloorMemo = new WeakMap<MarketParams, Map<string, readonly Dec[]>>();

/** The exponents of 2, 3 and 5 in `n > 0`. */
function smoothExponents(n: bigint): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  [2n, 3n, 5n].forEach((p, i) => {
    while (n % p === 0n) {
      n /= p;
      out[i]!++;
    }
  });
  return out;
}

function marksOnFloorUncached(m: MarketParams, unit: Dec, floor: Dec): readonly Dec[] {
  const ratio = floor.div(m.lot.mul(m.tick));
  if (!ratio.isInteger()) return [];
  const M = BigInt(ratio.toFixed(0));
  if (M <= 0n) return [];
  const { lo, hi } = markTicks(m, unit);
  const [low, high] = [BigInt(lo), BigInt(hi)];
  // Divisors above M/lo give marks below the range. Only divisors of M give marks at all, so walk
  // the products 2^x·3^y·5^z within M's own exponents, not every smooth number up to M/lo (the
  // same marks, sorted below, in a few dozen steps instead of thousands).
  const most = low > 0n ? M / low : M;
  const [x, y, z] = smoothExponents(M);
  const found: Dec[] = [];
  let a = 1n;
  for (let i = 0; i <= x && a <= most; i++, a *= 2n) {
    let b = a;
    for (let k = 0; k <= y && b <= most; k++, b *= 3n) {
      let j = b;
      for (let l = 0; l <= z && j <= most; l++, j *= 5n) {
        const ticks = M / j;
        if (ticks >= low && ticks <= high) found.push(m.tick.mul(ticks.toString()));
      }
    }
  }
  return found.sort((p, q) => p.cmp(q));
}

interface Placed {
  readonly market: string;
  readonly size: Dec;
  readonly mark: Dec;
  readonly entry: Dec;
  readonly isolated: boolean;
  readonly mm: Dec;
  readonly notional: Dec;
}

/** Size and mark of one position, from its notional mode. */
function place(pp: ParsedParams, market: string, d: PositionDraw): { size: Dec; mark: Dec } {
  const m = pp.markets.get(market)!;
  const lot = m.lot;
  let mark = markOf(m, pp.unit, d.price);
  const tiers = m.tiers;
  const lastFloor = tiers[tiers.length - 1]!.floor;
  const floor = tiers.length > 1 ? tiers[1 + (d.pick % (tiers.length - 1))]!.floor : undefined;
  // Lots as exact integer quotients (floor, ceil, half-even) of positive amounts, not a rounded
  // 200-digit quotient then rounded again: the same integers (a quotient of decimals this short is
  // a whole or half number, or further from one than a 200-digit rounding can move it), without
  // computing 200 digits.
  const per = (): Dec => lot.mul(mark);
  let lots: Dec;
  let mode = d.mode;
  if (floor === undefined && mode.includes('floor')) mode = 'random';
  if (mode === 'dust' && pp.dustNotional.isZero()) mode = 'random';
  // A position of one or two lots can only be closed in full, which is not what a floor or dust
  // placement is for: lower the mark (within its range) until the anchor is worth ≥ 10 lots.
  const anchor = mode === 'dust' ? pp.dustNotional : mode.includes('floor') ? floor : undefined;
  if (anchor !== undefined && anchor.lt(per().mul(MIN_ANCHOR_LOTS))) {
    const ticks = anchor.divToInt(lot.mul(m.tick).mul(MIN_ANCHOR_LOTS));
    mark = m.tick.mul(Dec.max(markTicks(m, pp.unit).lo, ticks));
  }
  if (mode === 'floor-exact') {
    const options = marksOnFloor(m, pp.unit, floor!);
    if (options.length === 0) mode = 'floor-above';
    else mark = options[d.spread % options.length]!;
  }
  switch (mode) {
    case 'floor-exact':
      lots = floor!.div(per()); // a whole number: the mark was chosen so
      break;
    case 'floor-above':
      lots = floor!.divToInt(per()).add(1);
      break;
    case 'floor-below':
      lots = ceilDiv(floor!, per()).sub(1);
      break;
    case 'near-floor':
      lots = roundHalfEvenDiv(floor!.mul(1 + (d.spread / SCALE - 0.5) / 10), per());
      break;
    case 'dust':
      // One to three times the threshold, crowded toward one: near the boundary a minimal close
      // takes a small fraction, so only positions just above the threshold are left as dust.
      lots = ceilDiv(pp.dustNotional.mul(1 + 2 * (d.spread / SCALE) ** 2), per());
      break;
    case 'one-lot':
      lots = new Dec(1);
      break;
    case 'random': {
      const hi = Dec.max(lastFloor.mul(4), new Dec(10_000), lot.mul(mark).mul(100));
      const most = Math.max(1, hi.divToInt(per()).toNumber());
      lots = new Dec(logSpread(Math.min(3, most), most, d.spread));
      break;
    }
  }
  lots = Dec.max(1, lots);
  return { size: lot.mul(lots).mul(d.long ? 1 : -1), mark };
}

/** `⌈n/d⌉` for `n, d > 0`. */
function ceilDiv(n: Dec, d: Dec): Dec {
  const q = n.divToInt(d);
  return q.mul(d).lt(n) ? q.add(1) : q;
}

/** `n/d` rounded to an integer, ties to even (the clone's rounding), for `n, d > 0`. */
function roundHalfEvenDiv(n: Dec, d: Dec): Dec {
  const q = n.divToInt(d);
  const c = n.sub(q.mul(d)).mul(2).cmp(d);
  return c > 0 || (c === 0 && !q.mod(2).isZero()) ? q.add(1) : q;
}

function placedAt(pp: ParsedParams, market: string, size: Dec, mark: Dec, p: PositionDraw): Placed {
  const m = pp.markets.get(market)!;
  const notional = size.abs().mul(mark);
  return { market, size, mark, entry: entryFor(m, mark, p.entryBp), isolated: p.isolated, mm: maintenanceMargin(m.tiers, notional), notional };
}

function gcdInt(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Multipliers `m` with only the prime factors 2, 3 and 5, so `m·10^e` has many divisors. */
const SMOOTH = ['1', '1.2', '1.5', '2', '2.5', '3', '4', '5', '6', '8', '10'].map((x) => new Dec(x));

/**
 * Puts the largest cross position and one other cross position on one notional `N ≥` the largest,
 * a common multiple of both markets' `lot·tick` whose quotient has only small prime factors, so
 * each market has marks on its tick grid with `N/(lot·P)` whole lots. Leaves the group as it is
 * when either market has no such mark in its range.
 */
function tieLargest(pp: ParsedParams, placed: Placed[], d: Draw, pick: number): void {
  const cross = [...placed.keys()].filter((i) => !placed[i]!.isolated);
  if (cross.length < 2) return;
  const a = cross.reduce((best, i) => (placed[i]!.notional.gt(placed[best]!.notional) ? i : best));
  const others = cross.filter((i) => i !== a);
  const b = others[pick % others.length]!;
  const grid = (i: number): Dec => {
    const m = pp.markets.get(placed[i]!.market)!;
    return m.lot.mul(m.tick);
  };
  const scale = Math.max(grid(a).decimalPlaces(), grid(b).decimalPlaces());
  const [ga, gb] = [scaled(grid(a), scale), scaled(grid(b), scale)];
  const lcm = new Dec(((ga / gcdInt(ga, gb)) * gb).toString()).mul(pow10(-scale));
  const quotient = placed[a]!.notional.div(lcm).ceil();
  const e = Math.max(0, quotient.toFixed(0).length - 1);
  const m = SMOOTH.find((x) => x.mul(pow10(e)).gte(quotient))!;
  const notional = lcm.mul(m.mul(pow10(e)));
  const moved: Placed[] = [];
  for (const i of [a, b]) {
    const market = placed[i]!.market;
    const options = marksOnFloor(pp.markets.get(market)!, pp.unit, notional);
    if (options.length === 0) return;
    const mark = options[pick % options.length]!;
    const lots = notional.div(pp.markets.get(market)!.lot.mul(mark));
    const draw = d.positions[i]!.p;
    moved.push({ ...placedAt(pp, market, pp.markets.get(market)!.lot.mul(lots).mul(draw.long ? 1 : -1), mark, draw), isolated: false });
  }
  placed[a] = moved[0]!;
  placed[b] = moved[1]!;
}

function entryFor(m: MarketParams, mark: Dec, bp: number): Dec {
  const e = floorTo(mark.mul(10_000 - bp).div(10_000), m.tick);
  return e.gt(0) ? e : m.tick;
}

/**
 * Collateral for one group so that `E = ρ·MM` exactly, adjusting one entry price; positions are
 * tried as the absorbing one largest first. Falls back to rounding the collateral up (so `E`
 * exceeds `ρ·MM` by less than one quote unit, or more when even zero collateral is too much) if
 * no exact placement exists; in practice that fallback is not reached.
 */
function solveGroup(pp: ParsedParams, group: Placed[], ratio: string): { collateral: Dec; positions: Placed[] } {
  const mm = group.reduce((a, p) => a.add(p.mm), ZERO);
  const target = targetEquity(ratio, mm, pp.unit);
  const pnl = (p: Placed): Dec => p.size.mul(p.mark.sub(p.entry));
  const totalPnl = group.reduce((a, p) => a.add(pnl(p)), ZERO);
  const order = [...group.keys()].sort((a, b) => group[b]!.notional.cmp(group[a]!.notional));
  for (const [attempt, i] of order.entries()) {
    // After the first attempt, drop the other positions' PnL: it may be what makes e ≤ 0.
    const others = attempt === 0 ? group.filter((_, j) => j !== i) : group.filter((_, j) => j !== i).map((p) => ({ ...p, entry: p.mark }));
    const othersPnl = others.reduce((a, p) => a.add(pnl(p)), ZERO);
    const abs = group[i]!;
    const wanted = Dec.max(ZERO, target.sub(othersPnl).sub(pnl(abs)));
    const solved = exactEntry({ target: target.sub(othersPnl), collateral: wanted, size: abs.size, mark: abs.mark, entry: abs.entry, quoteScale: pp.quoteScale });
    if (solved !== null) {
      const positions = group.map((p, j) => (j === i ? { ...p, entry: solved.entry } : (others.find((o) => o.market === p.market) ?? p)));
      return { collateral: solved.collateral, positions };
    }
  }
  return { collateral: Dec.max(ZERO, ceilTo(target.sub(totalPnl), pp.unit)), positions: group };
}

function build(params: RiskParams, pp: ParsedParams, d: Draw, margin: NonNullable<ScenarioConstraints['margin']>): Scenario {
  const placed: Placed[] = d.positions.map(({ market, p }) => {
    const { size, mark } = place(pp, market, p);
    return placedAt(pp, market, size, mark, p);
  });
  if (margin === 'mixed' && placed.length >= 2 && placed.every((p) => p.isolated === placed[0]!.isolated)) {
    placed[0] = { ...placed[0]!, isolated: !placed[0]!.isolated };
  }
  if (d.tie !== undefined && d.tie !== null) tieLargest(pp, placed, d, d.tie);
  const ratios = d.ratios;
  const out = new Map<string, { entry: Dec; isolatedMargin: Dec | null }>();
  const cross = placed.filter((p) => !p.isolated);
  let collateral = pp.unit.mul(d.idleCollateral);
  if (cross.length > 0) {
    const g = solveGroup(pp, cross, ratios[0]!);
    collateral = g.collateral;
    for (const p of g.positions) out.set(p.market, { entry: p.entry, isolatedMargin: null });
  }
  placed.forEach((p, i) => {
    if (!p.isolated) return;
    const g = solveGroup(pp, [p], ratios[i + 1]!);
    out.set(p.market, { entry: g.positions[0]!.entry, isolatedMargin: g.collateral });
  });

  const positions: PositionInput[] = [];
  const parsedPositions: Position[] = [];
  for (const p of placed) {
    const o = out.get(p.market)!;
    const base = { market: p.market, size: s(p.size), entryPrice: s(o.entry) };
    positions.push(Object.freeze(o.isolatedMargin === null ? base : { ...base, isolatedMargin: s(o.isolatedMargin) }));
    parsedPositions.push({ market: p.market, size: p.size, entry: o.entry, isolatedMargin: o.isolatedMargin === null ? null : plain(o.isolatedMargin) });
  }
  const marks: Record<string, string> = {};
  const markPrices = new Map<string, Dec>();
  let idle = 0;
  for (const [id, m] of pp.markets) {
    const held = placed.find((p) => p.market === id);
    const mark = held?.mark ?? markOf(m, pp.unit, d.idleMarks[idle++ % d.idleMarks.length] ?? 0);
    marks[id] = s(mark);
    markPrices.set(id, mark);
  }
  const totalMm = placed.reduce((a, p) => a.add(p.mm), ZERO);
  const totalNotional = placed.reduce((a, p) => a.add(p.notional), ZERO);
  // Small: a fraction of the requirement, below the bad debt of most underwater accounts.
  const whole =
    d.fund.mode === 'zero' || d.fund.mode === 'residue'
      ? ZERO
      : d.fund.mode === 'small'
        ? floorTo(totalMm.mul(d.fund.permille).div(1000), pp.unit)
        : ceilTo(totalNotional.mul(d.fund.permille).div(10), pp.unit);
  const thousandths = d.fund.mode === 'residue' ? Math.max(1, d.fund.residue) : d.fund.mode === 'zero' ? 0 : d.fund.residue;
  // Sub-unit digits only while they fit in the 18 fraction digits of spec §1.1.
  const fund = pp.quoteScale + 3 <= 18 ? whole.add(pp.unit.mul(thousandths).div(1000)) : whole;
  const drawn: Scenario = Object.freeze({
    params,
    marks: Object.freeze(marks),
    account: Object.freeze({ collateral: s(collateral), positions: Object.freeze(positions) }),
    insuranceFund: s(fund),
  });
  // The parsed form is known already: hand it over, so checking the case does not parse it again
  // (remembered only when the params are deeply frozen, as generated ones and the built-in are).
  // The marks in the order parseScenario reads them: the object's own key order.
  const parsedMarks = new Map(Object.keys(marks).map((id) => [id, markPrices.get(id)!]));
  rememberParsed(drawn, { params: pp, marks: parsedMarks, collateral: plain(collateral), positions: parsedPositions, insuranceFund: plain(fund) });
  return drawn;
}

/** Zero without a sign: what parsing `"0"` gives, whatever sign a computed zero carries. */
function plain(x: Dec): Dec {
  return x.isZero() ? ZERO : x;
}

function parsedOrThrow(params: RiskParams): ParsedParams {
  const parsed = parseParams(params);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    throw new Error(`scenario: the params arbitrary produced invalid params (${first?.path}: expected ${first?.expected}, got ${first?.received})`);
  }
  return parsed.value;
}

/**
 * Valid scenarios whose margin groups sit near the liquidation boundary.
 *
 * @remarks Every group's equity is exactly `ρ·MM` for the drawn `ρ` whenever an exact placement
 * exists (it almost always does), so `E = MM` and `E = t·MM` on each penalty threshold `t` really
 * occur. Notionals are placed exactly on tier floors, a lot above or below, near them, or near
 * the dust threshold; underwater groups get their deficit from the entry price, never from
 * negative collateral. Every market of the params gets a mark.
 *
 * A drawn scenario is frozen (its marks, account and positions too; its params are the drawn
 * object itself, shared, not copied): derive a changed one by copying. Under deeply frozen params
 * (the built-in profile, every {@link riskParams} set, params loaded by the CLI) its parsed form
 * is handed over with it (src/invariants/caseInput.ts), so checking it does not parse it again.
 */
export function scenario(c: ScenarioConstraints = {}): fc.Arbitrary<Scenario> {
  const range = c.positions ?? { min: 1, max: 3 };
  if (!Number.isInteger(range.min) || !Number.isInteger(range.max) || range.min < 1 || range.min > range.max) {
    throw new Error(`scenario: positions must be integers with 1 ≤ min ≤ max, got ${JSON.stringify(range)}`);
  }
  const margin = c.margin ?? 'any';
  const region = c.region ?? 'boundary';
  const isolatedWeight = margin === 'cross' ? 'never' : margin === 'isolated' ? 'always' : margin === 'mixed' ? 'half' : 'quarter';
  const inexact = c.inexactRatios ?? false;
  // Built once, not on every draw: an arbitrary is a pure function of the random stream, so a
  // shared one draws exactly what a fresh copy would, without rebuilding it (the ratio mix alone
  // parses every threshold and builds a dozen decimal arbitraries).
  const drawArb = positionDrawArb(isolatedWeight);
  const draws = cached((n: number) => fc.array(drawArb, { minLength: n, maxLength: n }));
  // The ratio mix depends on the params only through their penalty thresholds.
  const ratios = cached((key: string) => {
    const mix = ratioArb(JSON.parse(key) as string[], region, inexact);
    return cached((n: number) => fc.array(mix, { minLength: n + 1, maxLength: n + 1 }));
  });
  const markets = cached((key: string) => {
    const ids = JSON.parse(key) as string[];
    return cached((n: number) => fc.shuffledSubarray(ids, { minLength: n, maxLength: n }));
  });
  const idleMarks = cached((most: number) => fc.array(fc.integer({ min: 0, max: SCALE }), { minLength: 1, maxLength: most }));
  const idleCollateral = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 }));
  // Only when asked for, so existing seeds keep drawing what they always drew.
  const tie: { tie?: fc.Arbitrary<number | null> } = c.ties ? { tie: fc.option(fc.integer({ min: 0, max: SCALE }), { nil: null, freq: 2 }) } : {};
  const counts = cached((key: string) => {
    const [min, max] = key.split(',').map(Number) as [number, number];
    // The fewest positions are the clearest cases: half the draws, the other half uniform.
    return min === max ? fc.constant(min) : fc.oneof(fc.constant(min), fc.integer({ min, max }));
  });
  // By params object: a pinned set (a profile's) is the same object draw after draw.
  const inverse = new WeakMap<RiskParams, fc.Arbitrary<Scenario>>();
  const inverseOf = (params: RiskParams): fc.Arbitrary<Scenario> => {
    let a = inverse.get(params);
    if (a === undefined) inverse.set(params, (a = inverseAccount(params, { positions: range, margin, ...(c.inverseValuation === undefined ? {} : { valuation: c.inverseValuation }) })));
    return a;
  };
  // Collateral assets (§13): the linear draw under the params without them, then the cross group's
  // assets and quote balance solved on top (multiAssetAccount.ts).
  const multiAsset = new WeakMap<RiskParams, fc.Arbitrary<Scenario>>();
  const multiAssetOf = (params: RiskParams): fc.Arbitrary<Scenario> => {
    let a = multiAsset.get(params);
    if (a === undefined) multiAsset.set(params, (a = multiAssetAccount(params, scenario({ ...c, params: fc.constant(linearParams(params)) }))));
    return a;
  };
  return (c.params ?? riskParams()).chain((params) => {
    // Inverse markets have their own account solver (§12.2's values); linear params draw as always.
    if (hasInverseMarket(params)) return inverseOf(params);
    if (hasAssets(params)) return multiAssetOf(params);
    const pp = parsedOrThrow(params);
    const ids = [...pp.markets.keys()];
    const max = Math.min(range.max, ids.length);
    const min = Math.min(range.min, max);
    const thresholds = ratios(JSON.stringify(params.penalty.steps.map((st) => st.maxMarginRatio)));
    const subsets = markets(JSON.stringify(ids));
    return counts(`${min},${max}`).chain((n) =>
      fc
        .record({
          markets: subsets(n),
          draws: draws(n),
          ratios: thresholds(n),
          idleMarks: idleMarks(ids.length),
          fund: fundArb,
          idleCollateral,
          ...tie,
        })
        .map(({ markets, draws, ...rest }) =>
          build(params, pp, { positions: markets.map((market, i) => ({ market, p: draws[i]! })), ...rest }, margin),
        ),
    );
  });
}

/** Most entries a {@link cached} table keeps: generated params vary, memory must stay flat. */
const CACHE_LIMIT = 256;

/** `make` memoized on its key, forgetting everything once {@link CACHE_LIMIT} keys are held. */
function cached<K, V>(make: (key: K) => V): (key: K) => V {
  const table = new Map<K, V>();
  return (key) => {
    let v = table.get(key);
    if (v === undefined) {
      if (table.size >= CACHE_LIMIT) table.clear();
      v = make(key);
      table.set(key, v);
    }
    return v;
  };
}

/** One cross position: the simplest liquidation, same boundary mix as {@link scenario}. */
export function singlePositionScenario(c: Omit<ScenarioConstraints, 'positions' | 'margin'> = {}): fc.Arbitrary<Scenario> {
  return scenario({ ...c, positions: { min: 1, max: 1 }, margin: 'cross' });
}
