/**
 * ADL (spec S9) on hand-computed examples: the ranking, the caps, the last counterparty's
 * rounding up, the floor residues, and the cases where ADL cannot pay. Every expected value is
 * worked out in the comments, not read from the code.
 */
import { describe, expect, it } from 'vitest';
import { Dec, toCanonical } from '../../model/decimal.ts';
import type { AccountState } from '../stepEngine.ts';
import { applyReduction, bitmexRanking, deleverage, rankByBitmexScore, type AdlCandidate, type AdlInput, type RankFn } from './index.ts';

const d = (x: string) => new Dec(x);
const c = (id: string, size: string, entry: string, equity: string): AdlCandidate => ({ id, size: d(size), entry: d(entry), equity: d(equity) });

/** The event with its amounts as canonical strings, to compare with hand-written expectations. */
function wire(e: ReturnType<typeof deleverage>) {
  return {
    side: e.side,
    bankruptcyPrice: toCanonical(e.bankruptcyPrice),
    spread: toCanonical(e.spread),
    owed: toCanonical(e.owed),
    reductions: e.reductions.map((r) => [r.account, toCanonical(r.size), toCanonical(r.transfer), toCanonical(r.score)]),
    toFund: toCanonical(e.toFund),
    unpaid: toCanonical(e.unpaid),
  };
}

// Market: mark 100, tick 0.1, lot 0.1, unit 0.01. The bankrupt is long 10 at entry 110 with
// collateral 50, so its cash κ = 50 − 10·110 = −1050 and P_b = −κ/q = 105 (on the tick already):
// beyond the mark on a long's losing side, spread g = 5, one lot pays ℓ·g = 0.5.
//
// The shorts (the other side), at m = 100:
//   B: −5 at 110, E 20.  PNL% = −(100 − 110)/110 = 1/11 > 0, EffLev = 5·100/20 = 25,
//      score = 25/11 = 2.272727272727272727|27…
//   A: −2 at 120, E 100. PNL% = 20/120 = 1/6, EffLev = 2·100/100 = 2, score = 1/3 = 0.333…
//   C: −1 at 90, E 50.   PNL% = −10/90 = −1/9 ≤ 0, EffLev = 100/50 = 2, score = (−1/9)/2 = −1/18
//      = −0.055555555555555555|5… (truncated toward zero)
// Left out: L (long, the bankrupt's side), Z (equity 0), N (no position).
// Ranking: B, A, C.
const MARKET = { mark: d('100'), lot: d('0.1'), tick: d('0.1'), unit: d('0.01') };
const B = c('a000002', '-5', '110', '20');
const A = c('a000001', '-2', '120', '100');
const C = c('a000003', '-1', '90', '50');
const L = c('a000004', '3', '95', '1000');
const Z = c('a000005', '-1', '120', '0');
const N = c('a000006', '0', '100', '10');
const CANDIDATES = [A, B, C, L, Z, N];
const BANKRUPT = { id: 'a000009', size: d('10'), cash: d('-1050') };
const input = (owed: string, over: Partial<AdlInput> = {}): AdlInput => ({ bankrupt: BANKRUPT, owed: d(owed), ...MARKET, candidates: CANDIDATES, ...over });

describe('rankByBitmexScore', () => {
  it('orders the hand-computed scores B, A, C and truncates each to 18 fraction digits', () => {
    const ranking = rankByBitmexScore([A, B, C], MARKET.mark).map((r) => [r.candidate.id, toCanonical(r.score)]);
    expect(ranking).toEqual([
      ['a000002', '2.272727272727272727'],
      ['a000001', '0.333333333333333333'],
      ['a000003', '-0.055555555555555555'],
    ]);
  });

  it('leaves out candidates without a position or with equity ≤ 0', () => {
    expect(rankByBitmexScore([Z, N, A], MARKET.mark).map((r) => r.candidate.id)).toEqual(['a000001']);
  });

  it('breaks an exact tie by id, whatever the input order', () => {
    // Same size, entry and equity: the same score 1/3; a000007 < a000008.
    const x = c('a000008', '-2', '120', '100');
    const y = c('a000007', '-2', '120', '100');
    expect(rankByBitmexScore([x, y], MARKET.mark).map((r) => r.candidate.id)).toEqual(['a000007', 'a000008']);
    expect([...bitmexRanking([x, y], MARKET.mark)].map((r) => r.candidate.id)).toEqual(['a000007', 'a000008']);
  });

  it('orders scores that differ in the 30th digit, beyond any float (the exact fallback)', () => {
    // Positive PNL%: score = q(m − e)m/(eE) with q = −1, m = 100, e = 200: (−1)(−100)(100)/(200·E)
    // = 50/E. E = 10 and E = 10 + 10^−29: 5 > 50/(10 + 10^−29).
    const hi = c('a000002', '-1', '200', '10');
    const lo = c('a000001', '-1', '200', '10.00000000000000000000000000001');
    expect(rankByBitmexScore([lo, hi], MARKET.mark).map((r) => r.candidate.id)).toEqual(['a000002', 'a000001']);
    expect([...bitmexRanking([lo, hi], MARKET.mark)].map((r) => r.candidate.id)).toEqual(['a000002', 'a000001']);
  });
});

