/**
 * A stress path: an adverse move of the mark split into steps, with the reference engine
 * liquidating the account after each step, as it would after each oracle update of a crash.
 * @see docs/params.md#stress-paths
 */
import { ceilTo, Dec, floorTo, ONE, ZERO } from '../model/decimal.ts';
import { executionPrice } from '../model/executionPrice.ts';
import { liquidateParsed } from '../model/liquidate.ts';
import { maintenanceMargin } from '../model/maintenanceMargin.ts';
import { penaltyRate } from '../model/penaltyRate.ts';
import { isLiquidatable } from '../model/trigger.ts';
import type { ParsedParams, ParsedScenario, Status } from '../model/types.ts';
import { GENE_SCALE } from './genome.ts';
import { parsedAt, type StressAccount } from './openAccount.ts';

/**
 * The marks of a path: cumulative moves `move·(w_1+…+w_j)/Σw` against the position (down for a
 * long, up for a short), rounded to the tick toward the opening mark so no step overshoots the
 * move; a long's mark stays at least one tick. Equal weights (or all zero) make an even path.
 */
export function adverseMarks(pp: ParsedParams, a: StressAccount, move: Dec, split: readonly number[]): Dec[] {
  const tick = pp.markets.get(a.market)!.tick;
  const weights = split.map((w) => (w === 0 ? GENE_SCALE : w));
  const total = weights.reduce((x, w) => x + w, 0);
  let done = 0;
  return weights.map((w, j) => {
    done += w;
    // The share of the move done by step j: a weight ratio (9 decimals), exactly 1 at the last step.
    const f = j === weights.length - 1 ? move : move.mul((done / total).toFixed(9));
    const p = a.long ? ceilTo(a.mark.mul(ONE.sub(f)), tick) : floorTo(a.mark.mul(ONE.add(f)), tick);
    return Dec.max(tick, p);
  });
}

/** One liquidation of a path: the state before it and what the engine did. */
export interface PathEvent {
  readonly before: ParsedScenario;
  readonly status: Status;
}

export interface PathOutcome {
  /** Σ bad debt over the path */
  readonly badDebt: Dec;
  /** equity left at the last mark (collateral plus unrealized PnL), 0 when bankrupt */
  readonly equity: Dec;
  /** every step on which the engine acted (status ≠ healthy) */
  readonly events: readonly PathEvent[];
  /** the step whose liquidation produced bad debt first, if any */
  readonly badDebtAt?: ParsedScenario;
}

/** Runs the path through the reference engine; throws on a model error (limit-exceeded). */
export function runPath(pp: ParsedParams, a: StressAccount, marks: readonly Dec[]): PathOutcome {
  let size = a.size;
  let collateral = a.collateral;
  let badDebt = ZERO;
  let badDebtAt: ParsedScenario | undefined;
  const events: PathEvent[] = [];
  let last = a.mark;
  for (const mark of marks) {
    if (size.isZero()) break;
    last = mark;
    const before = parsedAt(pp, a, size, collateral, mark);
    const o = liquidateParsed(before);
    if (!o.ok) throw new Error(`stress path: the reference refused a state (${o.error.code}: ${'message' in o.error ? o.error.message : ''})`);
    const r = o.result;
    if (r.status === 'healthy') continue;
    events.push({ before, status: r.status });
    const d = new Dec(r.badDebt);
    if (d.gt(0) && badDebtAt === undefined) badDebtAt = before;
    badDebt = badDebt.add(d);
    const pos = r.account.positions[0];
    size = pos === undefined ? ZERO : new Dec(pos.size);
    collateral = new Dec(r.account.collateral);
  }
  const equity = collateral.add(size.mul(last.sub(a.entry)));
  return { badDebt, equity, events, ...(badDebtAt ? { badDebtAt } : {}) };
}

/**
 * PRM-002's witness: for a liquidatable single-position state, whether closing all but the
 * smallest remainder that is not dust (`k` lots, `k·ℓ·P ≥ dustNotional`, `k ≥ 1`) meets the target
 * with room for the roundings of spec §1.3 (exact slack `g ≥ 2u`). When it does, a minimal-close
 * engine must end partial. `ignoreDust` uses `k = 1` instead, to tell dust-forced full closes apart.
 * @see docs/spec.md#63-minimal-close-of-one-position
 */
export function partialWitness(sc: ParsedScenario, ignoreDust = false): boolean {
  const pos = sc.positions[0];
  if (pos === undefined || sc.positions.length !== 1) return false;
  const p = sc.params;
  const m = p.markets.get(pos.market)!;
  const mark = sc.marks.get(pos.market)!;
  const q = pos.size.abs();
  const equity = sc.collateral.add(pos.size.mul(mark.sub(pos.entry)));
  const mm = maintenanceMargin(m.tiers, q.mul(mark));
  const f = penaltyRate(p.steps, equity, mm);
  if (f === null || !isLiquidatable(p.trigger, equity, mm, true)) return false;
  const k = ignoreDust ? ONE : Dec.max(ONE, p.dustNotional.div(m.lot.mul(mark)).ceil());
  const rest = m.lot.mul(k);
  const delta = q.sub(rest);
  if (!delta.gt(0)) return false;
  const c = mark.sub(executionPrice(mark, pos.size.gt(0), p.priceImpact, m.tick)).abs();
  const restNotional = rest.mul(mark);
  const slack = equity.sub(c.mul(delta)).sub(f.mul(mark).mul(delta)).sub(maintenanceMargin(m.tiers, restNotional)).sub(p.buffer.mul(restNotional));
  return slack.gte(p.unit.mul(2));
}
