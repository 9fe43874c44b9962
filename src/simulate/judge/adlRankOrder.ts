import { ceilDiv, Dec, dmin, floorDiv, floorTo } from '../../model/decimal.ts';
import { adlTerms } from './adlPayable.ts';
import { equityAt, type Candidate, type JudgedAccount } from './replayTrace.ts';
import type { LedgerAccount } from './referenceOracle.ts';
import { Findings, type SystemInvariant } from './systemInvariant.ts';

/** An exact BitMEX score `num/den` (den > 0), S9. */
interface Score {
  readonly num: Dec;
  readonly den: Dec;
}

/** A ranked counterparty: its exact equity and score at the ADL's mark. */
export interface RankedCandidate {
  readonly id: string;
  readonly state: LedgerAccount;
  readonly equity: Dec;
  readonly score: Score;
}

const TEN18 = new Dec(10).pow(18);
/** float scores closer than this (relative) are ordered exactly; a float's error is ≈ 10^−15 */
const NEAR = 1e-9;

/** S9's score at mark m, as an exact fraction. */
function scoreOf(q: Dec, e: Dec, equity: Dec, m: Dec): Score {
  const diff = m.sub(e);
  // PNL% = side·(m − e)/e > 0 ⇔ q·(m − e) > 0
  if (q.mul(diff).gt(0)) return { num: q.mul(diff).mul(m), den: e.mul(equity) };
  return { num: diff.mul(q.gt(0) ? 1 : -1).mul(equity), den: e.mul(q.abs()).mul(m) };
}

function compare(a: Score, b: Score): number {
  return a.num.mul(b.den).cmp(b.num.mul(a.den));
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function floatsOf(s: LedgerAccount): { readonly cf: number; readonly qf: number; readonly ef: number } {
  return 'qf' in s ? (s as JudgedAccount) : { cf: s.collateral.toNumber(), qf: s.size.toNumber(), ef: s.entry.toNumber() };
}

/** A binary max-heap of candidate indices by float score (ties: the lower index, i.e. start order). */
class MaxHeap {
  private readonly h: number[] = [];
  constructor(private readonly f: Float64Array) {}
  get size(): number {
    return this.h.length;
  }
  private above(a: number, b: number): boolean {
    return this.f[a]! > this.f[b]! || (this.f[a] === this.f[b] && a < b);
  }
  /** builds the heap of `items` at once, O(n) */
  fill(items: readonly number[]): void {
    this.h.push(...items);
    for (let k = (this.h.length >> 1) - 1; k >= 0; k--) this.down(k);
  }
  push(i: number): void {
    const h = this.h;
    h.push(i);
    let k = h.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!this.above(h[k]!, h[p]!)) break;
      [h[k], h[p]] = [h[p]!, h[k]!];
      k = p;
    }
  }
  peek(): number | undefined {
    return this.h[0];
  }
  pop(): number | undefined {
    const h = this.h;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      this.down(0);
    }
    return top;
  }
  private down(k: number): void {
    const h = this.h;
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < h.length && this.above(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.above(h[r]!, h[m]!)) m = r;
      if (m === k) return;
      [h[k], h[m]] = [h[m]!, h[k]!];
      k = m;
    }
  }
}

/**
 * The judge's own S9 ranking of `candidates` (the other side's accounts) at mark m: those with
 * E > 0, highest score first, ties by id, lazily. Float estimates order the candidates through a
 * heap (a walk over the first few costs O(n) float work, not an exact sort of all); a run of
 * estimates within a relative 10^−9 is ordered exactly by cross-multiplication before it is
 * yielded, so the order is S9's exact one.
 */
export function* judgeRanking(candidates: readonly Candidate[], m: Dec): Generator<RankedCandidate, void, undefined> {
  const mf = m.toNumber();
  const f = new Float64Array(candidates.length);
  const heap = new MaxHeap(f);
  const ranked: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const x = floatsOf(c.state);
    const ef = x.cf + x.qf * (mf - x.ef);
    const scale = Math.abs(x.cf) + Math.abs(x.qf) * (mf + x.ef);
    if (ef < -NEAR * scale) continue;
    if (ef <= NEAR * scale && !equityAt(c.state, m).gt(0)) continue;
    f[i] = x.qf * (mf - x.ef) > 0 ? (x.qf * (mf - x.ef) * mf) / (x.ef * ef) : (Math.sign(x.qf) * (mf - x.ef) * ef) / (x.ef * Math.abs(x.qf) * mf);
    ranked.push(i);
  }
  heap.fill(ranked);
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= NEAR * Math.max(Math.abs(a), Math.abs(b));
  while (heap.size > 0) {
    const group: RankedCandidate[] = [];
    let last = f[heap.peek()!]!;
    while (heap.size > 0 && near(last, f[heap.peek()!]!)) {
      const i = heap.pop()!;
      last = f[i]!;
      const c = candidates[i]!;
      const equity = equityAt(c.state, m);
      if (equity.gt(0)) group.push({ id: c.id, state: c.state, equity, score: scoreOf(c.state.size, c.state.entry, equity, m) });
    }
    group.sort((a, b) => compare(b.score, a.score) || byId(a.id, b.id));
    yield* group;
  }
}

