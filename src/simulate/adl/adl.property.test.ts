/**
 * ADL (spec S9) against brute force: for any population, the ranking equals a sort by scores
 * computed with one 60-digit decimal division each (no fractions, no floats), the lazy ranking
 * equals the full one, and `deleverage` pays what it owes within one lot's spread, never beyond a
 * counterparty's size or equity, with the residues it reports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { params } from '../../../properties/profile.ts';
import { Dec, toCanonical } from '../../model/decimal.ts';
import type { AccountState } from '../stepEngine.ts';
import { applyReduction, bitmexRanking, deleverage, rankByBitmexScore, type AdlCandidate } from './index.ts';

const FILE = 'src/simulate/adl/adl.property.test.ts';
const D60 = Dec.clone({ precision: 60, rounding: Dec.ROUND_HALF_EVEN });
const UNIT = new Dec('0.01');
const TICK = new Dec('0.1');

/** The spec's score with one correctly rounded 60-digit division of exact products. */
function bruteScore(c: AdlCandidate, mark: Dec): InstanceType<typeof D60> {
  const side = c.size.isNegative() ? -1 : 1;
  const pnlNum = mark.sub(c.entry).mul(side); // PNL% = pnlNum / e
  const levNum = c.size.abs().mul(mark); // EffLev = levNum / E
  if (pnlNum.gt(0)) return new D60(pnlNum.mul(levNum).toString()).div(new D60(c.entry.mul(c.equity).toString()));
  return new D60(pnlNum.mul(c.equity).toString()).div(new D60(c.entry.mul(levNum).toString()));
}

interface World {
  readonly mark: Dec;
  readonly lot: Dec;
  readonly accounts: readonly AccountState[];
}

// Small grids on purpose: equal sizes, entries and collaterals recur, so exact ties occur.
const world: fc.Arbitrary<World> = fc
  .record({
    markTicks: fc.integer({ min: 500, max: 2000 }),
    lot: fc.constantFrom('0.1', '0.001'),
    rows: fc.array(
      fc.record({
        lots: fc.integer({ min: -60, max: 60 }),
        entryTicks: fc.oneof(fc.integer({ min: 400, max: 2600 }), fc.constantFrom(1000, 1001)),
        collateralUnits: fc.oneof(fc.integer({ min: -5000, max: 2_000_000 }), fc.constantFrom(100, 10_000)),
        // An entry off the tick by 10^−20 now and then (an average entry): more digits than a double holds, so the ranking
        // must compare these candidates by their exact fractions.
        fine: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 })),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    order: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ markTicks, lot, rows, order }) => {
    const l = new Dec(lot);
    const accounts = rows.map((r, i) => ({
      id: `a${String(i + 1).padStart(6, '0')}`,
      size: l.mul(r.lots),
      entry: TICK.mul(r.entryTicks).add(new Dec(r.fine).mul('1e-20')),
      collateral: UNIT.mul(r.collateralUnits),
      isolated: false,
    }));
    // Present them in a rotated order so id order is not the input order.
    const k = order % accounts.length;
    return { mark: TICK.mul(markTicks), lot: l, accounts: [...accounts.slice(k), ...accounts.slice(0, k)] };
  });

const equityOf = (a: AccountState, mark: Dec) => a.collateral.add(a.size.mul(mark.sub(a.entry)));
const candidatesOf = (w: World): AdlCandidate[] => w.accounts.map((a) => ({ id: a.id, size: a.size, entry: a.entry, equity: equityOf(a, w.mark) }));

describe('rankByBitmexScore (property)', () => {
  it('equals a brute-force sort by 60-digit scores, ties by id, and the lazy ranking equals it', () => {
    fc.assert(
      fc.property(world, (w) => {
        const candidates = candidatesOf(w);
        const ranking = rankByBitmexScore(candidates, w.mark);
        const rankable = candidates.filter((c) => !c.size.isZero() && c.equity.gt(0));
        expect(ranking.map((r) => r.candidate.id).sort()).toEqual(rankable.map((c) => c.id).sort());
        // Distinct scores of these inputs differ by far more than 10^−45 (their denominators are
        // below 10^20): closer 60-digit scores are exact ties.
        const tol = new D60('1e-45');
        for (let i = 1; i < ranking.length; i++) {
          const x = ranking[i - 1]!.candidate;
          const y = ranking[i]!.candidate;
          const sx = bruteScore(x, w.mark);
          const sy = bruteScore(y, w.mark);
          if (sx.sub(sy).abs().lte(tol)) expect(x.id < y.id, `tie ${x.id} ${y.id}`).toBe(true);
          else expect(sx.gt(sy), `${x.id} (${sx}) before ${y.id} (${sy})`).toBe(true);
        }
        for (const r of ranking) expect(toCanonical(r.score)).toBe(toCanonical(new Dec(bruteScore(r.candidate, w.mark).toDecimalPlaces(18, Dec.ROUND_DOWN).toString())));
        const lazy = [...bitmexRanking(candidates, w.mark)];
        expect(lazy.map((r) => [r.candidate.id, toCanonical(r.score)])).toEqual(ranking.map((r) => [r.candidate.id, toCanonical(r.score)]));
      }),
      params(FILE, 'ranking'),
    );
  });
});

