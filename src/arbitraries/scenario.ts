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
import { Dec, toCanonical as canonicalDec } from '../model/decimal.ts';
import { ceilDiv, ceilTo, Fixed, fixedOf, floorDiv, floorTo, fmax, FONE, fromDec, FZERO, pow10, toCanonical, toDec } from '../model/fixed.ts';
import { fixedParams as coreParams, maintenanceMargin, type FTier } from '../model/fixedCore.ts';
import { parseParams } from '../model/parseScenario.ts';
import { rememberParsed } from '../invariants/caseInput.ts';
import type { ParsedParams, Position, PositionInput, RiskParams, Scenario } from '../model/types.ts';
import { decimal } from './decimal.ts';
import { exactEntryOf } from './exactEntry.ts';
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

const s = canonicalDec;
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
function targetEquity(ratio: string, mm: Fixed, unit: Fixed): Fixed {
  const slash = ratio.indexOf('/');
  if (slash < 0) return fixedOf(ratio).mul(mm);
  // ⌊n·MM/(d·u)⌋·u: the floor of the exact quotient, the multiple of u a 200-digit quotient
  // floored to u also gives (no quotient of numbers this short lies within 10^−199 of the grid).
  return floorDiv(fixedOf(ratio.slice(0, slash)).mul(mm), new Fixed(BigInt(ratio.slice(slash + 1)), 0).mul(unit)).mul(unit);
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

/**
 * A market's amounts as exact integers: a draw places and solves positions with a few dozen sums,
 * products and integer quotients of short decimals, exact in bigint mantissas and many times
 * cheaper than in 200-digit decimals (every quotient here is an explicit floor, ceiling or
 * half-even rounding, or an exact division).
 */
interface FixedMarket {
  readonly lot: Fixed;
  readonly tick: Fixed;
  /** `lot·tick`: the notional grid of one lot and one tick */
  readonly grid: Fixed;
  readonly tiers: readonly FTier[];
  /** bounds of the marks, in ticks ({@link markTicks}) */
  readonly ticks: { readonly lo: number; readonly hi: number };
}

/** The parts of the parsed params a draw reads, as exact integers. */
interface FixedParams {
  readonly quoteScale: number;
  readonly unit: Fixed;
  readonly dustNotional: Fixed;
  readonly markets: ReadonlyMap<string, FixedMarket>;
}

/**
 * By parsed params object: a frozen params set is parsed once (parseScenario.ts), so its parsed
 * form is the same object draw after draw; a weak map, so generated sets are forgotten with it.
 */
const fixedParamsMemo = new WeakMap<ParsedParams, FixedParams>();

function fixedParams(pp: ParsedParams): FixedParams {
  let f = fixedParamsMemo.get(pp);
  if (f === undefined) {
    // The integer core's own conversion (memoized by parsed params too): the reference then runs
    // the drawn scenario on the very amounts converted here.
    const core = coreParams(pp);
    const markets = new Map<string, FixedMarket>();
    for (const [id, m] of core.markets) {
      const grid = m.lot.mul(m.tick);
      markets.set(id, { lot: m.lot, tick: m.tick, grid, tiers: m.tiers, ticks: markTicks(grid, core.unit) });
    }
    fixedParamsMemo.set(pp, (f = { quoteScale: pp.quoteScale, unit: core.unit, dustNotional: core.dustNotional, markets }));
  }
  return f;
}

/**
 * The exact value of a JS number as decimal.js reads one, its shortest decimal form: the
 * multipliers of a near-floor or dust placement, and counts spread by {@link logSpread}.
 */
function numberOf(x: number): Fixed {
  if (Number.isSafeInteger(x)) return new Fixed(BigInt(x), 0);
  const written = String(x);
  return written.includes('e') ? fromDec(new Dec(x)) : fixedOf(written);
}

/** Bounds of the marks of one market, in ticks: cheap lots must still be worth something. */
function markTicks(grid: Fixed, unit: Fixed): { lo: number; hi: number } {
  const needed = Number(ceilDiv(unit.mul(new Fixed(BigInt(MIN_LOT_VALUE_UNITS), 0)), grid).m);
  const lo = Math.max(MIN_MARK_TICKS, needed);
  return { lo, hi: Math.max(lo * 10, MAX_MARK_TICKS) };
}

/** A count spread log-uniformly over `[lo, hi]` by `t ∈ [0, SCALE]`. */
function logSpread(lo: number, hi: number, t: number): number {
  return Math.max(lo, Math.min(hi, Math.round(lo * Math.pow(hi / lo, t / SCALE))));
}

function markOf(m: FixedMarket, t: number): Fixed {
  const { lo, hi } = m.ticks;
  return m.tick.mul(numberOf(logSpread(lo, hi, t)));
}

/** `P = L/(lot·j)` on the tick grid and in the mark range, for divisors `j` built from 2, 3 and 5. */
function marksOnFloor(m: FixedMarket, floor: Fixed): readonly Fixed[] {
  // The same few floors of the same markets come back draw after draw (see fixedParamsMemo).
  let table = marksOnFloorMemo.get(m);
  if (table === undefined) marksOnFloorMemo.set(m, (table = new Map()));
  const key = toCanonical(floor);
  let found = table.get(key);
  if (found === undefined) {
    if (table.size >= CACHE_LIMIT) table.clear();
    table.set(key, (found = marksOnFloorUncached(m, floor)));
  }
  return found;
}

const marksOnFloorMemo = new WeakMap<FixedMarket, Map<string, readonly Fixed[]>>();

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

/** `a/b` when it is an integer, else `undefined`. */
function wholeQuotient(a: Fixed, b: Fixed): bigint | undefined {
  const e = Math.max(a.s, b.s);
  const [x, y] = [a.m * pow10(e - a.s), b.m * pow10(e - b.s)];
  return x % y === 0n ? x / y : undefined;
}

function marksOnFloorUncached(m: FixedMarket, floor: Fixed): readonly Fixed[] {
  const M = wholeQuotient(floor, m.grid);
  if (M === undefined || M <= 0n) return [];
  const [low, high] = [BigInt(m.ticks.lo), BigInt(m.ticks.hi)];
  // Divisors above M/lo give marks below the range. Only divisors of M give marks at all, so walk
  // the products 2^x·3^y·5^z within M's own exponents, not every smooth number up to M/lo (the
  // same marks, sorted below, in a few dozen steps instead of thousands).
  const most = low > 0n ? M / low : M;
  const [x, y, z] = smoothExponents(M);
  const found: bigint[] = [];
  let a = 1n;
  for (let i = 0; i <= x && a <= most; i++, a *= 2n) {
    let b = a;
    for (let k = 0; k <= y && b <= most; k++, b *= 3n) {
      let j = b;
      for (let l = 0; l <= z && j <= most; l++, j *= 5n) {
        const ticks = M / j;
        if (ticks >= low && ticks <= high) found.push(ticks);
      }
    }
  }
  return found.sort((p, q) => (p < q ? -1 : p > q ? 1 : 0)).map((ticks) => m.tick.mul(new Fixed(ticks, 0)));
}

interface Placed {
  readonly market: string;
  readonly size: Fixed;
  readonly mark: Fixed;
  readonly entry: Fixed;
  readonly isolated: boolean;
  readonly mm: Fixed;
  readonly notional: Fixed;
}

const ANCHOR_LOTS = new Fixed(BigInt(MIN_ANCHOR_LOTS), 0);
const fmaxOf = (...xs: Fixed[]): Fixed => xs.reduce((a, b) => fmax(a, b));

/** Size and mark of one position, from its notional mode. */
function place(fp: FixedParams, market: string, d: PositionDraw): { size: Fixed; mark: Fixed } {
  const m = fp.markets.get(market)!;
  const lot = m.lot;
  let mark = markOf(m, d.price);
  const tiers = m.tiers;
  const lastFloor = tiers[tiers.length - 1]!.floor;
  const floor = tiers.length > 1 ? tiers[1 + (d.pick % (tiers.length - 1))]!.floor : undefined;
  // Lots as exact integer quotients (floor, ceil, half-even) of positive amounts: the integers a
  // 200-digit quotient rounded again gave (a quotient of decimals this short is a whole or half
  // number, or further from one than a 200-digit rounding can move it). `lot·mark` is the
  // notional of one lot at the mark as it stands.
  let lots: Fixed;
  let mode = d.mode;
  if (floor === undefined && mode.includes('floor')) mode = 'random';
  if (mode === 'dust' && fp.dustNotional.isZero()) mode = 'random';
  // A position of one or two lots can only be closed in full, which is not what a floor or dust
  // placement is for: lower the mark (within its range) until the anchor is worth ≥ 10 lots.
  const anchor = mode === 'dust' ? fp.dustNotional : mode.includes('floor') ? floor : undefined;
  if (anchor !== undefined && anchor.lt(lot.mul(mark).mul(ANCHOR_LOTS))) {
    const ticks = floorDiv(anchor, m.grid.mul(ANCHOR_LOTS));
    mark = m.tick.mul(fmax(numberOf(m.ticks.lo), ticks));
  }
  if (mode === 'floor-exact') {
    const options = marksOnFloor(m, floor!);
    if (options.length === 0) mode = 'floor-above';
    else mark = options[d.spread % options.length]!;
  }
  switch (mode) {
    case 'floor-exact':
      lots = new Fixed(wholeQuotient(floor!, lot.mul(mark))!, 0); // a whole number: the mark was chosen so
      break;
    case 'floor-above':
      lots = floorDiv(floor!, lot.mul(mark)).add(FONE);
      break;
    case 'floor-below':
      lots = ceilDiv(floor!, lot.mul(mark)).sub(FONE);
      break;
    case 'near-floor':
      lots = roundHalfEvenDiv(floor!.mul(numberOf(1 + (d.spread / SCALE - 0.5) / 10)), lot.mul(mark));
      break;
    case 'dust':
      // One to three times the threshold, crowded toward one: near the boundary a minimal close
      // takes a small fraction, so only positions just above the threshold are left as dust.
      lots = ceilDiv(fp.dustNotional.mul(numberOf(1 + 2 * (d.spread / SCALE) ** 2)), lot.mul(mark));
      break;
    case 'one-lot':
      lots = FONE;
      break;
    case 'random': {
      const hi = fmaxOf(lastFloor.mul(new Fixed(4n, 0)), new Fixed(10_000n, 0), lot.mul(mark).mul(new Fixed(100n, 0)));
      const most = Math.max(1, Number(floorDiv(hi, lot.mul(mark)).m));
      lots = numberOf(logSpread(Math.min(3, most), most, d.spread));
      break;
    }
  }
  lots = fmax(FONE, lots);
  return { size: lot.mul(lots).mul(new Fixed(d.long ? 1n : -1n, 0)), mark };
}

/** `n/d` rounded to an integer, ties to even (the clone's rounding), for `n, d > 0`. */
function roundHalfEvenDiv(n: Fixed, d: Fixed): Fixed {
  const q = floorDiv(n, d);
  const c = n.sub(q.mul(d)).mul(new Fixed(2n, 0)).cmp(d);
  return c > 0 || (c === 0 && q.m % 2n !== 0n) ? q.add(FONE) : q;
}

function placedAt(fp: FixedParams, market: string, size: Fixed, mark: Fixed, p: PositionDraw): Placed {
  const m = fp.markets.get(market)!;
  const notional = size.abs().mul(mark);
  return { market, size, mark, entry: entryFor(m, mark, p.entryBp), isolated: p.isolated, mm: maintenanceMargin(m.tiers, notional), notional };
}

function gcdInt(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Multipliers `m` with only the prime factors 2, 3 and 5, so `m·10^e` has many divisors. */
const SMOOTH = ['1', '1.2', '1.5', '2', '2.5', '3', '4', '5', '6', '8', '10'].map(fixedOf);

/**
 * Puts the largest cross position and one other cross position on one notional `N ≥` the largest,
 * a common multiple of both markets' `lot·tick` whose quotient has only small prime factors, so
 * each market has marks on its tick grid with `N/(lot·P)` whole lots. Leaves the group as it is
 * when either market has no such mark in its range.
 */
function tieLargest(fp: FixedParams, placed: Placed[], d: Draw, pick: number): void {
  const cross = [...placed.keys()].filter((i) => !placed[i]!.isolated);
  if (cross.length < 2) return;
  const a = cross.reduce((best, i) => (placed[i]!.notional.gt(placed[best]!.notional) ? i : best));
  const others = cross.filter((i) => i !== a);
  const b = others[pick % others.length]!;
  const grid = (i: number): Fixed => fp.markets.get(placed[i]!.market)!.grid;
  // The least common multiple of the two grids' mantissas at a common scale: the same value at
  // any common scale.
  const scale = Math.max(grid(a).s, grid(b).s);
  const [ga, gb] = [grid(a).m * pow10(scale - grid(a).s), grid(b).m * pow10(scale - grid(b).s)];
  const lcm = new Fixed((ga / gcdInt(ga, gb)) * gb, scale);
  const quotient = ceilDiv(placed[a]!.notional, lcm).m;
  const e = Math.max(0, quotient.toString().length - 1);
  const power = new Fixed(pow10(e), 0);
  const q = new Fixed(quotient, 0);
  const m = SMOOTH.find((x) => x.mul(power).gte(q))!;
  const notional = lcm.mul(m.mul(power));
  const moved: Placed[] = [];
  for (const i of [a, b]) {
    const market = placed[i]!.market;
    const fm = fp.markets.get(market)!;
    const options = marksOnFloor(fm, notional);
    if (options.length === 0) return;
    const mark = options[pick % options.length]!;
    const lots = new Fixed(wholeQuotient(notional, fm.lot.mul(mark))!, 0);
    const draw = d.positions[i]!.p;
    moved.push({ ...placedAt(fp, market, fm.lot.mul(lots).mul(new Fixed(draw.long ? 1n : -1n, 0)), mark, draw), isolated: false });
  }
  placed[a] = moved[0]!;
  placed[b] = moved[1]!;
}

function entryFor(m: FixedMarket, mark: Fixed, bp: number): Fixed {
  // mark·(10000 − bp)/10000 exactly: four more fraction digits.
  const e = floorTo(new Fixed(mark.m * BigInt(10_000 - bp), mark.s + 4), m.tick);
  return e.m > 0n ? e : m.tick;
}

/** A position's unrealized PnL `q·(P − e)`. */
function pnlOf(p: Placed): Fixed {
  return p.size.mul(p.mark.sub(p.entry));
}

/**
 * Collateral for one group so that `E = ρ·MM` exactly, adjusting one entry price; positions are
 * tried as the absorbing one largest first. Falls back to rounding the collateral up (so `E`
 * exceeds `ρ·MM` by less than one quote unit, or more when even zero collateral is too much) if
 * no exact placement exists; in practice that fallback is not reached.
 */

function solveGroup(fp: FixedParams, group: Placed[], ratio: string): { collateral: Fixed; positions: Placed[] } {
  const mm = group.reduce((a, p) => a.add(p.mm), FZERO);
  const target = targetEquity(ratio, mm, fp.unit);
  const totalPnl = group.reduce((a, p) => a.add(pnlOf(p)), FZERO);
  const order = [...group.keys()].sort((a, b) => group[b]!.notional.cmp(group[a]!.notional));
  for (const [attempt, i] of order.entries()) {
    // After the first attempt, drop the other positions' PnL: it may be what makes e ≤ 0.
    const others = attempt === 0 ? group.filter((_, j) => j !== i) : group.filter((_, j) => j !== i).map((p) => ({ ...p, entry: p.mark }));
    const othersPnl = others.reduce((a, p) => a.add(pnlOf(p)), FZERO);
    const abs = group[i]!;
    const wanted = fmax(FZERO, target.sub(othersPnl).sub(pnlOf(abs)));
    const solved = exactEntryOf({ target: target.sub(othersPnl), collateral: wanted, size: abs.size, mark: abs.mark, entry: abs.entry, quoteScale: fp.quoteScale });
    if (solved !== null) {
      const positions = group.map((p, j) => (j === i ? { ...p, entry: solved.entry } : (others.find((o) => o.market === p.market) ?? p)));
      return { collateral: solved.collateral, positions };
    }
  }
  return { collateral: fmax(FZERO, ceilTo(target.sub(totalPnl), fp.unit)), positions: group };
}

function build(params: RiskParams, pp: ParsedParams, d: Draw, margin: NonNullable<ScenarioConstraints['margin']>): Scenario {
  const fp = fixedParams(pp);
  const placed: Placed[] = d.positions.map(({ market, p }) => {
    const { size, mark } = place(fp, market, p);
    return placedAt(fp, market, size, mark, p);
  });
  if (margin === 'mixed' && placed.length >= 2 && placed.every((p) => p.isolated === placed[0]!.isolated)) {
    placed[0] = { ...placed[0]!, isolated: !placed[0]!.isolated };
  }
  if (d.tie !== undefined && d.tie !== null) tieLargest(fp, placed, d, d.tie);
  const ratios = d.ratios;
  const out = new Map<string, { entry: Fixed; isolatedMargin: Fixed | null }>();
  const cross = placed.filter((p) => !p.isolated);
  let collateral = fp.unit.mul(numberOf(d.idleCollateral));
  if (cross.length > 0) {
    const g = solveGroup(fp, cross, ratios[0]!);
    collateral = g.collateral;
    for (const p of g.positions) out.set(p.market, { entry: p.entry, isolatedMargin: null });
  }
  placed.forEach((p, i) => {
    if (!p.isolated) return;
    const g = solveGroup(fp, [p], ratios[i + 1]!);
    out.set(p.market, { entry: g.positions[0]!.entry, isolatedMargin: g.collateral });
  });

  const positions: PositionInput[] = [];
  const parsedPositions: Position[] = [];
  for (const p of placed) {
    const o = out.get(p.market)!;
    const base = { market: p.market, size: toCanonical(p.size), entryPrice: toCanonical(o.entry) };
    positions.push(Object.freeze(o.isolatedMargin === null ? base : { ...base, isolatedMargin: toCanonical(o.isolatedMargin) }));
    parsedPositions.push({ market: p.market, size: toDec(p.size), entry: toDec(o.entry), isolatedMargin: o.isolatedMargin === null ? null : toDec(o.isolatedMargin) });
  }
  const marks: Record<string, string> = {};
  const markPrices = new Map<string, Dec>();
  let idle = 0;
  for (const [id, m] of fp.markets) {
    const held = placed.find((p) => p.market === id);
    const mark = held?.mark ?? markOf(m, d.idleMarks[idle++ % d.idleMarks.length] ?? 0);
    marks[id] = toCanonical(mark);
    markPrices.set(id, toDec(mark));
  }
  const totalMm = placed.reduce((a, p) => a.add(p.mm), FZERO);
  const totalNotional = placed.reduce((a, p) => a.add(p.notional), FZERO);
  // Small: a fraction of the requirement, below the bad debt of most underwater accounts.
  const whole =
    d.fund.mode === 'zero' || d.fund.mode === 'residue'
      ? FZERO
      : d.fund.mode === 'small'
        ? floorTo(new Fixed(totalMm.m * BigInt(d.fund.permille), totalMm.s + 3), fp.unit)
        : ceilTo(new Fixed(totalNotional.m * BigInt(d.fund.permille), totalNotional.s + 1), fp.unit);
  const thousandths = d.fund.mode === 'residue' ? Math.max(1, d.fund.residue) : d.fund.mode === 'zero' ? 0 : d.fund.residue;
  // Sub-unit digits only while they fit in the 18 fraction digits of spec §1.1.
  const fund = fp.quoteScale + 3 <= 18 ? whole.add(new Fixed(BigInt(thousandths), fp.quoteScale + 3)) : whole;
  const drawn: Scenario = Object.freeze({
    params,
    marks: Object.freeze(marks),
    account: Object.freeze({ collateral: toCanonical(collateral), positions: Object.freeze(positions) }),
    insuranceFund: toCanonical(fund),
  });
  // The parsed form is known already: hand it over, so checking the case does not parse it again
  // (remembered only when the params are deeply frozen, as generated ones and the built-in are).
  // The marks in the order parseScenario reads them: the object's own key order.
  const parsedMarks = new Map(Object.keys(marks).map((id) => [id, markPrices.get(id)!]));
  rememberParsed(drawn, { params: pp, marks: parsedMarks, collateral: toDec(collateral), positions: parsedPositions, insuranceFund: toDec(fund) });
  return drawn;
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
