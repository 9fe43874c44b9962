/**
 * Valid, edge-biased risk parameter sets (spec §2.1, §3, §5).
 * @see docs/spec.md#2-inputs
 */
import fc from 'fast-check';
import { deepFreeze } from '../model/frozen.ts';
import type { MarketParamsInput, PenaltyStepInput, RiskParams, Trigger } from '../model/types.ts';
import { continuousTiers, type TierSpec } from './continuousTiers.ts';
import { decimal } from './decimal.ts';

/** The market ids generated parameter sets draw from, in code-unit order. */
export const MARKET_IDS = ['BTC-PERP', 'ETH-PERP', 'SOL-PERP'] as const;

/**
 * Lowest number of ticks a generated mark may have, and highest. Scenario generators draw marks
 * in `[MIN_MARK_TICKS, MAX_MARK_TICKS]` ticks; lots are chosen so that one lot is worth at least
 * {@link MIN_LOT_VALUE_UNITS} quote units at the top of that range.
 */
export const MIN_MARK_TICKS = 1000;
export const MAX_MARK_TICKS = 1_000_000;
/**
 * One lot at mark must be worth at least this many quote units. With the smallest slope margin
 * generated here (`r + b − f ≥ 0.0001`) one lot then moves the slack by ≥ 0.1 unit, so the
 * verification of spec §6.3 examines a handful of candidates, never the 2^20 limit.
 */
export const MIN_LOT_VALUE_UNITS = 1000;

/** Inclusive integer range. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** Knobs of {@link riskParams}; every field is optional. */
export interface RiskParamsConstraints {
  /**
   * Market ids to draw from, distinct and in code-unit order. Default {@link MARKET_IDS}; a longer
   * list allows more markets (and so more positions per account).
   */
  readonly marketIds?: readonly string[];
  /** Number of markets, within 1…`marketIds.length`. Default `{ min: 1, max: 3 }`. */
  readonly markets?: Range;
  /** Tiers per market, within 1…4. Default `{ min: 1, max: 4 }`. */
  readonly tiers?: Range;
  /** Quote scale, within 0…8. Default all of 0…8, biased to 2 and 6. */
  readonly quoteScale?: Range;
  /** Fix the trigger. Default: either. */
  readonly trigger?: Trigger;
  /**
   * `below`: every penalty rate well below the lowest maintenance rate, so partial liquidation is
   * possible; `edge`: the deepest rate close to, equal to or above `r_min (+ b)`; `any` (default):
   * mostly `below`, sometimes `edge`.
   */
  readonly penalty?: 'below' | 'edge' | 'any';
  /** Allow a non-zero price impact. Default `true` (still zero ≥ 60% of the time). */
  readonly priceImpact?: boolean;
}

function checkRange(name: string, r: Range, lo: number, hi: number): Range {
  if (!Number.isInteger(r.min) || !Number.isInteger(r.max) || r.min < lo || r.max > hi || r.min > r.max) {
    throw new Error(`riskParams: ${name} must be integers with ${lo} ≤ min ≤ max ≤ ${hi}, got ${JSON.stringify(r)}`);
  }
  return r;
}

// Amounts here are exact integers, `m · 10^−scale` as a bigint `m` at a fixed scale per kind of
// value, not decimal.js: every value drawn is a short decimal (rates have ≤ 4 fraction digits,
// floors are integers, ticks and lots are powers of ten times 1, 5 or 0.25), so integer arithmetic
// is exact and far cheaper than 200-digit decimals on every draw. A value with more digits than
// its scale makes `toScaled` throw (a negative power of ten) rather than round.

/** Fraction digits of every maintenance rate, buffer and initial rate generated here. */
const RATE_SCALE = 4;
/** Fraction digits of the deepest penalty rate (`r_min·pct/100` adds two) … */
const DEEPEST_SCALE = 6;
/** … and of a shallower step's rate (a percentage of the deepest adds two more). */
const STEP_RATE_SCALE = DEEPEST_SCALE + 2;

const TEN = [1n, 10n, 100n, 1000n, 10000n, 100000n, 1000000n, 10000000n, 100000000n];
/** `10^e` for `e ≥ 0` as a bigint, from a table for the small exponents used on every draw. */
const tenTo = (e: number): bigint => TEN[e] ?? 10n ** BigInt(e);

