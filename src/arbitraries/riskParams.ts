/**
 * Valid, edge-biased risk parameter sets (spec §2.1, §3, §5).
 * @see docs/spec.md#2-inputs
 */
import fc from 'fast-check';
import { deepFreeze } from '../model/frozen.ts';
import { Dec, toCanonical, unitOf } from '../model/decimal.ts';
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

const s = toCanonical;
const pow10 = (e: number): Dec => new Dec(10).pow(e);

/** Quote scale, biased to the two common ones (cents and micro-units). */
function quoteScaleArb(r: Range): fc.Arbitrary<number> {
  const favourites = [2, 6].filter((q) => q >= r.min && q <= r.max);
  const any = fc.integer(r);
  return favourites.length === 0 ? any : fc.oneof({ arbitrary: fc.constantFrom(...favourites), weight: 3 }, { arbitrary: any, weight: 2 });
}

const bufferArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant('0'), weight: 1 },
  { arbitrary: fc.constantFrom('0.002', '0.001', '0.0005', '0.005', '0.01'), weight: 2 },
  { arbitrary: decimal({ min: '0.0001', max: '0.01', scale: 4 }), weight: 1 },
);

/** A first bracket rate; several decimals so that MM is not always a round number. */
const baseRateArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0.005', '0.004', '0.01', '0.02', '0.05', '0.1', '0.001'),
  decimal({ min: '0.001', max: '0.1', scale: 4 }),
);

/** A rate increase to the next bracket; zero keeps the marginal rate (and offset) unchanged. */
const rateStepArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant('0'), weight: 1 },
  { arbitrary: decimal({ min: '0.0001', max: '0.05', scale: 4 }), weight: 4 },
);

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

function marketDrawArb(tiers: Range): fc.Arbitrary<MarketDraw> {
  return fc.integer(tiers).chain((n) =>
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
}

/** Largest maintenance rate a generated bracket may have, keeping `r + b < 1` far away. */
const MAX_RATE = new Dec('0.5');

function buildMarket(d: MarketDraw, quoteScale: number): MarketParamsInput {
  const tick = new Dec(d.tickMul).mul(pow10(d.tickExp));
  // One lot at the highest generated mark must be worth MIN_LOT_VALUE_UNITS quote units.
  const minLot = unitOf(quoteScale).mul(MIN_LOT_VALUE_UNITS).div(tick.mul(MAX_MARK_TICKS));
  let lot =
    d.lotMode === 'tiny' ? new Dec('0.00000001') : d.lotMode === 'coarse' ? new Dec(d.lotMul === '5' ? '10' : '1') : new Dec(d.lotMul).mul(pow10(d.lotExp));
  if (lot.lt(minLot)) lot = pow10(Math.ceil(Math.log10(minLot.toNumber()) - 1e-9));
  if (lot.lt(minLot)) lot = lot.mul(10);

  const rows: TierSpec[] = [];
  let rate = new Dec(d.baseRate);
  let floor = new Dec(0);
  for (let n = 0; n <= d.rateSteps.length; n++) {
    if (n === 1) floor = new Dec(d.firstFloor.m).mul(pow10(d.firstFloor.e));
    else if (n > 1) floor = floor.mul(d.growth[n - 2] ?? '10');
    if (n > 0) rate = Dec.min(MAX_RATE, rate.add(d.rateSteps[n - 1] ?? '0'));
    const initial =
      d.initial === 'same' ? rate : d.initial === 'one' ? new Dec(1) : d.initial === 'double' ? Dec.min(1, rate.mul(2)) : Dec.min(1, rate.add('0.0025'));
    rows.push({ notionalFloor: s(floor), maintenanceRate: s(rate), initialRate: s(initial) });
  }
  return { lotSize: s(lot), tickSize: s(tick), tiers: continuousTiers(rows) };
}

type PenaltyMode = 'below' | 'close' | 'equal-rate' | 'equal-target' | 'above';

const THRESHOLDS_BELOW_ONE = ['0.9', '0.8', '0.75', '0.6', '0.5', '0.25', '0.1', '0'] as const;

/** Steps for a schedule whose deepest rate is `deepest` (all rates non-decreasing, < 1). */
function stepsArb(deepest: Dec): fc.Arbitrary<PenaltyStepInput[]> {
  return fc.integer({ min: 1, max: 3 }).chain((n) =>
    fc
      .record({
        first: fc.oneof({ arbitrary: fc.constant('1'), weight: 4 }, { arbitrary: fc.constantFrom('1.05', '1.25', '2'), weight: 1 }),
        rest: fc.uniqueArray(fc.constantFrom(...THRESHOLDS_BELOW_ONE), { minLength: n - 1, maxLength: n - 1 }),
        // Percent of the deepest rate for the shallower steps.
        shares: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n - 1, maxLength: n - 1 }),
      })
      .map(({ first, rest, shares }) => {
        const ratios = [first, ...[...rest].sort((a, b) => new Dec(b).cmp(a))];
        const rates = [...shares.sort((a, b) => a - b).map((p) => deepest.mul(p).div(100)), deepest];
        return ratios.map((r, i) => ({ maxMarginRatio: r, rate: s(rates[i]!) }));
      }),
  );
}

function penaltyArb(rMin: Dec, buffer: Dec, mode: RiskParamsConstraints['penalty']): fc.Arbitrary<PenaltyStepInput[]> {
  const below = { arbitrary: fc.constant<PenaltyMode>('below'), weight: 7 };
  const edges = fc.constantFrom<PenaltyMode>('close', 'equal-rate', 'equal-target', 'above');
  const modeArb = mode === 'below' ? below.arbitrary : mode === 'edge' ? edges : fc.oneof(below, { arbitrary: edges, weight: 2 });
  return fc
    .record({ mode: modeArb, pct: fc.integer({ min: 0, max: 60 }), k: fc.integer({ min: 1, max: 5 }) })
    .chain(({ mode: m, pct, k }) => {
      const bound = rMin.add(buffer); // a_0 = P·(r_min + b − f): zero or negative past this
      const deepest =
        m === 'below'
          ? rMin.mul(pct).div(100)
          : m === 'close'
            ? Dec.max(0, bound.sub(new Dec('0.0001').mul(k)))
            : m === 'equal-rate'
              ? rMin
              : m === 'equal-target'
                ? bound
                : bound.add(new Dec('0.001').mul(k));
      return stepsArb(deepest);
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
  return base.chain((b) =>
    fc.array(marketDrawArb(tiers), { minLength: b.ids.length, maxLength: b.ids.length }).chain((draws) => {
      const built: Record<string, MarketParamsInput> = {};
      b.ids.forEach((id, i) => (built[id] = buildMarket(draws[i]!, b.quoteScale)));
      const rMin = Dec.min(...Object.values(built).map((m) => new Dec(m.tiers[0]!.maintenanceRate)));
      return penaltyArb(rMin, new Dec(b.targetBuffer), c.penalty ?? 'any').map(
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