/** The ranking as an array (tests, small inputs). */
export function judgeRankingOf(candidates: readonly Candidate[], m: Dec): RankedCandidate[] {
  return [...judgeRanking(candidates, m)];
}

/**
 * SYS-004 — ADL in ranking order. The judge ranks the other side itself from its ledger (exact
 * fractions by cross-multiplication) and replays S9's amounts, so both the order and each
 * counterparty's reduction are compared.
 * @see docs/simulation.md#s9-auto-deleveraging
 */
export const adlRankOrder: SystemInvariant = {
  id: 'SYS-004',
  title: 'ADL in ranking order',
  statement: 'The counterparties an ADL reduces are, in order, those S9 picks from its ranking at that moment (the other side with E > 0, by BitMEX score, ties by id), each reduced by S9\'s n_c·ℓ: all but the last as far as size and equity allow, one that cannot pay a lot passed over; each reported score is the exact score truncated to 18 digits.',
  domain: 'ADL events that can pay (P_b beyond the mark).',
  presumes: [],
  wrongSimulator: 'adl-by-profit',
  spec: '#s9-auto-deleveraging',
  check: (r) => {
    const f = new Findings('SYS-004');
    for (const a of r.adls) {
      const t = adlTerms(r, a);
      if (!t.payable || t.spread.isZero()) continue;
      f.saw();
      const e = a.event;
      const m = a.mark;
      const g = t.spread;
      const lg = r.lot.mul(g);
      // the other side, from the snapshot (a float's sign is its decimal's)
      const other: Candidate[] = [];
      const { ids, states } = a.snapshot;
      for (let i = 0; i < ids.length; i++) {
        const x = states[i]!;
        if (ids[i] !== e.bankrupt && (t.side > 0 ? x.qf < 0 : x.qf > 0)) other.push({ id: ids[i]!, state: x });
      }
      const walked: string[] = [];
      const expected: { id: string; size: Dec; score: Score }[] = [];
      let rest = new Dec(e.owed);
      for (const c of judgeRanking(other, m)) {
        if (!rest.gt(0)) break;
        const score = c.score;
        if (walked.length < 4) walked.push(c.id);
        let n = dmin(dmin(ceilDiv(rest, lg), floorDiv(c.state.size.abs(), r.lot)), floorDiv(c.equity, lg));
        const sg = c.state.size.gt(0) ? 1 : -1;
        while (n.gt(0)) {
          const size = n.mul(r.lot);
          const x = size.mul(sg).mul(m.sub(c.state.entry)).sub(size.mul(g));
          const residue = x.sub(floorTo(x, r.unit));
          if (!c.equity.sub(size.mul(g)).sub(residue).isNeg()) break;
          n = n.sub(1);
        }
        if (!n.gt(0)) continue;
        expected.push({ id: c.id, size: n.mul(r.lot), score });
        rest = rest.sub(n.mul(lg));
      }
      const got = a.reductions;
      const len = Math.max(expected.length, got.length);
      for (let i = 0; i < len; i++) {
        const x = expected[i];
        const y = got[i];
        if (x === undefined || y === undefined || x.id !== y.account || !x.size.eq(y.size)) {
          const want = x === undefined ? 'nothing' : `${x.id} by ${x.size.toString()}`;
          const had = y === undefined ? 'nothing' : `${y.account} by ${y.size.toString()}`;
          f.add(e.step, `reduction ${i + 1}: S9's ranking reduces ${want}, the ADL reduced ${had} (ranked: ${walked.join(', ')}…)`, { round: e.round, party: y?.account ?? x?.id ?? e.bankrupt });
          break;
        }
        const truncated = x.score.num.mul(TEN18).divToInt(x.score.den).div(TEN18);
        if (!truncated.eq(y.score)) f.add(e.step, `score of ${y.account} reported ${y.score.toString()}, exact ${truncated.toString()}`, { round: e.round, party: y.account });
      }
    }
    return f.outcome();
  },
};