describe('deleverage', () => {
  it('reduces B as far as its equity allows, then A by the lots that cover the rest, the excess to the fund', () => {
    // s = 22.8: ⌈22.8/0.5⌉ = 46 lots needed. B: 50 lots by size, ⌊20/0.5⌋ = 40 by equity → 40
    // lots = 4, transfer 20, rest 2.8. A: ⌈2.8/0.5⌉ = 6 lots = 0.6, transfer 3, rest −0.2.
    // Residues: B: −1·4·(100 − 110) − 20 = 20 exactly; A: −1·0.6·(100 − 120) − 3 = 9 exactly: 0.
    // toFund = 0.2 + 0.
    expect(wire(deleverage(input('22.8')))).toEqual({
      side: 'long',
      bankruptcyPrice: '105',
      spread: '5',
      owed: '22.8',
      reductions: [
        ['a000002', '4', '20', '2.272727272727272727'],
        ['a000001', '0.6', '3', '0.333333333333333333'],
      ],
      toFund: '0.2',
      unpaid: '0',
    });
  });

  it('leaves unpaid what every counterparty together cannot pay', () => {
    // s = 1000. B 40 lots → 20; A by size 20 lots (2), by equity 200 → 2, transfer 10; C by size
    // 10 lots (1), by equity 100 → 1, transfer 5. Paid 35, unpaid 965. Residues all 0
    // (A: 2·20 − 10 = 30; C: −1·1·10 − 5 = −15).
    const e = wire(deleverage(input('1000')));
    expect(e.reductions).toEqual([
      ['a000002', '4', '20', '2.272727272727272727'],
      ['a000001', '2', '10', '0.333333333333333333'],
      ['a000003', '1', '5', '-0.055555555555555555'],
    ]);
    expect([e.toFund, e.unpaid]).toEqual(['0', '965']);
  });

  it('rounds the bankruptcy price away from the mark: up for a long, down for a short', () => {
    // Long: κ = −1050.55 → −κ/q = 105.055 → ⌈·⌉ = 105.1, g = 5.1.
    const long = deleverage(input('1', { bankrupt: { id: 'x', size: d('10'), cash: d('-1050.55') } }));
    expect([toCanonical(long.bankruptcyPrice), toCanonical(long.spread)]).toEqual(['105.1', '5.1']);
    // Short −10 with κ = 963.35: −κ/q = 96.335 → ⌊·⌋ = 96.3 < 100, g = 3.7; the longs pay: only L
    // (3 at 95, E 1000: PNL% 5/95 > 0). ⌈1/(0.1·3.7)⌉ = ⌈2.70…⌉ = 3 lots = 0.3, transfer 1.11,
    // toFund 0.11 + residue (1·0.3·(100 − 95) − 1.11 = 0.39, exact: 0).
    const short = wire(deleverage(input('1', { bankrupt: { id: 'x', size: d('-10'), cash: d('963.35') } })));
    expect(short.side).toBe('short');
    expect([short.bankruptcyPrice, short.spread, short.toFund, short.unpaid]).toEqual(['96.3', '3.7', '0.11', '0']);
    expect(short.reductions.map((r) => [r[0], r[1], r[2]])).toEqual([['a000004', '0.3', '1.11']]);
  });

  it('does not run when the spread is zero or the bankruptcy price is not beyond the mark', () => {
    // κ = −1000: P_b = 100 = m, g = 0.
    const flat = wire(deleverage(input('7', { bankrupt: { id: 'x', size: d('10'), cash: d('-1000') } })));
    expect([flat.bankruptcyPrice, flat.spread, flat.reductions.length, flat.toFund, flat.unpaid]).toEqual(['100', '0', 0, '0', '7']);
    // κ = −900: P_b = 90 below the mark: a long with positive equity at m, no spread to pay.
    const inside = wire(deleverage(input('7', { bankrupt: { id: 'x', size: d('10'), cash: d('-900') } })));
    expect([inside.bankruptcyPrice, inside.reductions.length, inside.unpaid]).toEqual(['90', 0, '7']);
  });

  it('sends the collateral floor residue to the fund', () => {
    // lot 0.001, mark 100, the bankrupt long 1 with κ = −101: P_b = 101, g = 1, ℓ·g = 0.001.
    // One short S: −0.007 at 100.3333, collateral 9.99, E = 9.99 + (−0.007)(100 − 100.3333)
    // = 9.99 + 0.0023331 = 9.9923331. s = 0.0045 → 5 lots = 0.005, transfer 0.005, excess 0.0005.
    // Change = −1·0.005·(−0.3333) − 0.005 = 0.0016665 − 0.005 = −0.0033335 → ⌊·⌋_0.01 = −0.01,
    // residue 0.0066665. toFund = 0.0005 + 0.0066665 = 0.0071665.
    const S = c('a000001', '-0.007', '100.3333', '9.9923331');
    const e = deleverage({ bankrupt: { id: 'x', size: d('1'), cash: d('-101') }, owed: d('0.0045'), mark: d('100'), lot: d('0.001'), tick: d('0.1'), unit: d('0.01'), candidates: [S] });
    expect(wire(e).reductions.map((r) => [r[0], r[1], r[2]])).toEqual([['a000001', '0.005', '0.005']]);
    expect(toCanonical(e.toFund)).toBe('0.0071665');
    const account: AccountState = { id: 'a000001', collateral: d('9.99'), size: d('-0.007'), entry: d('100.3333'), isolated: false };
    const after = applyReduction(account, e.reductions[0]!, d('100'), d('0.01'));
    expect([toCanonical(after.collateral), toCanonical(after.size), toCanonical(after.residue)]).toEqual(['9.98', '-0.002', '0.0066665']);
  });

  it('takes a lot less when the floor residue would leave the counterparty below zero equity', () => {
    // lot 0.001, mark 100, g = 1 (as above). S: −2 at 100.0005, collateral 0.01, E = 0.01 +
    // (−2)(−0.0005) = 0.011: ⌊0.011/0.001⌋ = 11 lots by equity. At 11 lots (0.011, transfer 0.011)
    // the change is 0.011·0.0005 − 0.011 = −0.0109945 → −0.02, residue 0.0090055 > E − 0.011 = 0:
    // negative equity. At 10 lots: 0.01·0.0005 − 0.01 = −0.009995 → −0.01, residue 0.000005 ≤
    // 0.001. So 0.01 is paid, 0.99 of s = 1 stays unpaid.
    const S = c('a000001', '-2', '100.0005', '0.011');
    const e = deleverage({ bankrupt: { id: 'x', size: d('1'), cash: d('-101') }, owed: d('1'), mark: d('100'), lot: d('0.001'), tick: d('0.1'), unit: d('0.01'), candidates: [S] });
    expect(wire(e).reductions.map((r) => [r[1], r[2]])).toEqual([['0.01', '0.01']]);
    expect([toCanonical(e.unpaid), toCanonical(e.toFund)]).toEqual(['0.99', '0.000005']);
    const after = applyReduction({ id: 'a000001', collateral: d('0.01'), size: d('-2'), entry: d('100.0005'), isolated: false }, e.reductions[0]!, d('100'), d('0.01'));
    // Equity after: 0 + (−1.99)(100 − 100.0005) = 0.000995 ≥ 0.
    expect(toCanonical(after.collateral.add(after.size.mul(d('100').sub(d('100.0005')))))).toBe('0.000995');
  });

  it('passes over a counterparty whose equity cannot pay one lot', () => {
    // lot 0.1, g = 5: one lot costs 0.5. P (score first: −1 at 200, E 0.4: PNL% 1/2, EffLev 250)
    // pays ⌊0.4/0.5⌋ = 0 lots and is not listed; A (score 1/3) pays s = 1 with 2 lots.
    const P = c('a000010', '-1', '200', '0.4');
    const e = wire(deleverage(input('1', { candidates: [A, P] })));
    expect(e.reductions.map((r) => [r[0], r[1], r[2]])).toEqual([['a000001', '0.2', '1']]);
  });

  it('uses a given ranking function in its order', () => {
    // A ranking that puts C first: C pays ⌈1/0.5⌉ = 2 lots = 0.2, transfer 1.
    const reversed: RankFn = (cs, m) => [...rankByBitmexScore(cs, m)].reverse();
    const e = wire(deleverage(input('1'), reversed));
    expect(e.reductions).toEqual([['a000003', '0.2', '1', '-0.055555555555555555']]);
  });
});