/** Canonical string (spec §1.1) of `m · 10^−scale`, any scale ≥ 0. */
function fixed(m: bigint, scale: number): string {
  if (m === 0n) return '0';
  const negative = m < 0n;
  const abs = (negative ? -m : m).toString();
  let body: string;
  if (scale === 0) body = abs;
  else {
    const digits = abs.padStart(scale + 1, '0');
    const int = digits.slice(0, digits.length - scale);
    const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
    body = frac === '' ? int : `${int}.${frac}`;
  }
  return negative ? `-${body}` : body;
}

/** Canonical string of `m · 10^e`, any integer exponent. */
const withExponent = (m: bigint, e: number): string => (e >= 0 ? (m * tenTo(e)).toString() : fixed(m, -e));

/** `value · 10^scale` of a non-negative decimal string with at most `scale` fraction digits. */
function toScaled(value: string, scale: number): bigint {
  const dot = value.indexOf('.');
  if (dot < 0) return BigInt(value) * tenTo(scale);
  const frac = value.slice(dot + 1);
  return BigInt(value.slice(0, dot) + frac) * tenTo(scale - frac.length);
}

/** Quote scale, biased to the two common ones (cents and micro-units). */
function quoteScaleArb(r: Range): fc.Arbitrary<number> {
  const favourites = [2, 6].filter((q) => q >= r.min && q <= r.max);
  const any = fc.integer(r);
  return favourites.length === 0 ? any : fc.oneof({ arbitrary: fc.constantFrom(...favourites), weight: 3 }, { arbitrary: any, weight: 2 });
}

const bufferArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant('0'), weight: 1 },
  { arbitrary: fc.constantFrom('0.002', '0.001', '0.0005', '0.005', '0.01'), weight: 2 },
  { arbitrary: decimal({ min: '0.0001', max: '0.01', scale: RATE_SCALE }), weight: 1 },
);

/** A first bracket rate; several decimals so that MM is not always a round number. */
const baseRateArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0.005', '0.004', '0.01', '0.02', '0.05', '0.1', '0.001'),
  decimal({ min: '0.001', max: '0.1', scale: RATE_SCALE }),
);

/** A rate increase to the next bracket; zero keeps the marginal rate (and offset) unchanged. */
const rateStepArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant('0'), weight: 1 },
  { arbitrary: decimal({ min: '0.0001', max: '0.05', scale: RATE_SCALE }), weight: 4 },
);

/** First tier floor mantissas, in tenths (so that 2.5 is an integer too). */
const FLOOR_TENTHS: Readonly<Record<string, bigint>> = { '1': 10n, '2': 20n, '2.5': 25n, '5': 50n };
const floorMantissa = fc.constantFrom('1', '2', '2.5', '5');
const floorGrowth = fc.constantFrom('2', '4', '5', '10');

interface MarketDraw {
  readonly tickExp: number;
  readonly tickMul: string;
  readonly lotExp: number;
  readonly lotMul: string;
  readonly lotMode: 'normal' | 'tiny' | 'coarse';
  readonly firstFloor: { readonly m: string; readonly e: number };
  readonly growth: readonly string[];
  readonly baseRate: string;
  readonly rateSteps: readonly string[];
  readonly initial: 'double' | 'same' | 'one' | 'plus';
}

/** The draw of one market with `n` tiers; the same for every call, so built once per `n`. */
const marketDrawOfTiers: fc.Arbitrary<MarketDraw>[] = [1, 2, 3, 4].map((n) =>
  fc.record({
    tickExp: fc.integer({ min: -4, max: 1 }),
    tickMul: fc.constantFrom('1', '1', '1', '5'),
    lotExp: fc.integer({ min: -6, max: 1 }),
    lotMul: fc.constantFrom('1', '1', '5', '0.25'),
    lotMode: fc.constantFrom<MarketDraw['lotMode']>('normal', 'normal', 'normal', 'normal', 'tiny', 'coarse'),
    firstFloor: fc.record({ m: floorMantissa, e: fc.integer({ min: 2, max: 6 }) }),
    growth: fc.array(floorGrowth, { minLength: Math.max(0, n - 2), maxLength: Math.max(0, n - 2) }),
    baseRate: baseRateArb,
    rateSteps: fc.array(rateStepArb, { minLength: n - 1, maxLength: n - 1 }),
    initial: fc.constantFrom<MarketDraw['initial']>('double', 'same', 'one', 'plus'),
  }),
);