describe('deleverage (property)', () => {
  it('pays owed within one lot spread, in rank order, within every size and equity, with the reported residues', () => {
    const bankrupt = fc.record({ long: fc.boolean(), lots: fc.integer({ min: 1, max: 100 }), bTicks: fc.integer({ min: 300, max: 2500 }), owedUnits: fc.integer({ min: 1, max: 500_000 }) });
    fc.assert(
      fc.property(world, bankrupt, (w, b) => {
        const q = w.lot.mul(b.lots).mul(b.long ? 1 : -1);
        // κ = −q·P for a raw bankruptcy price P = bTicks·τ − 0.03 (off the tick, so the rounding shows).
        const rawPb = TICK.mul(b.bTicks).sub('0.03');
        const cash = q.mul(rawPb).neg();
        const owed = UNIT.mul(b.owedUnits);
        const candidates = candidatesOf(w);
        const e = deleverage({ bankrupt: { id: 'x', size: q, cash }, owed, mark: w.mark, lot: w.lot, tick: TICK, unit: UNIT, candidates });
        // P_b: the raw price rounded away from the mark (up for a long, down for a short).
        const pb = b.long ? rawPb.add('0.03') : rawPb.sub('0.07');
        expect(toCanonical(e.bankruptcyPrice)).toBe(toCanonical(pb));
        const g = pb.sub(w.mark).abs();
        const runs = !g.isZero() && (b.long ? pb.gt(w.mark) : pb.lt(w.mark));
        if (!runs) {
          expect([e.reductions.length, toCanonical(e.unpaid), toCanonical(e.toFund)]).toEqual([0, toCanonical(owed), '0']);
          return;
        }
        const other = candidates.filter((c) => (b.long ? c.size.isNegative() : c.size.gt(0)) && c.equity.gt(0));
        const order = rankByBitmexScore(other, w.mark).map((r) => r.candidate.id);
        const byId = new Map(w.accounts.map((a) => [a.id, a]));
        let transfers = new Dec(0);
        let residues = new Dec(0);
        let at = -1;
        for (const r of e.reductions) {
          const next = order.indexOf(r.account);
          expect(next, `${r.account} in rank order`).toBeGreaterThan(at);
          at = next;
          const a = byId.get(r.account)!;
          const E = equityOf(a, w.mark);
          expect(r.size.gt(0) && r.size.lte(a.size.abs()) && r.size.mod(w.lot).isZero()).toBe(true);
          expect(toCanonical(r.transfer)).toBe(toCanonical(r.size.mul(g)));
          expect(r.transfer.lte(E)).toBe(true);
          const after = applyReduction(a, r, w.mark, UNIT);
          expect(after.collateral.mod(UNIT).isZero()).toBe(true);
          expect(equityOf({ ...a, collateral: after.collateral, size: after.size }, w.mark).gte(0), `${r.account} equity after`).toBe(true);
          transfers = transfers.add(r.transfer);
          residues = residues.add(after.residue);
        }
        // Σ transfers + unpaid − owed = toFund − residues ∈ [0, ℓ·g); unpaid only with no excess.
        const excess = transfers.add(e.unpaid).sub(owed);
        expect(toCanonical(excess)).toBe(toCanonical(e.toFund.sub(residues)));
        expect(excess.gte(0) && excess.lt(w.lot.mul(g))).toBe(true);
        if (e.unpaid.gt(0)) expect(excess.isZero()).toBe(true);
        expect(e.unpaid.gte(0)).toBe(true);
      }),
      params(FILE, 'deleverage'),
    );
  });
});
