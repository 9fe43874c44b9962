import { toCanonical as s, Dec } from '../model/decimal.ts';
import type { LiquidationResult, Scenario } from '../model/types.ts';
import { firstDifference, resultOf } from './relationSupport.ts';
import type { RelationInvariant } from './invariant.ts';

const TWO = new Dec(2);

/**
 * Mirrors a scenario: every position flips side and its entry is reflected about the mark
 * (`e′ = 2P − e`), so notional, unrealized PnL and requirement are unchanged.
 */
function mirror(sc: Scenario): Scenario | null {
  const positions = [];
  for (const p of sc.account.positions) {
    const mark = new Dec(sc.marks[p.market]!);
    const entry = TWO.mul(mark).sub(p.entryPrice);
    if (!entry.gt(0)) return null;
    positions.push({ ...p, size: s(new Dec(p.size).neg()), entryPrice: s(entry) });
  }
  return { ...sc, account: { ...sc.account, positions } };
}

/** What a correct engine must answer on the mirror: same amounts, sides and prices reflected. */
function mirrored(sc: Scenario, r: LiquidationResult): LiquidationResult {
  const m = mirror(sc)!;
  const entries = new Map(m.account.positions.map((p) => [p.market, p.entryPrice]));
  return {
    ...r,
    fills: r.fills.map((f) => ({
      ...f,
      side: f.side === 'sell' ? 'buy' : 'sell',
      price: s(TWO.mul(sc.marks[f.market]!).sub(f.price)),
    })),
    account: {
      ...r.account,
      positions: r.account.positions.map((p) => ({ ...p, size: s(new Dec(p.size).neg()), entryPrice: entries.get(p.market) ?? p.entryPrice })),
    },
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
    const m = mirror(c.scenario);
    return m === null ? [] : [m];
  },
  compare: (c, runs) => {
    const got = resultOf(runs[0]);
    if (typeof got === 'string') return [got];
    const d = firstDifference(mirrored(c.scenario, c.result), got);
    return d === null ? [] : [`the mirrored scenario gives a different liquidation at ${d} (expected vs got)`];
  },
};