function marketDrawArb(tiers: Range): fc.Arbitrary<MarketDraw> {
  return fc.integer(tiers).chain((n) => marketDrawOfTiers[n - 1]!);
}

/** Largest maintenance rate a generated bracket may have, keeping `r + b < 1` far away. */
const MAX_RATE = 5000n; // 0.5 at RATE_SCALE
const ONE_RATE = tenTo(RATE_SCALE);
const PLUS_RATE = 25n; // 0.0025 at RATE_SCALE
const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** A built market and its first bracket's maintenance rate at {@link RATE_SCALE}. */
interface BuiltMarket {
  readonly market: MarketParamsInput;
  readonly firstRate: bigint;
}

/** True when `a·10^ea < b·10^eb` (`a`, `b` ≥ 0). */
function lessScaled(a: bigint, ea: number, b: bigint, eb: number): boolean {
  const e = Math.min(ea, eb);
  return a * tenTo(ea - e) < b * tenTo(eb - e);
}

const MAX_MARK = BigInt(MAX_MARK_TICKS);
const MIN_LOT = BigInt(MIN_LOT_VALUE_UNITS);

/** Whether a lot `m·10^e` at the highest mark (tick `tm·10^te`) is worth < MIN_LOT_VALUE_UNITS units. */
function lotBelow(m: bigint, e: number, tm: bigint, te: number, quoteScale: number): boolean {
  return lessScaled(m * tm * MAX_MARK, e + te, MIN_LOT, -quoteScale);
}

function buildMarket(d: MarketDraw, quoteScale: number): BuiltMarket {
  // tick = tm·10^te with tm ∈ {1, 5}.
  const tm = BigInt(d.tickMul);
  const te = d.tickExp;
  // lot = lm·10^le.
  let lm: bigint;
  let le: number;
  if (d.lotMode === 'tiny') [lm, le] = [1n, -8];
  else if (d.lotMode === 'coarse') [lm, le] = [d.lotMul === '5' ? 10n : 1n, 0];
  else if (d.lotMul === '0.25') [lm, le] = [25n, d.lotExp - 2];
  else [lm, le] = [BigInt(d.lotMul), d.lotExp];
  // One lot at the highest generated mark must be worth MIN_LOT_VALUE_UNITS quote units:
  // lot·tick·MAX_MARK_TICKS ≥ MIN_LOT_VALUE_UNITS·10^−q. When it is not, the lot becomes the least
  // power of ten that is (above 10^le, since 10^le ≤ lot).
  if (lotBelow(lm, le, tm, te, quoteScale)) {
    let k = le + 1;
    while (lotBelow(1n, k, tm, te, quoteScale)) k++;
    [lm, le] = [1n, k];
  }

  const rows: TierSpec[] = [];
  let rate = toScaled(d.baseRate, RATE_SCALE);
  const firstRate = rate;
  let floor = 0n;
  for (let n = 0; n <= d.rateSteps.length; n++) {
    if (n === 1) floor = FLOOR_TENTHS[d.firstFloor.m]! * tenTo(d.firstFloor.e - 1);
    else if (n > 1) floor *= BigInt(d.growth[n - 2] ?? '10');
    if (n > 0) rate = minBig(MAX_RATE, rate + toScaled(d.rateSteps[n - 1] ?? '0', RATE_SCALE));
    const initial =
      d.initial === 'same' ? rate : d.initial === 'one' ? ONE_RATE : d.initial === 'double' ? minBig(ONE_RATE, rate * 2n) : minBig(ONE_RATE, rate + PLUS_RATE);
    rows.push({ notionalFloor: floor.toString(), maintenanceRate: fixed(rate, RATE_SCALE), initialRate: fixed(initial, RATE_SCALE) });
  }
  return { market: { lotSize: withExponent(lm, le), tickSize: withExponent(tm, te), tiers: continuousTiers(rows) }, firstRate };
}

