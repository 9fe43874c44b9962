/**
 * The reference, as the judge asks it (docs/simulation.md S10, SYS-005, SYS-009, SYS-010): whether
 * an account state is liquidatable at a mark, and what the reference answers for it. The judge
 * builds the scenario itself from the trace's `start` (params, policy) and its own ledger, never
 * from the simulator's state or code.
 * @see docs/simulation.md#s10-system-invariants
 */
import { ceilDiv, Dec, ZERO } from '../../model/decimal.ts';
import { liquidateParsed } from '../../model/liquidate.ts';
import { parseScenario } from '../../model/parseScenario.ts';
import type { LiquidationResult, ParsedScenario } from '../../model/types.ts';
import type { StartEvent } from '../../wire/simulationTrace.ts';

/** An account as the judge's ledger holds it: collateral (or isolated margin), signed size, entry. */
export interface LedgerAccount {
  readonly collateral: Dec;
  readonly size: Dec;
  readonly entry: Dec;
  readonly isolated: boolean;
}

export type ReferenceAnswer = { readonly ok: true; readonly result: LiquidationResult } | { readonly ok: false; readonly message: string };

export interface ReferenceOracle {
  /** the reference's result for `a` at `mark` with fund `fund` */
  readonly answer: (a: LedgerAccount, mark: Dec, fund: Dec) => ReferenceAnswer;
  /** whether `a` is liquidatable at `mark` (the reference's trigger: its result is not healthy) */
  readonly liquidatable: (a: LedgerAccount, mark: Dec) => boolean;
  /**
   * The same, through a per-state threshold: the last liquidatable tick of a long, the first of a
   * short, found by bisection on the reference once per state. Presumes S13's monotonicity of
   * `E − MM` in the mark (every marginal tier rate at most 1); {@link liquidatable} presumes nothing.
   */
  readonly liquidatableFast: (a: LedgerAccount, mark: Dec) => boolean;
  /** {@link liquidatableFast} at a mark given in ticks (a population checked at one mark converts it once) */
  readonly atTicks: (a: LedgerAccount, ticks: bigint) => boolean;
  readonly ticksOf: (mark: Dec) => bigint;
}

/** The oracle of a run, or the reason the trace's params/policy do not parse. */
export function referenceOracle(start: StartEvent): ReferenceOracle | string {
  const tick = new Dec(start.tick);
  const parsed = parseScenario({
    params: start.params,
    marks: { [start.market]: start.marketPosition.entry },
    account: { collateral: '0', positions: [] },
    insuranceFund: '0',
    ...(start.policyWire === undefined ? {} : { policy: start.policyWire }),
  });
  if (!parsed.ok) return `the trace's params/policy do not parse: ${parsed.issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join('; ')}`;
  const base = parsed.value;
  const scenario = (a: LedgerAccount, mark: Dec, fund: Dec): ParsedScenario => ({
    params: base.params,
    marks: new Map([[start.market, mark]]),
    collateral: a.isolated && !a.size.isZero() ? ZERO : a.collateral,
    positions: a.size.isZero() ? [] : [{ market: start.market, size: a.size, entry: a.entry, isolatedMargin: a.isolated ? a.collateral : null }],
    insuranceFund: fund,
    ...(base.policy === undefined ? {} : { policy: base.policy }),
  });
  const answer = (a: LedgerAccount, mark: Dec, fund: Dec): ReferenceAnswer => {
    const o = liquidateParsed(scenario(a, mark, fund));
    if (o.ok) return { ok: true, result: o.result };
    return { ok: false, message: `${o.error.code}: ${'message' in o.error ? o.error.message : JSON.stringify(o.error.issues)}` };
  };
  const liquidatable = (a: LedgerAccount, mark: Dec): boolean => {
    if (a.size.isZero()) return false;
    const o = answer(a, mark, ZERO);
    return o.ok && o.result.status !== 'healthy';
  };
  const atTick = (a: LedgerAccount, k: bigint): boolean => liquidatable(a, new Dec(k.toString()).mul(tick));
  // Thresholds by state (the object identity of the ledger's immutable state).
  const thresholds = new WeakMap<LedgerAccount, bigint | null>();
  const threshold = (a: LedgerAccount): bigint | null => {
    const known = thresholds.get(a);
    if (known !== undefined) return known;
    const t = a.size.gt(0) ? longThreshold(a) : shortThreshold(a);
    thresholds.set(a, t);
    return t;
  };
  // The upper end of a doubling search from `hi` until `pred` fails (null: still true after 80
  // doublings), and the last tick of [lo, hi) where `pred` holds, given pred(lo) and not pred(hi).
  const grow = (pred: (k: bigint) => boolean, hi: bigint): bigint | null => {
    for (let n = 0; pred(hi); n++) {
      if (n >= 80) return null;
      hi *= 2n;
    }
    return hi;
  };
  const lastTrue = (pred: (k: bigint) => boolean, lo: bigint, hi: bigint): bigint => {
    while (hi - lo > 1n) {
      const mid = (lo + hi) / 2n;
      if (pred(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  // Long: liquidatable for ticks k ≤ K (K = 0: never); returns K (null: at every tick).
  const longThreshold = (a: LedgerAccount): bigint | null => {
    if (!atTick(a, 1n)) return 0n;
    const liquidatable = (k: bigint) => atTick(a, k);
    const hi = grow(liquidatable, ceilDiv(a.entry, tick).toNumber() > 1 ? BigInt(ceilDiv(a.entry, tick).toFixed(0)) : 2n);
    return hi === null ? null : lastTrue(liquidatable, 1n, hi);
  };
  // Short: liquidatable for ticks k ≥ K; returns K (null: at no tick below the bound).
  const shortThreshold = (a: LedgerAccount): bigint | null => {
    if (atTick(a, 1n)) return 1n;
    const healthy = (k: bigint) => !atTick(a, k);
    const hi = grow(healthy, BigInt(ceilDiv(a.entry, tick).toFixed(0)) + 1n);
    return hi === null ? null : lastTrue(healthy, 1n, hi) + 1n;
  };
  const atTicks = (a: LedgerAccount, k: bigint): boolean => {
    if (a.size.isZero()) return false;
    const t = threshold(a);
    if (a.size.gt(0)) return t === null || k <= t;
    return t !== null && k >= t;
  };
  const ticksOf = (mark: Dec): bigint => BigInt(mark.divToInt(tick).toFixed(0));
  const liquidatableFast = (a: LedgerAccount, mark: Dec): boolean => atTicks(a, ticksOf(mark));
  return { answer, liquidatable, liquidatableFast, atTicks, ticksOf };
}
