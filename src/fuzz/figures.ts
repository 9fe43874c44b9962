/**
 * Risk figures of a fuzz run, accumulated per unit as plain JSON (so worker threads and shards can
 * send them) and summarized at the end: outcome shares, bad-debt incidence and distribution per
 * shock size, the boundary family's partial-close reach.
 * @see docs/params.md#risk-figures
 */
import type { Static } from 'typebox';
import { Dec, toCanonical } from '../model/decimal.ts';
import type { Status } from '../model/types.ts';
import type { Wire } from '../wire/common.ts';
import type { BoundaryTally as ReportedBoundaryTally, Distribution as DistributionSchema, ShockSummary, ShockTally as ReportedShockTally } from '../wire/fuzzReport.ts';
import type { PathOutcome } from './stressPath.ts';

export interface OutcomeCounts {
  /** liquidation events (steps on which the engine acted) */
  liquidations: number;
  partial: number;
  full: number;
  bankrupt: number;
}

/**
 * Accounts opened at their drawn leverage and moved adversely by `shock`, and accounts placed at a
 * margin ratio in (0, 1] (how liquidations end above bankruptcy): the raw accumulators of the fuzz
 * report (src/wire/fuzzReport.ts). Units fill them in place, hence the schemas' mutable static types.
 */
export type ShockTally = Static<typeof ReportedShockTally>;
export type BoundaryTally = Static<typeof ReportedBoundaryTally>;
// The summary of one shock size, as reported.
export type { ShockSummary };

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

export function mergeShockTallies(into: ShockTally[], from: readonly ReportedShockTally[]): void {
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

export function mergeBoundary(a: BoundaryTally, b: ReportedBoundaryTally): void {
  addCounts(a, b);
  a.accounts += b.accounts;
  a.aboveBankruptcy += b.aboveBankruptcy;
  a.restored += b.restored;
  a.dustForced += b.dustForced;
}

/** Mean and nearest-rank percentiles over `n` accounts, of which only the non-zero values are listed. */
export type Distribution = Wire<ReturnType<typeof DistributionSchema>>;

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