type PenaltyMode = 'below' | 'close' | 'equal-rate' | 'equal-target' | 'above';

/** Thresholds below one, strictly descending (their order is the order of the steps). */
const THRESHOLDS_BELOW_ONE = ['0.9', '0.8', '0.75', '0.6', '0.5', '0.25', '0.1', '0'] as const;
const THRESHOLD_RANK: ReadonlyMap<string, number> = new Map(THRESHOLDS_BELOW_ONE.map((t, i) => [t, i]));

interface StepsDraw {
  readonly first: string;
  readonly rest: string[];
  readonly shares: number[];
}

/** The shape of a schedule of `n` steps, independent of its rates: built once per `n`. */
const stepsOfCount: fc.Arbitrary<StepsDraw>[] = [1, 2, 3].map((n) =>
  fc.record({
    first: fc.oneof({ arbitrary: fc.constant('1'), weight: 4 }, { arbitrary: fc.constantFrom('1.05', '1.25', '2'), weight: 1 }),
    rest: fc.uniqueArray(fc.constantFrom(...THRESHOLDS_BELOW_ONE), { minLength: n - 1, maxLength: n - 1 }),
    // Percent of the deepest rate for the shallower steps.
    shares: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n - 1, maxLength: n - 1 }),
  }),
);
const stepsDrawArb: fc.Arbitrary<StepsDraw> = fc.integer({ min: 1, max: 3 }).chain((n) => stepsOfCount[n - 1]!);

/** Steps for a schedule whose deepest rate is `deepest` at {@link DEEPEST_SCALE} (all rates non-decreasing, < 1). */
function stepsOf({ first, rest, shares }: StepsDraw, deepest: bigint): PenaltyStepInput[] {
  const ratios = [first, ...[...rest].sort((a, b) => THRESHOLD_RANK.get(a)! - THRESHOLD_RANK.get(b)!)];
  // Sorted in place as before: the shrinker sees the value the mapper left, so this keeps shrinks.
  const rates = [...shares.sort((a, b) => a - b).map((p) => fixed(deepest * BigInt(p), STEP_RATE_SCALE)), fixed(deepest, DEEPEST_SCALE)];
  return ratios.map((r, i) => ({ maxMarginRatio: r, rate: rates[i]! }));
}

interface PenaltyDraw {
  readonly mode: PenaltyMode;
  readonly pct: number;
  readonly k: number;
}

function penaltyDrawArb(mode: RiskParamsConstraints['penalty']): fc.Arbitrary<PenaltyDraw> {
  const below = { arbitrary: fc.constant<PenaltyMode>('below'), weight: 7 };
  const edges = fc.constantFrom<PenaltyMode>('close', 'equal-rate', 'equal-target', 'above');
  const modeArb = mode === 'below' ? below.arbitrary : mode === 'edge' ? edges : fc.oneof(below, { arbitrary: edges, weight: 2 });
  return fc.record({ mode: modeArb, pct: fc.integer({ min: 0, max: 60 }), k: fc.integer({ min: 1, max: 5 }) });
}

/** The deepest penalty rate at {@link DEEPEST_SCALE}, from `r_min` and the buffer at {@link RATE_SCALE}. */
function deepestOf({ mode: m, pct, k }: PenaltyDraw, rMin: bigint, buffer: bigint): bigint {
  const up = tenTo(DEEPEST_SCALE - RATE_SCALE);
  const bound = (rMin + buffer) * up; // a_0 = P·(r_min + b − f): zero or negative past this
  if (m === 'below') return rMin * BigInt(pct); // r_min·pct/100
  if (m === 'close') {
    const d = bound - 100n * BigInt(k); // − 0.0001·k
    return d > 0n ? d : 0n;
  }
  if (m === 'equal-rate') return rMin * up;
  if (m === 'equal-target') return bound;
  return bound + 1000n * BigInt(k); // + 0.001·k
}

function penaltyArb(draw: fc.Arbitrary<PenaltyDraw>, rMin: bigint, buffer: bigint): fc.Arbitrary<PenaltyStepInput[]> {
  return draw.chain((p) => {
    const deepest = deepestOf(p, rMin, buffer);
    return stepsDrawArb.map((st) => stepsOf(st, deepest));
  });
}

