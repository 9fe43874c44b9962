/**
 * Stress accounts: one cross position opened at mark with a chosen leverage (so its collateral is
 * the initial margin at the maximum leverage), or placed at a chosen margin ratio.
 *
 * @remarks Initial margin is `IM(N) = N · initialRate_n` for the bracket `n` of the opening notional
 * (the maximum leverage of a bracket is `1 / initialRate_n`), rounded up to the quote unit. Marks
 * and notionals are spread log-uniformly over ranges derived from the market's tick, lot and tier
 * floors, as the scenario generator does, so lots are worth something and every bracket is reached.
 * @see docs/params.md#stress-accounts
 */
import { MAX_MARK_TICKS, MIN_LOT_VALUE_UNITS, MIN_MARK_TICKS } from '../arbitraries/riskParams.ts';
import { ceilTo, Dec, ONE, toCanonical, ZERO } from '../model/decimal.ts';
import { maintenanceMargin, tierIndex } from '../model/maintenanceMargin.ts';
import type { MarketParams, ParsedParams, ParsedScenario, PositionInput, RiskParams, Scenario } from '../model/types.ts';
import { GENE_SCALE, type Genome } from './genome.ts';

/** One open position and its margin, the state a stress path starts from. */
export interface StressAccount {
  readonly market: string;
  readonly long: boolean;
  readonly mark: Dec;
  /** signed size */
  readonly size: Dec;
  readonly entry: Dec;
  readonly collateral: Dec;
  /** opening notional `|q|·P` */
  readonly notional: Dec;
  /** initial rate of the opening bracket (its maximum leverage is the inverse) */
  readonly initialRate: Dec;
}

/** `lo·(hi/lo)^t` for `t ∈ [0, GENE_SCALE]`, as an integer count ≥ lo. */
function logSpread(lo: number, hi: number, t: number): number {
  return Math.max(lo, Math.min(hi, Math.round(lo * Math.pow(hi / lo, t / GENE_SCALE))));
}

function marketAt(pp: ParsedParams, index: number): [string, MarketParams] {
  const ids = [...pp.markets.keys()].sort();
  const id = ids[Math.min(index, ids.length - 1)]!;
  return [id, pp.markets.get(id)!];
}

interface Placement {
  readonly market: string;
  readonly m: MarketParams;
  readonly mark: Dec;
  readonly size: Dec;
  readonly notional: Dec;
}

/**
 * Placements by genome, per market grid: a sweep judges the same genomes under hundreds of
 * parameter sets that mostly share lot, tick, floors and dust, so the placement (a few exact
 * divisions) is computed once per genome and grid.
 */
const placements = new WeakMap<Genome, Map<string, Placement>>();

const gridKeys = new WeakMap<MarketParams, string>();

/** What a placement depends on: the market's lot, tick and floors, the dust threshold, the quote unit. */
function gridKey(pp: ParsedParams, market: string, m: MarketParams): string {
  let k = gridKeys.get(m);
  if (k === undefined) gridKeys.set(m, (k = `${market}|${m.lot}|${m.tick}|${m.tiers.map((t) => t.floor).join(',')}`));
  return `${k}|${pp.dustNotional}|${pp.quoteScale}`;
}

/** The opening mark and size of a genome's position (before any margin is chosen). */
function placePosition(pp: ParsedParams, g: Genome): Placement {
  const [market, m] = marketAt(pp, g.market);
  const key = gridKey(pp, market, m);
  let byGrid = placements.get(g);
  const hit = byGrid?.get(key);
  if (hit !== undefined) return { ...hit, m };
  const needed = pp.unit.mul(MIN_LOT_VALUE_UNITS).div(m.lot.mul(m.tick)).ceil().toNumber();
  const loTicks = Math.max(MIN_MARK_TICKS, needed);
  const mark = m.tick.mul(logSpread(loTicks, Math.max(loTicks * 10, MAX_MARK_TICKS), g.price));
  const lotValue = m.lot.mul(mark);
  // From ten lots (or twice the dust threshold) up to four times the last floor.
  const lo = Dec.max(lotValue.mul(10), pp.dustNotional.mul(2));
  const hi = Dec.max(m.tiers[m.tiers.length - 1]!.floor.mul(4), lo.mul(100));
  const loLots = lo.div(lotValue).ceil().toNumber();
  const hiLots = Math.max(loLots, hi.div(lotValue).floor().toNumber());
  const lots = logSpread(loLots, hiLots, g.notional);
  const size = m.lot.mul(lots).mul(g.long ? 1 : -1);
  const placed = { market, m, mark, size, notional: lotValue.mul(lots) };
  if (byGrid === undefined) placements.set(g, (byGrid = new Map()));
  if (byGrid.size > 16) byGrid.clear();
  byGrid.set(key, placed);
  return placed;
}