describe('deleverage with a lazy ranking', () => {
  it('reads an iterable ranking only as far as the loss needs', () => {
    // s = 22.8 is paid by B and A (first case above): the third entry must never be pulled.
    let pulled = 0;
    const lazy = () =>
      (function* () {
        for (const r of rankByBitmexScore([A, B, C], MARKET.mark)) {
          pulled++;
          if (pulled > 2) throw new Error('read past the reduced prefix');
          yield r;
        }
      })();
    const e = wire(deleverage(input('22.8'), lazy));
    expect(e.reductions.map((r) => r[0])).toEqual(['a000002', 'a000001']);
    expect(pulled).toBe(2);
  });
});

describe('applyReduction', () => {
  it('moves a long counterparty toward zero by the reduced size, with its realized PnL less the transfer', () => {
    // Long 3 at 95, collateral 200, reduced by 0.3 with transfer 1.11 at m = 100:
    // change = 0.3·(100 − 95) − 1.11 = 0.39; collateral 200.39, size 2.7, residue 0.
    const r = applyReduction({ id: 'a', collateral: d('200'), size: d('3'), entry: d('95'), isolated: true }, { account: 'a', size: d('0.3'), transfer: d('1.11'), score: d('0') }, d('100'), d('0.01'));
    expect([toCanonical(r.collateral), toCanonical(r.size), toCanonical(r.residue)]).toEqual(['200.39', '2.7', '0']);
  });
});