const shareArb: fc.Arbitrary<string> = fc.oneof(fc.constantFrom('0.5', '0', '1'), decimal({ min: '0', max: '1', scale: 2 }));

const dustArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant('0'), weight: 1 },
  { arbitrary: fc.constantFrom('10', '1', '5', '25', '100', '1000', '0.5'), weight: 2 },
);

function impactArb(allowed: boolean): fc.Arbitrary<string> {
  if (!allowed) return fc.constant('0');
  return fc.oneof({ arbitrary: fc.constant('0'), weight: 13 }, { arbitrary: decimal({ min: '0.0005', max: '0.01', scale: 4 }), weight: 7 });
}

/**
 * Risk parameter sets that are always valid per spec §2–§3 and lean toward the edges: zero
 * buffer, distress rates at or above the lowest maintenance rate (partial closes impossible),
 * tiny and coarse lots, quote scales 0…8, both triggers, dust, small price impact.
 *
 * @remarks Magnitudes are coupled with the scenario generators: lots are chosen so that one lot
 * at a mark of {@link MAX_MARK_TICKS} ticks is worth ≥ {@link MIN_LOT_VALUE_UNITS} quote units
 * (the scenario generator never goes lower than that either), and the smallest positive slope
 * margin `r_min + b − f` is 0.0001, so the model's bounded verification stays tiny.
 */
export function riskParams(c: RiskParamsConstraints = {}): fc.Arbitrary<RiskParams> {
  const ids = c.marketIds ?? MARKET_IDS;
  if (ids.length === 0 || ids.some((id, i) => i > 0 && !(ids[i - 1]! < id))) {
    throw new Error(`riskParams: marketIds must be distinct and in code-unit order, got ${JSON.stringify(ids)}`);
  }
  const markets = checkRange('markets', c.markets ?? { min: 1, max: 3 }, 1, ids.length);
  const tiers = checkRange('tiers', c.tiers ?? { min: 1, max: 4 }, 1, 4);
  const qs = checkRange('quoteScale', c.quoteScale ?? { min: 0, max: 8 }, 0, 18);
  const base = fc.record({
    quoteScale: quoteScaleArb(qs),
    trigger: c.trigger === undefined ? fc.constantFrom<Trigger>('strict', 'inclusive') : fc.constant(c.trigger),
    targetBuffer: bufferArb,
    liquidatorShare: shareArb,
    dustNotional: dustArb,
    priceImpact: impactArb(c.priceImpact ?? true),
    ids: fc.subarray([...ids], { minLength: markets.min, maxLength: markets.max }),
  });
  // Built once per call, not on every draw: an arbitrary is a pure function of the random stream,
  // so a shared one draws (and shrinks) exactly what a fresh copy would.
  const marketDraw = marketDrawArb(tiers);
  const drawsOfCount = Array.from({ length: ids.length + 1 }, (_, n) => fc.array(marketDraw, { minLength: n, maxLength: n }));
  const penaltyDraw = penaltyDrawArb(c.penalty ?? 'any');
  return base.chain((b) =>
    drawsOfCount[b.ids.length]!.chain((draws) => {
      const built: Record<string, MarketParamsInput> = {};
      let rMin = -1n;
      b.ids.forEach((id, i) => {
        const { market, firstRate } = buildMarket(draws[i]!, b.quoteScale);
        built[id] = market;
        if (rMin < 0n || firstRate < rMin) rMin = firstRate;
      });
      return penaltyArb(penaltyDraw, rMin, toScaled(b.targetBuffer, RATE_SCALE)).map(
        // Frozen, so the parser can cache it for every scenario drawn under it.
        (steps): RiskParams =>
          deepFreeze({
            quoteScale: b.quoteScale,
            trigger: b.trigger,
            targetBuffer: b.targetBuffer,
            penalty: { steps, liquidatorShare: b.liquidatorShare },
            dustNotional: b.dustNotional,
            priceImpact: b.priceImpact,
            markets: built,
          }),
      );
    }),
  );
}