/** `1/x` rounded up to 12 decimals: a factor for margins that must not come out below `N/x`. */
function inverseUp(x: number): Dec {
  return new Dec(Math.ceil(1e12 / x)).div(1e12);
}

/**
 * A position opened at mark with leverage drawn from the genome: `leverage = 0` opens it at the
 * bracket's maximum leverage (collateral = ⌈IM⌉_u); `GENE_SCALE` at 1×, log-uniformly between. With
 * `leverage` given, that leverage is used instead, capped at the bracket's maximum.
 */
export function openAccount(pp: ParsedParams, g: Genome, leverage?: Dec): StressAccount {
  const { market, m, mark, size, notional } = placePosition(pp, g);
  const initialRate = m.tiers[tierIndex(m.tiers, notional)]!.initialRate;
  // Leverages are ratios, not amounts: computed in floating point, then turned into a margin
  // factor rounded up, so the collateral is never below N/L.
  const maxLeverage = 1 / initialRate.toNumber();
  let collateral: Dec;
  if (leverage === undefined && g.leverage === 0) collateral = ceilTo(notional.mul(initialRate), pp.unit);
  else {
    const lev = leverage !== undefined ? leverage.toNumber() : Math.pow(maxLeverage, 1 - g.leverage / GENE_SCALE);
    collateral = lev >= maxLeverage ? ceilTo(notional.mul(initialRate), pp.unit) : ceilTo(notional.mul(inverseUp(Math.max(1, lev))), pp.unit);
  }
  return { market, long: g.long, mark, size, entry: mark, collateral, notional, initialRate };
}

/**
 * A position opened at mark whose collateral puts it at margin ratio `ρ = E/MM` in (0, 1]
 * (`ratio = 0` → 0.02, `GENE_SCALE` → 1): the "boundary" family, liquidatable or just about.
 */
export function placeAtRatio(pp: ParsedParams, g: Genome): StressAccount {
  const { market, m, mark, size, notional } = placePosition(pp, g);
  const rho = new Dec(((0.02 * GENE_SCALE + 0.98 * g.ratio) / GENE_SCALE).toFixed(8));
  const collateral = ceilTo(rho.mul(maintenanceMargin(m.tiers, notional)), pp.unit);
  const initialRate = m.tiers[tierIndex(m.tiers, notional)]!.initialRate;
  return { market, long: g.long, mark, size, entry: mark, collateral, notional, initialRate };
}

/** `1 / initialRate` of the opening bracket: the most leverage the position could be opened with. */
export function maxLeverageOf(a: StressAccount): Dec {
  return ONE.div(a.initialRate);
}

/** Opening notional / collateral. */
export function leverageOf(a: StressAccount): Dec {
  return a.collateral.isZero() ? new Dec(Infinity) : a.notional.div(a.collateral);
}

/** The state of a stress account at `mark`, as the model's parsed scenario (fund empty). */
export function parsedAt(pp: ParsedParams, a: Pick<StressAccount, 'market' | 'entry'>, size: Dec, collateral: Dec, mark: Dec): ParsedScenario {
  return {
    params: pp,
    marks: new Map([[a.market, mark]]),
    collateral,
    positions: size.isZero() ? [] : [{ market: a.market, size, entry: a.entry, isolatedMargin: null }],
    insuranceFund: ZERO,
  };
}

/** The same state as a wire scenario, for a fixture file: every market gets a mark. */
export function scenarioAt(params: RiskParams, pp: ParsedParams, a: Pick<StressAccount, 'market' | 'entry'>, size: Dec, collateral: Dec, mark: Dec): Scenario {
  const marks: Record<string, string> = {};
  for (const [id, m] of pp.markets) marks[id] = id === a.market ? toCanonical(mark) : toCanonical(m.tick.mul(MIN_MARK_TICKS));
  const positions: PositionInput[] = size.isZero() ? [] : [{ market: a.market, size: toCanonical(size), entryPrice: toCanonical(a.entry) }];
  return { params, marks, account: { collateral: toCanonical(collateral), positions }, insuranceFund: '0' };
}
