/**
 * The liquidation-price index (docs/simulation.md S13): per side, the accounts ordered by their
 * liquidation price, so the accounts liquidatable at a mark are a prefix or suffix found in
 * O(log n), and a step without liquidations never visits the population.
 *
 * @remarks An account's liquidation price is found by bisection on the tick grid with the
 * reference's own trigger (liquidatable.ts), not a closed formula: the formula would have to be
 * re-derived for every policy requirement, the bisection is the reference's decision itself. It is
 * exact because `E − MM` is monotone in the mark for one position when every marginal tier rate
 * is at most 1 (and constant-in-mark requirements, entry-valued, are trivially so). It is
 * recomputed only when the account's state changes (a liquidation or an ADL reduction).
 * @see docs/simulation.md#s13-scale-and-distribution
 */
import type { Dec } from '../model/decimal.ts';
import type { HealthCheck } from './liquidatable.ts';
import type { AccountState } from './stepEngine.ts';

/**
 * A long's liquidation tick: the highest `k ≥ 1` at which it is liquidatable (it is for every
 * mark at or below), or null if not even at one tick. A short's: the lowest `k ≥ 1` (it is for
 * every mark at or above). Null for no position.
 */
export function liquidationTicks(check: HealthCheck, a: AccountState, tick: Dec): bigint | null {
  const f = check.fixed(a);
  if (f === null) return null;
  const long = a.size.gt(0);
  const liq = (k: bigint): boolean => check.atTicks(f, k);
  const entryTicks = BigInt(a.entry.div(tick).ceil().toFixed(0));
  if (long) {
    if (!liq(1n)) return null;
    // Exponential search for a healthy mark, then bisection: liq(lo) && !liq(hi).
    let lo = 1n;
    let hi = entryTicks > 1n ? entryTicks : 2n;
    while (liq(hi)) {
      lo = hi;
      hi *= 2n;
      // Tier rates above 1 could keep a long liquidatable at every mark: treat it as always so.
      if (hi > CAP) return CAP;
    }
    while (hi - lo > 1n) {
      const mid = (lo + hi) >> 1n;
      if (liq(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  }
  if (liq(1n)) return 1n;
  let lo = 1n;
  let hi = entryTicks > 1n ? entryTicks : 2n;
  while (!liq(hi)) {
    lo = hi;
    hi *= 2n;
    if (hi > CAP) return null;
  }
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (liq(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Far beyond any mark a run can reach (prices have at most 30 integer and 18 fraction digits). */
const CAP = 10n ** 60n;

interface Entry {
  readonly ticks: bigint;
  readonly id: string;
}

function before(a: Entry, b: Entry): boolean {
  return a.ticks < b.ticks || (a.ticks === b.ticks && a.id < b.id);
}

/** First index whose entry is not before `e`. */
function lowerBound(xs: readonly Entry[], e: Entry): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(xs[mid]!, e)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with `ticks ≥ k` (ids compare above ''). */
function firstAtLeast(xs: readonly Entry[], k: bigint): number {
  return lowerBound(xs, { ticks: k, id: '' });
}

export class LiquidationIndex {
  private readonly longs: Entry[] = [];
  private readonly shorts: Entry[] = [];
  private readonly byId = new Map<string, { readonly entry: Entry; readonly long: boolean }>();
  private readonly tickCache = new Map<string, bigint | null>();

  constructor(
    private readonly check: HealthCheck,
    private readonly tick: Dec,
  ) {}

  /** Puts (or re-puts) an account at its liquidation price for its current state. */
  update(a: AccountState): void {
    this.remove(a.id);
    const ticks = liquidationTicks(this.check, a, this.tick);
    this.tickCache.set(a.id, ticks);
    if (ticks === null) return;
    const entry = { ticks, id: a.id };
    const long = a.size.gt(0);
    const xs = long ? this.longs : this.shorts;
    xs.splice(lowerBound(xs, entry), 0, entry);
    this.byId.set(a.id, { entry, long });
  }

  private remove(id: string): void {
    const was = this.byId.get(id);
    if (was === undefined) return;
    const xs = was.long ? this.longs : this.shorts;
    const i = lowerBound(xs, was.entry);
    xs.splice(i, 1);
    this.byId.delete(id);
  }

  /** The account's liquidation tick, as last indexed. */
  ticksOf(id: string): bigint | null {
    return this.tickCache.get(id) ?? null;
  }

  /** The accounts liquidatable at the mark `k·τ` (longs with tick ≥ k, shorts with tick ≤ k), unordered. */
  liquidatableAt(k: bigint): string[] {
    const out: string[] = [];
    for (let i = firstAtLeast(this.longs, k); i < this.longs.length; i++) out.push(this.longs[i]!.id);
    const end = firstAtLeast(this.shorts, k + 1n);
    for (let i = 0; i < end; i++) out.push(this.shorts[i]!.id);
    return out;
  }

  /** How many accounts are liquidatable at the mark `k·τ`, in O(log n). */
  countAt(k: bigint): number {
    return this.longs.length - firstAtLeast(this.longs, k) + firstAtLeast(this.shorts, k + 1n);
  }
}
