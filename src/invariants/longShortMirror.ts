import { toCanonical as s, Dec } from '../model/decimal.ts';
import type { LiquidationResult, ParsedScenario, Position, Scenario } from '../model/types.ts';
import { derivedInput, type CaseInput } from './caseInput.ts';
import type { ExactResult } from '../model/amountResult.ts';
import { Fixed } from '../model/fixed.ts';
import { exactOf } from './ledger.ts';
import { exactRunResult, firstDifference, resultOf, sameExact } from './relationSupport.ts';
import type { Case, RelationInvariant } from './invariant.ts';

const TWO = new Dec(2);
const FTWO = new Fixed(2n, 0);

/**
 * Mirrors a scenario: every position flips side and its entry is reflected about the mark
 * (`e′ = 2P − e`), so notional, unrealized PnL and requirement are unchanged. Built on the parsed
 * form: a flipped size keeps its digits and its lot multiple, a reflected entry is checked
 * positive here and against the digit limits by {@link derivedInput}.
 */
function mirror(c: Case): CaseInput | null {
  const positions: Position[] = [];
  const entries: Dec[] = [];
  for (const p of c.input.positions) {
    const entry = TWO.mul(c.input.marks.get(p.market)!).sub(p.entry);
    if (!entry.gt(0)) return null;
    positions.push({ ...p, size: p.size.neg(), entry });
    entries.push(entry);
  }
  const parsed: ParsedScenario = { ...c.input, positions };
  const wire = (): Scenario => ({
    ...c.scenario,
    account: { ...c.scenario.account, positions: c.scenario.account.positions.map((p, i) => ({ ...p, size: s(positions[i]!.size), entryPrice: s(positions[i]!.entry) })) },
  });
  return derivedInput(parsed, wire, entries);
}

/** What a correct engine must answer on the mirror: same amounts, sides and prices reflected. */
function mirrored(c: Case): LiquidationResult {
  const r = c.result;
  const held = new Map(c.input.positions.map((p) => [p.market, p.entry]));
  // The mirror's entry of a market the scenario holds (read off the parsed case, not its strings).
  const entryOf = (market: string, given: string): string => {
    const e = held.get(market);
    return e === undefined ? given : s(TWO.mul(c.input.marks.get(market)!).sub(e));
  };
  return {
    ...r,
    fills: r.fills.map((f, i) => ({
      ...f,
      side: f.side === 'sell' ? 'buy' : 'sell',
      price: s(TWO.mul(c.input.marks.get(f.market)!).sub(c.output.fills[i]!.price)),
    })),
    account: {
      ...r.account,
      positions: r.account.positions.map((p, i) => ({ ...p, size: s(c.output.account.positions[i]!.size.neg()), entryPrice: entryOf(p.market, p.entryPrice) })),
    },
  };
}

/**
 * {@link mirrored} in exact amounts, or null when a fill's market has no mark (then the wire
 * comparison says what is wrong).
 */
function mirroredExact(c: Case): ExactResult | null {
  const { v, positions, output: r } = exactOf(c);
  const held = new Map(positions.map((p) => [p.market, p.entry]));
  const reflect = (market: string, x: Fixed): Fixed | null => {
    const mark = v.marks.get(market);
    return mark === undefined ? null : FTWO.mul(mark).sub(x);
  };
  const fills: ExactResult['fills'][number][] = [];
  for (const f of r.fills) {
    const price = reflect(f.market, f.price);
    if (price === null) return null;
    fills.push({ ...f, side: f.side === 'sell' ? 'buy' : 'sell', price });
  }
  const entryOf = (market: string, given: Fixed): Fixed => {
    const e = held.get(market);
    return e === undefined ? given : reflect(market, e)!;
  };
  return {
    ...r,
    fills,
    account: { ...r.account, positions: r.account.positions.map((p) => ({ ...p, size: p.size.neg(), entry: entryOf(p.market, p.entry) })) },
  };
}

/**
 * LIQ-013 — long/short symmetry.
 *
 * @remarks Holds with price impact too: on a tick-aligned mark, `⌊P(1−σ)⌋_tick = P − ⌈Pσ⌉_tick`
 * and `⌈P(1+σ)⌉_tick = P + ⌈Pσ⌉_tick`.
 */
export const longShortMirror: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-013',
  title: 'long/short mirror',
  statement: 'Flipping every position’s side and reflecting its entry about the mark (e′ = 2P − e) gives the same liquidation with sides swapped and execution prices reflected (x′ = 2P − x).',
  domain: 'Scenarios where every reflected entry is positive (e < 2P). Linear contracts only; inverse contracts are not symmetric.',
  spec: '#71-execution-price',
  policy: 'any',
  derive: (c) => {
    const m = mirror(c);
    return m === null ? [] : [m];
  },
  compare: (c, runs) => {
    // The same in exact amounts: no strings to write. A difference is located on the wire.
    const exact = exactRunResult(runs[0]);
    if (exact !== undefined) {
      const expected = mirroredExact(c);
      if (expected !== null && sameExact(expected, exact)) return [];
    }
    const got = resultOf(runs[0]);
    if (typeof got === 'string') return [got];
    const d = firstDifference(mirrored(c), got);
    return d === null ? [] : [`the mirrored scenario gives a different liquidation at ${d} (expected vs got)`];
  },
};
