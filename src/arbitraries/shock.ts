/**
 * Price shocks on a scenario's marks, for metamorphic relations (a more adverse mark must not
 * make an account healthier) and for walking an account into liquidation.
 * @see docs/spec.md#22-marks
 */
import fc from 'fast-check';
import { Dec, toCanonical } from '../model/decimal.ts';
import type { Scenario } from '../model/types.ts';
import { decimal } from './decimal.ts';

/** A multiplicative move of a mark: one jump, or a path of successive moves. */
export type Shock = { readonly kind: 'jump'; readonly factor: string } | { readonly kind: 'path'; readonly factors: readonly string[] };

/** Knobs of {@link priceShock}. */
export interface PriceShockConstraints {
  /** `down` keeps every factor ≤ 1 (adverse for a long), `up` ≥ 1 (adverse for a short). Default `any`. */
  readonly direction?: 'down' | 'up' | 'any';
  /** Length of a path, at least 2. Default `{ min: 2, max: 5 }`. */
  readonly pathLength?: { readonly min: number; readonly max: number };
}

/**
 * One factor in 0.5…1.5 (`"0.9"` is −10%), four decimals. Small moves dominate, and downward ones
 * a little more than upward: liquidations are mostly reached by small adverse moves, and most
 * generated accounts are long or short with equal odds.
 */
function factorArb(direction: 'down' | 'up' | 'any'): fc.Arbitrary<string> {
  const down = fc.oneof(
    { arbitrary: decimal({ min: '0.95', max: '0.9999', scale: 4 }), weight: 6 },
    { arbitrary: decimal({ min: '0.8', max: '0.95', scale: 4 }), weight: 3 },
    { arbitrary: decimal({ min: '0.5', max: '0.8', scale: 4 }), weight: 1 },
  );
  const up = fc.oneof(
    { arbitrary: decimal({ min: '1.0001', max: '1.05', scale: 4 }), weight: 6 },
    { arbitrary: decimal({ min: '1.05', max: '1.2', scale: 4 }), weight: 3 },
    { arbitrary: decimal({ min: '1.2', max: '1.5', scale: 4 }), weight: 1 },
  );
  if (direction === 'down') return down;
  if (direction === 'up') return up;
  return fc.oneof({ arbitrary: down, weight: 3 }, { arbitrary: up, weight: 2 }, { arbitrary: fc.constant('1'), weight: 1 });
}

/** Price shocks: a single jump (most often) or a path of 2–5 moves. */
export function priceShock(c: PriceShockConstraints = {}): fc.Arbitrary<Shock> {
  const direction = c.direction ?? 'any';
  const len = c.pathLength ?? { min: 2, max: 5 };
  if (!Number.isInteger(len.min) || !Number.isInteger(len.max) || len.min < 2 || len.min > len.max) {
    throw new Error(`priceShock: pathLength must be integers with 2 ≤ min ≤ max, got ${JSON.stringify(len)}`);
  }
  const f = factorArb(direction);
  return fc.oneof(
    { arbitrary: f.map((factor): Shock => ({ kind: 'jump', factor })), weight: 3 },
    { arbitrary: fc.array(f, { minLength: len.min, maxLength: len.max }).map((factors): Shock => ({ kind: 'path', factors })), weight: 1 },
  );
}

function tickOf(s: Scenario, market: string): Dec {
  const m = s.params.markets[market];
  if (m === undefined) throw new Error(`no market ${JSON.stringify(market)} in the scenario's params`);
  return new Dec(m.tickSize);
}

function markOf(s: Scenario, market: string): Dec {
  const mark = s.marks[market];
  if (mark === undefined) throw new Error(`no mark for ${JSON.stringify(market)} in the scenario`);
  return new Dec(mark);
}

function withMark(s: Scenario, market: string, mark: Dec): Scenario {
  return { ...s, marks: { ...s.marks, [market]: toCanonical(mark) } };
}

/**
 * The scenario with `market`'s mark multiplied by `factor`, rounded to the nearest tick and kept at
 * least one tick (marks must be positive multiples of the tick, spec §2.2). Nothing else changes.
 */
export function applyShock(s: Scenario, market: string, factor: string): Scenario {
  const tick = tickOf(s, market);
  const ticks = markOf(s, market).mul(factor).div(tick).toDecimalPlaces(0, Dec.ROUND_HALF_EVEN);
  return withMark(s, market, tick.mul(Dec.max(1, ticks)));
}

/** Every scenario a shock goes through on `market`, one per factor (a jump gives one). */
export function applyShockPath(s: Scenario, market: string, shock: Shock): Scenario[] {
  const factors = shock.kind === 'jump' ? [shock.factor] : shock.factors;
  const out: Scenario[] = [];
  let cur = s;
  for (const f of factors) out.push((cur = applyShock(cur, market, f)));
  return out;
}

/**
 * Marks on the tick grid strictly more adverse for the account's position in `market`: lower for
 * a long, higher for a short. Mostly a few ticks away (the interesting region is just past the
 * current mark), sometimes up to half the price.
 *
 * @throws Error when the account holds no position in `market`, or holds a long already marked at
 * one tick (no positive mark is lower).
 */
export function adverseMark(s: Scenario, market: string): fc.Arbitrary<string> {
  const pos = s.account.positions.find((p) => p.market === market);
  if (pos === undefined) throw new Error(`adverseMark: the account holds no position in ${JSON.stringify(market)}`);
  const tick = tickOf(s, market);
  const ticks = BigInt(markOf(s, market).div(tick).toFixed(0));
  const long = !pos.size.startsWith('-');
  if (long && ticks <= 1n) throw new Error(`adverseMark: the long in ${JSON.stringify(market)} is already marked at one tick`);
  // Half the price is plenty of room either way; a long also cannot fall below one tick.
  const half = ticks / 2n > 1n ? ticks / 2n : 1n;
  const far = long && ticks - 1n < half ? ticks - 1n : half;
  const near = far < 10n ? far : 10n;
  const step = fc.oneof({ arbitrary: fc.bigInt({ min: 1n, max: near }), weight: 3 }, { arbitrary: fc.bigInt({ min: 1n, max: far }), weight: 1 });
  return step.map((k) => toCanonical(tick.mul((long ? ticks - k : ticks + k).toString())));
}
