/**
 * Risk figures of a fuzz run, accumulated per unit as plain JSON (so worker threads and shards can
 * send them) and summarized at the end: outcome shares, bad-debt incidence and distribution per
 * shock size, the boundary family's partial-close reach.
 * @see docs/params.md#risk-figures
 */
import { Dec, toCanonical } from '../model/decimal.ts';
import type { Status } from '../model/types.ts';
import type { PathOutcome } from './stressPath.ts';

export interface OutcomeCounts {
  /** liquidation events (steps on which the engine acted) */
  liquidations: number;
  partial: number;
  full: number;
  bankrupt: number;
}

/** Accounts opened at their drawn leverage and moved adversely by `shock`. */
export interface ShockTally extends OutcomeCounts {
  readonly shock: string;
  accounts: number;
  /** accounts liquidated at least once */
  liquidated: number;
  withBadDebt: number;
  /** every non-zero bad debt, in quote units (exact) */
  badDebt: string[];
  /** every non-zero bad debt as a fraction of the opening notional (18 places, rounded up) */
  badDebtRel: string[];
}

/** Accounts placed at a margin ratio in (0, 1]: how liquidations end above bankruptcy. */
export interface BoundaryTally extends OutcomeCounts {
  accounts: number;
  /** liquidations whose equity was > 0 before (above the zero-equity bankruptcy point) */
  aboveBankruptcy: number;
  /** of those, how many ended partial */
  restored: number;
  /** full closes that a partial close would have avoided but for the dust rule */
  dustForced: number;
}

export function emptyCounts(): OutcomeCounts {
  return { liquidations: 0, partial: 0, full: 0, bankrupt: 0 };
}

export function emptyShockTally(shock: string): ShockTally {
  return { shock, accounts: 0, liquidated: 0, withBadDebt: 0, badDebt: [], badDebtRel: [], ...emptyCounts() };
}

export function emptyBoundaryTally(): BoundaryTally {
  return { accounts: 0, aboveBankruptcy: 0, restored: 0, dustForced: 0, ...emptyCounts() };
}

export function countStatus(t: OutcomeCounts, s: Status): void {
  if (s === 'healthy') return;
  t.liquidations++;
  t[s]++;
}

/** Adds one account's path to its shock's tally. */
export function addPath(t: ShockTally, p: PathOutcome, notional: Dec): void {
  t.accounts++;
  if (p.events.length > 0) t.liquidated++;
  for (const e of p.events) countStatus(t, e.status);
  if (p.badDebt.gt(0)) {
    t.withBadDebt++;
    t.badDebt.push(toCanonical(p.badDebt));
    t.badDebtRel.push(toCanonical(p.badDebt.div(notional).toDecimalPlaces(18, Dec.ROUND_UP)));
  }
}

function addCounts(a: OutcomeCounts, b: OutcomeCounts): void {
  a.liquidations += b.liquidations;
  a.partial += b.partial;
  a.full += b.full;
  a.bankrupt += b.bankrupt;
}

export function mergeShockTallies(into: ShockTally[], from: readonly ShockTally[]): void {
  for (const t of from) {
    const m = into.find((x) => x.shock === t.shock);
    if (m === undefined) {
      into.push({ ...t, badDebt: [...t.badDebt], badDebtRel: [...t.badDebtRel] });
      continue;
    }
    addCounts(m, t);
    m.accounts += t.accounts;
    m.liquidated += t.liquidated;
    m.withBadDebt += t.withBadDebt;
    m.badDebt.push(...t.badDebt);
    m.badDebtRel.push(...t.badDebtRel);
  }
}

export function mergeBoundary(a: BoundaryTally, b: BoundaryTally): void {
  addCounts(a, b);
  a.accounts += b.accounts;
  a.aboveBankruptcy += b.aboveBankruptcy;
  a.restored += b.restored;
  a.dustForced += b.dustForced;
}

/** Mean and nearest-rank percentiles over `n` accounts, of which only the non-zero values are listed. */
export interface Distribution {
  readonly mean: string;
  readonly p95: string;
  readonly p99: string;
  readonly max: string;
}

export function distribution(nonZero: readonly string[], n: number, places: number): Distribution {
  const xs = nonZero.map((x) => new Dec(x)).sort((a, b) => a.cmp(b));
  const zeros = n - xs.length;
  const at = (q: number): Dec => {
    if (n === 0) return new Dec(0);
    const rank = Math.max(1, Math.ceil(q * n)); // nearest rank, 1-based, over all n accounts
    return rank <= zeros ? new Dec(0) : xs[rank - zeros - 1]!;
  };
  const sum = xs.reduce((a, x) => a.add(x), new Dec(0));
  const show = (x: Dec) => toCanonical(x.toDecimalPlaces(places, Dec.ROUND_HALF_EVEN));
  return { mean: show(n === 0 ? sum : sum.div(n)), p95: show(at(0.95)), p99: show(at(0.99)), max: show(xs[xs.length - 1] ?? new Dec(0)) };
}

/** The summary of one shock size, as reported. */
export interface ShockSummary extends OutcomeCounts {
  readonly shock: string;
  readonly accounts: number;
  readonly liquidated: number;
  readonly withBadDebt: number;
  /** withBadDebt / accounts */
  readonly incidence: string;
  /** bad debt per account in quote units (zeros included) */
  readonly badDebt: Distribution;
  /** bad debt per account in basis points of its opening notional (zeros included) */
  readonly badDebtBp: Distribution;
}

export function summarizeShock(t: ShockTally, quoteScale: number): ShockSummary {
  const { badDebt, badDebtRel, ...counts } = t;
  const bp = badDebtRel.map((x) => toCanonical(new Dec(x).mul(10_000)));
  return {
    ...counts,
    incidence: ratio(t.withBadDebt, t.accounts),
    badDebt: distribution(badDebt, t.accounts, quoteScale),
    badDebtBp: distribution(bp, t.accounts, 4),
  };
}

/** `a / b` as a decimal string with 6 places ("0" when b = 0). */
export function ratio(a: number, b: number): string {
  return b === 0 ? '0' : toCanonical(new Dec(a).div(b).toDecimalPlaces(6, Dec.ROUND_HALF_EVEN));
}
