import { Dec, toCanonical as s } from '../model/decimal.ts';
import type { ExactResult } from '../model/amountResult.ts';
import { Fixed } from '../model/fixed.ts';
import { INPUT_DIGITS } from '../model/parseDecimal.ts';
import type { LiquidationResult, MarketParams, ParsedScenario, Scenario } from '../model/types.ts';
import { derivedInput, type CaseInput } from './caseInput.ts';
import { hasInverse as parsedHasInverse } from '../model/parseScenario.ts';
import type { Case, RelationInvariant } from './invariant.ts';
import { exactOf } from './ledger.ts';
import { exactRunResult, firstDifference, resultOf, sameExact } from './relationSupport.ts';

/**
 * The factor every price and contract value is multiplied by: a power of ten keeps every input a
 * decimal and every price on its (scaled) tick grid; 10 adds one integer digit and no fraction one.
 */
const K = new Dec(10);
const FK = new Fixed(10n, 0);
const INTEGER_BOUND = new Dec(10).pow(INPUT_DIGITS.integer);

/**
 * The scenario with every price (entries, marks, `tickSize`) and every contract value `v` multiplied
 * by {@link K} (spec §12.7). Built on the parsed form: a product by 10 stays positive, on the
 * scaled grid and within the fraction digits; the integer digits are checked by
 * {@link derivedInput}. No other input is a price on an inverse market (§12.1: tier floors,
 * amounts, dust and minimum notionals are coin amounts, books and size-scaled requirements are
 * outside the domain).
 */
function scaled(c: Case): CaseInput | null {
  const changed: Dec[] = [];
  const times = (x: Dec): Dec => {
    const y = x.mul(K);
    changed.push(y);
    return y;
  };
  const markets = new Map<string, MarketParams>();
  for (const [id, m] of c.input.params.markets) {
    const contract = m.contract?.kind === 'inverse' ? { kind: 'inverse' as const, value: times(m.contract.value) } : m.contract;
    markets.set(id, { ...m, tick: times(m.tick), ...(contract === undefined ? {} : { contract }) });
  }
  const marks = new Map<string, Dec>();
  for (const [id, p] of c.input.marks) marks.set(id, times(p));
  const positions = c.input.positions.map((p) => ({ ...p, entry: times(p.entry) }));
  const parsed: ParsedScenario = { ...c.input, params: { ...c.input.params, markets }, marks, positions };
  const wire = (): Scenario => {
    const w = c.scenario;
    const wireMarkets: Record<string, Scenario['params']['markets'][string]> = {};
    for (const [id, m] of Object.entries(w.params.markets)) {
      const p = markets.get(id)!;
      const contract = p.contract?.kind === 'inverse' ? { ...m.contract, kind: 'inverse' as const, value: s(p.contract.value) } : m.contract;
      wireMarkets[id] = { ...m, tickSize: s(p.tick), ...(contract === undefined ? {} : { contract }) };
    }
    const wireMarks: Record<string, string> = {};
    for (const id of Object.keys(w.marks)) wireMarks[id] = s(marks.get(id)!);
    return {
      ...w,
      params: { ...w.params, markets: wireMarkets },
      marks: wireMarks,
      account: { ...w.account, positions: w.account.positions.map((p, i) => ({ ...p, entryPrice: s(positions[i]!.entry) })) },
    };
  };
  // A price ×10 beyond the input syntax (§1.1) is no valid scenario: outside the domain.
  if (!changed.every((x) => x.lt(INTEGER_BOUND))) return null;
  return derivedInput(parsed, wire, changed);
}

/** What a correct engine answers on the scaled scenario: the same amounts, fill prices and entries ×k. */
function expectedExact(c: Case): ExactResult {
  const r = exactOf(c).output;
  return {
    ...r,
    fills: r.fills.map((f) => ({ ...f, price: f.price.mul(FK) })),
    account: { ...r.account, positions: r.account.positions.map((p) => ({ ...p, entry: p.entry.mul(FK) })) },
  };
}

/** {@link expectedExact} on the wire. */
function expected(c: Case): LiquidationResult {
  const r = c.result;
  return {
    ...r,
    fills: r.fills.map((f, i) => ({ ...f, price: s(c.output.fills[i]!.price.mul(K)) })),
    account: { ...r.account, positions: r.account.positions.map((p, i) => ({ ...p, entryPrice: s(c.output.account.positions[i]!.entry.mul(K)) })) },
  };
}

/**
 * LIQ-030 — price scaling: what replaces the long/short mirror on inverse markets.
 *
 * @remarks Every value of an inverse market is a function of `v/x` (§12.2: `N = ⌈|q|·v/x⌉_u`,
 * `U = ⌊q·v·(1/e − 1/x)⌋_u`), so multiplying every price and `v` by `k` changes no coin amount;
 * the execution price of §7.1 is `k` times the unscaled one on the `k·tick` grid, and §12.4's
 * bankruptcy price too (`D` scales by `k`, `r·v·e` by `k²`, `tick` by `k`). Judged on inverse
 * markets only: a linear market's amounts scale with its prices.
 * @see docs/spec.md#127-relations-what-replaces-the-longshort-mirror
 */
export const priceScaling: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-030',
  title: 'price scaling (inverse)',
  statement:
    'On inverse markets, multiplying every price (entries, marks, tickSize) and every contract value v by k = 10 gives the same liquidation: every coin amount (realized PnL, penalties, fees, notionals, collateral, insurance fund, bad debt, equity, requirement, target) identical, every fill price and remaining entry ×k.',
  domain:
    'Scenarios with inverse markets (§12.7), under any policy that runs them (§12.1: its parts read no other price). Not judged on linear markets, whose amounts scale with their prices (their relation is LIQ-013’s mirror), nor where a price ×10 would leave the input syntax (30 integer digits).',
  spec: '#127-relations-what-replaces-the-longshort-mirror',
  presumes: [],
  derive: (c) => {
    if (!parsedHasInverse(c.input.params)) return [];
    const d = scaled(c);
    return d === null ? [] : [d];
  },
  compare: (c, runs) => {
    const exact = exactRunResult(runs[0]);
    if (exact !== undefined && sameExact(expectedExact(c), exact)) return [];
    const got = resultOf(runs[0]);
    if (typeof got === 'string') return [got];
    const d = firstDifference(expected(c), got);
    return d === null ? [] : [`with every price and contract value ×10 the engine gives a different liquidation at ${d} (expected vs got: coin amounts unchanged, prices ×10)`];
  },
};
