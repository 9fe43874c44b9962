import { toCanonical as s, Dec, ZERO } from '../model/decimal.ts';
import type { LiquidationResult, ParsedScenario, Position, Scenario } from '../model/types.ts';
import { derivedInput, type CaseInput } from './caseInput.ts';
import { hasInverse as parsedHasInverse } from '../model/parseScenario.ts';
import type { ExactResult } from '../model/amountResult.ts';
import { Fixed, fromDec, toCanonical as fixedCanonical, toDec } from '../model/fixed.ts';
import type { FValuation } from '../model/fixedCore.ts';
import type { FBook, FLevel } from '../policy/book.ts';
import type { Book } from '../wire/book.ts';
import { exactOf } from './ledger.ts';
import { exactRunResult, firstDifference, resultOf, sameExact } from './relationSupport.ts';
import type { Case, DerivedRun, RelationInvariant } from './invariant.ts';

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
    if (!entry.gt(ZERO)) return null;
    positions.push({ ...p, size: p.size.neg(), entry });
    entries.push(entry);
  }
  const book = c.input.book === undefined ? undefined : mirrorBook(c, entries);
  if (book === null) return null;
  const parsed: ParsedScenario = book === undefined ? { ...c.input, positions } : { ...c.input, positions, book };
  // The wire writer inline, not a named const: under tsx a named closure defines its name per case.
  return derivedInput(
    parsed,
    (): Scenario => ({
      ...c.scenario,
      account: { ...c.scenario.account, positions: c.scenario.account.positions.map((p, i) => ({ ...p, size: s(positions[i]!.size), entryPrice: s(positions[i]!.entry) })) },
      ...(book === undefined ? {} : { book: wireBook(c, book) }),
    }),
    entries,
  );
}

/**
 * The book of the mirror (spec §10.4): for each held market the asks become the bids and the bids
 * the asks, every price reflected about the mark (`p′ = 2P − p`, on the tick as `P` and `p` are),
 * so the walk of the flipped position meets the reflected levels in the same order with the same
 * sizes. Null (out of the domain) when a reflected price is not positive. Reflected prices are
 * pushed to `changed` for the digit check of {@link derivedInput}.
 */
function mirrorBook(c: Case, changed: Dec[]): Map<string, FBook> | null {
  const held = new Set(c.input.positions.map((p) => p.market));
  const out = new Map<string, FBook>();
  for (const [market, b] of c.input.book!) {
    if (!held.has(market)) {
      out.set(market, b); // never walked: no mark needed, left as it is
      continue;
    }
    const two = FTWO.mul(fromDec(c.input.marks.get(market)!));
    const flip = (levels: readonly FLevel[]): FLevel[] | null => {
      const r: FLevel[] = [];
      for (const l of levels) {
        const price = two.sub(l.price);
        if (price.sign() <= 0) return null;
        r.push({ price, size: l.size });
        changed.push(toDec(price));
      }
      return r;
    };
    const bids = flip(b.asks);
    const asks = flip(b.bids);
    if (bids === null || asks === null) return null;
    out.set(market, { bids, asks });
  }
  return out;
}

function wireBook(c: Case, book: ReadonlyMap<string, FBook>): Record<string, Book> {
  const given = c.scenario.book ?? {};
  const out: Record<string, Book> = {};
  for (const market of Object.keys(given)) {
    const b = book.get(market)!;
    const side = (levels: readonly FLevel[]) => levels.map((l) => ({ price: fixedCanonical(l.price), size: fixedCanonical(l.size) }));
    out[market] = { bids: side(b.bids), asks: side(b.asks) };
  }
  return out;
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
  const fills: ExactResult['fills'][number][] = [];
  for (const f of r.fills) {
    const price = reflected(v, f.market, f.price);
    if (price === null) return null;
    fills.push({ ...f, side: f.side === 'sell' ? 'buy' : 'sell', price });
  }
  return {
    ...r,
    fills,
    account: {
      ...r.account,
      positions: r.account.positions.map((p) => {
        // The mirror's entry of a market the scenario holds; a reported one it does not hold as given.
        const e = held.get(p.market);
        return { ...p, size: p.size.neg(), entry: e === undefined ? p.entry : reflected(v, p.market, e)! };
      }),
    },
  };
}

/**
 * `2P − x` about the market's mark, or null when the market has no mark. (A module-level helper,
 * not a closure per call: under tsx each named closure defines its name per case.)
 */
function reflected(v: FValuation, market: string, x: Fixed): Fixed | null {
  const mark = v.marks.get(market);
  return mark === undefined ? null : FTWO.mul(mark).sub(x);
}

/**
 * LIQ-013 — long/short symmetry.
 *
 * @remarks Holds with price impact too: on a tick-aligned mark, `⌊P(1−σ)⌋_tick = P − ⌈Pσ⌉_tick`
 * and `⌈P(1+σ)⌉_tick = P + ⌈Pσ⌉_tick`. Under a book price (spec §10.4) the book is reflected
 * too (bids ↔ asks, `p′ = 2P − p`), and the bankruptcy price reflects: a long's
 * `tick·⌈(r·e + K)/(r·tick)⌉` and the mirror short's `tick·⌊(r·(2P − e) − K)/(r·tick)⌋` sum to
 * `2P` — except where one of them is clamped to the smallest price `tick`, which the comparison
 * leaves out of the domain (a fill at `tick` in the case or its mirror).
 */
export const longShortMirror: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-013',
  title: 'long/short mirror',
  statement: 'Flipping every position’s side and reflecting its entry about the mark (e′ = 2P − e), and under a book price the book too (bids ↔ asks, p′ = 2P − p), gives the same liquidation with sides swapped and execution prices reflected (x′ = 2P − x).',
  domain: 'Scenarios where every reflected entry, and under a book price every reflected level price, is positive (e < 2P, p < 2P); under a book or the bankruptcy price part, not when a fill of the case or of its mirror is at the smallest price (one tick), where the bankruptcy price is clamped. Linear contracts only: not judged on a scenario with inverse markets (§12.7: their PnL is linear in 1/x, U(q, e, P) ≠ −U(−q, 2P − e, P)), whose relation is LIQ-030.',
  spec: '#71-execution-price',
  presumes: ['mirror-symmetric'],
  derive: (c) => {
    // §12.7: an inverse contract's PnL is linear in 1/x, so reflecting x about the mark is no mirror.
    if (parsedHasInverse(c.input.params)) return [];
    const m = mirror(c);
    return m === null ? [] : [m];
  },
  compare: (c, runs) => {
    if (clampedAtTick(c, runs)) return [];
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

/** A book-priced fill at the smallest price (one tick) in the case or its mirror: the clamp of spec §10.4 is not symmetric. */
function clampedAtTick(c: Case, runs: readonly DerivedRun[]): boolean {
  // §10.4: a book's remainder and the bankruptcy price part both clamp x_b to one tick.
  if (c.input.book === undefined && c.input.policy?.price.kind !== 'bankruptcy') return false;
  const atTick = (market: string, price: string) => {
    const m = c.input.params.markets.get(market);
    return m !== undefined && new Dec(price).eq(m.tick);
  };
  if (c.result.fills.some((f) => atTick(f.market, f.price))) return true;
  const got = runs[0]?.outcome;
  return got !== undefined && got.ok && got.result.fills.some((f) => atTick(f.market, f.price));
}
