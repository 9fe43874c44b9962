/**
 * The honest prover of the circuit-friendly profile (spec §15.8): an independent bigint
 * implementation of the single-position minimal-close rules in the profile's integer form, which
 * computes the claim and every hint the circuit needs.
 *
 * @remarks Why independent: the circuit engine is judged against the reference (src/model/), so
 * its prover must not be the reference; it reads only the integer form (circuitForm.ts) and
 * computes every rounding as the explicit integer quotient the relation checks. The close size is
 * found as §6.3 says on the lot grid — an exact ceiling quotient per bracket of the remainder —
 * and then, by the per-lot gain condition (§15.3), at most one rounding step.
 * @see docs/spec.md#15-circuit-friendly-profile
 */
import type { CircuitForm } from './circuitForm.ts';
import { K, S, type CircuitInputs } from './layout.ts';

/** The claim: the public outcome the proof is about (spec §15.4), amounts at scale 26. */
export interface Claim {
  /** 0 healthy, 1 partial, 2 full, 3 bankrupt */
  readonly status: 0 | 1 | 2 | 3;
  readonly closeLots: bigint;
  readonly penalty: bigint;
  readonly liquidatorFee: bigint;
  readonly realizedPnl: bigint;
  readonly insurancePayout: bigint;
  readonly badDebt: bigint;
}

/** The private hints (layout.ts names), as integers. */
export interface Hints {
  readonly tierBefore: readonly bigint[];
  readonly tierA: readonly bigint[];
  readonly tierB: readonly bigint[];
  readonly tierC: readonly bigint[];
  readonly stepSel: readonly bigint[];
  readonly pnlQ: bigint;
  readonly penQ: bigint;
  readonly capQ: bigint;
  readonly capNeg: bigint;
  readonly capped: bigint;
  readonly feeQ: bigint;
  readonly fundQ: bigint;
  readonly payCapped: bigint;
  readonly maxLots: bigint;
  readonly aPnlQ: bigint;
  readonly aPenQ: bigint;
  readonly minBit: bigint;
  readonly bPnlQ: bigint;
  readonly bPenQ: bigint;
}

export interface Witness {
  readonly claim: Claim;
  readonly hints: Hints;
}

export type Status = Claim['status'];

const E8 = 10n ** 8n;
const E16 = 10n ** 16n;

/** ⌊a / b⌋ for b > 0 (toward −∞). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** ⌈a / b⌉ for b > 0 (toward +∞). */
export function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/**
 * The quantities of one form every part of the prover reads: notionals, the requirement curve,
 * equity, the penalty step; each at the scale of spec §15.2.
 */
export class Valuation {
  readonly n: bigint;
  /** ℓ·P, the notional of one lot (scale 26) */
  readonly lotNotional: bigint;
  readonly sign: bigint;
  /** E (scale 26) */
  readonly equity: bigint;
  /** MM before (scale 34) */
  readonly mm0: bigint;
  /** the step index when liquidatable (else the first step, never used) */
  readonly step: number;
  /** f at scale 8 */
  readonly rate: bigint;
  readonly liquidatable: boolean;

  constructor(readonly form: CircuitForm) {
    const p = form.position!;
    this.n = p.lots;
    this.lotNotional = form.lot * form.mark;
    this.sign = p.side === 1 ? 1n : -1n;
    this.equity = form.collateral + this.pnl(this.n);
    this.mm0 = this.mm(this.rem(0n));
    const e8 = this.equity * E8;
    this.liquidatable = this.n > 0n && (form.strict ? e8 < this.mm0 : e8 <= this.mm0);
    // §5.1: the last step with E ≤ m·MM, walking the schedule in order.
    let step = -1;
    for (let s = 0; s < form.steps.length; s++) {
      if (this.equity * E16 <= form.steps[s]!.ratio * this.mm0) step = s;
      else break;
    }
    this.step = Math.max(step, 0);
    this.rate = form.steps[this.step]!.rate;
  }

  /** notional of the remainder after k lots (scale 26) */
  rem(k: bigint): bigint {
    return (this.n - k) * this.lotNotional;
  }

  /** exact PnL of closing k lots at mark (scale 26) */
  pnl(k: bigint): bigint {
    return this.sign * k * this.form.lot * (this.form.mark - this.form.position!.entry);
  }

  /** the bracket of notional N: the largest k with L_k ≤ N (§3) */
  tier(N: bigint): number {
    let k = 0;
    while (k + 1 < this.form.tiers.length && this.form.tiers[k + 1]!.floor <= N) k++;
    return k;
  }

  mm(N: bigint): bigint {
    const t = this.form.tiers[this.tier(N)]!;
    return N * t.rate - t.cum;
  }

  target(N: bigint): bigint {
    return this.mm(N) + this.form.buffer * N;
  }

  /** exact slack g(k) at scale 34 (§6.3 with c = 0) */
  slack(k: bigint): bigint {
    return this.equity * E8 - this.rate * k * this.lotNotional - this.target(this.rem(k));
  }

  /** the quotient hints of the fill of k lots: ⌊X/u⌋ and ⌈f·k·ℓ·P / u⌉ */
  rounding(k: bigint): { readonly pnlQ: bigint; readonly penQ: bigint } {
    const u = this.form.unit;
    return { pnlQ: floorDiv(this.pnl(k), u), penQ: ceilDiv(this.rate * k * this.lotNotional, u * E8) };
  }

  /** rounded slack ĝ(k) at scale 34, uncapped penalty (§6.3) */
  roundedSlack(k: bigint, pnlQ: bigint, penQ: bigint): bigint {
    const u = this.form.unit;
    return (this.equity - (this.pnl(k) - pnlQ * u) - penQ * u) * E8 - this.target(this.rem(k));
  }

  meets(x: bigint): boolean {
    return this.form.strict ? x >= 0n : x > 0n;
  }

  /** the largest lot count < n whose remainder is not dust, or 0 */
  maxLots(): bigint {
    if (this.n <= 1n) return 0n;
    const keep = ceilDiv(this.form.dust, this.lotNotional); // lots a non-dust remainder needs
    const most = this.n - (keep > 1n ? keep : 1n);
    return most > 0n ? most : 0n;
  }

  /**
   * The smallest j in 1…n−1 with exact g(j·ℓ) ≥ 0, or null: §6.3's walk on the lot grid, one exact
   * ceiling quotient per bracket of the remainder.
   */
  firstLot(): bigint | null {
    const { tiers, buffer } = this.form;
    let j = 1n;
    for (;;) {
      if (j >= this.n) return null;
      const s = this.slack(j);
      if (s >= 0n) return j;
      const t = this.tier(this.rem(j));
      const perLot = this.lotNotional * (tiers[t]!.rate + buffer - this.rate);
      if (perLot <= 0n) return null; // outside the profile's gain condition: g never recovers
      const next = j + ceilDiv(-s, perLot);
      // the last lot whose remainder is still in bracket t: (n − j)·ℓ·P ≥ L_t
      const end = t === 0 ? this.n : this.n - ceilDiv(tiers[t]!.floor, this.lotNotional);
      if (next <= end) return next < this.n ? next : null;
      j = end + 1n;
    }
  }
}

/** The honest outcome's status and close size (§6, single position). */
export function honestClose(v: Valuation): { readonly status: Status; readonly closeLots: bigint } {
  return v.liquidatable ? closeOf(v) : { status: 0, closeLots: 0n };
}

/**
 * The close §6.3 makes of the position at the valuation's penalty rate, whether or not the group
 * is liquidatable (a forced claim on a healthy group uses it).
 */
export function closeOf(v: Valuation): { readonly status: Exclude<Status, 0>; readonly closeLots: bigint } {
  const j0 = v.firstLot();
  const dust = v.form.dust;
  // The rounding step: under the gain condition (§15.3) j0 + 1 meets whenever j0 misses.
  if (j0 !== null) {
    for (const j of [j0, j0 + 1n]) {
      if (j >= v.n || v.rem(j) < dust) break;
      const r = v.rounding(j);
      if (v.meets(v.roundedSlack(j, r.pnlQ, r.penQ))) return { status: 1, closeLots: j };
      if (j > j0 && v.liquidatable) throw new Error('internal: the rounding step missed the target (the per-lot gain condition does not hold)');
    }
  }
  const fill = fillOf(v, v.n);
  return { status: fill.after < 0n ? 3 : 2, closeLots: v.n };
}

/**
 * A forced change of a claim's amounts, in quote units (alternatives.ts): the quotient hint that
 * defines the amount moves, and every amount downstream of it is recomputed from the moved one.
 */
export interface Tweak {
  readonly pnl?: bigint;
  readonly penalty?: bigint;
  readonly fee?: bigint;
  readonly payout?: bigint;
}

/** The fill of j lots (§7.2–§7.5) with its quotient hints, optionally forced by `t`. */
export function fillOf(v: Valuation, j: bigint, t: Tweak = {}) {
  const { unit: u, share, collateral, fund } = v.form;
  const r = v.rounding(j);
  const pnlQ = r.pnlQ + (t.pnl ?? 0n);
  const R = pnlQ * u;
  const rho = v.pnl(j) - R;
  let capQ = floorDiv(v.equity - rho, u);
  let penQ = r.penQ;
  const capM0 = capQ < 0n ? 0n : capQ;
  // A forced penalty moves the quotient that sets it: the uncapped one, or the cap when it binds.
  if (capM0 < penQ) capQ += t.penalty ?? 0n;
  else penQ += t.penalty ?? 0n;
  const capNeg = capQ < 0n ? 1n : 0n;
  const capM = capNeg === 1n ? 0n : capQ;
  const capped = capM < penQ ? 1n : 0n;
  const penalty = (capped === 1n ? capM : penQ) * u;
  const feeQ = floorDiv(penalty * share, u * E8) + (t.fee ?? 0n);
  const fee = feeQ * u;
  const after = collateral + R - penalty;
  const fundAfter = fund + penalty - fee + rho;
  return { pnlQ, penQ, R, rho, capQ, capNeg, capped, penalty, feeQ, fee, after, fundAfter };
}

const zeros = (k: number): bigint[] => Array.from({ length: k }, () => 0n);

function oneHot(k: number, index: number): bigint[] {
  const out = zeros(k);
  out[index] = 1n;
  return out;
}

/**
 * The witness of the claim `(status, closeLots)` with every amount and hint computed as the rules
 * say for that close: the honest witness when the pair is the honest one, and a consistently
 * forced one otherwise (alternatives.ts).
 */
export function witnessOf(v: Valuation, status: Status, closeLots: bigint, tweak: Tweak = {}): Witness {
  const tierBefore = oneHot(K, v.tier(v.rem(0n)));
  const none: Hints = {
    tierBefore, tierA: zeros(K), tierB: zeros(K), tierC: zeros(K), stepSel: zeros(S),
    pnlQ: 0n, penQ: 0n, capQ: 0n, capNeg: 0n, capped: 0n, feeQ: 0n, fundQ: 0n, payCapped: 0n,
    maxLots: 0n, aPnlQ: 0n, aPenQ: 0n, minBit: 0n, bPnlQ: 0n, bPenQ: 0n,
  };
  if (status === 0) {
    return { claim: { status, closeLots, penalty: 0n, liquidatorFee: 0n, realizedPnl: 0n, insurancePayout: 0n, badDebt: 0n }, hints: none };
  }
  const u = v.form.unit;
  const f = fillOf(v, closeLots, tweak);
  const bankrupt = status === 3;
  const D = bankrupt ? -f.after : 0n;
  let fundQ = bankrupt ? floorDiv(f.fundAfter, u) : 0n;
  let payCapped = bankrupt && fundQ * u < D ? 1n : 0n;
  let payout = bankrupt ? (payCapped === 1n ? fundQ * u : D) : 0n;
  if (tweak.payout !== undefined) {
    // A forced payout: the hints that come closest to it (capped by the fund when below D).
    payout += tweak.payout * u;
    if (bankrupt && payout < D) {
      payCapped = 1n;
      fundQ = floorDiv(payout, u);
    } else payCapped = 0n;
  }
  let h: Hints = {
    ...none,
    stepSel: oneHot(S, v.step),
    pnlQ: f.pnlQ, penQ: f.penQ, capQ: f.capQ, capNeg: f.capNeg, capped: f.capped, feeQ: f.feeQ, fundQ, payCapped,
  };
  const tierAt = (k: bigint): bigint[] => oneHot(K, v.tier(v.rem(k)));
  if (status === 1) {
    const j = closeLots;
    h = { ...h, tierA: tierAt(j), aPnlQ: f.pnlQ, aPenQ: f.penQ };
    if (j >= 2n) {
      const w = v.meets(v.slack(j - 1n)) ? 1n : 0n;
      h = { ...h, tierB: tierAt(j - 1n), minBit: w };
      if (w === 1n) {
        const r = v.rounding(j - 1n);
        h = { ...h, bPnlQ: r.pnlQ, bPenQ: r.penQ };
        if (j >= 3n) h = { ...h, tierC: tierAt(j - 2n) };
      }
    }
  } else {
    const a = v.maxLots();
    h = { ...h, maxLots: a };
    if (a >= 1n) {
      const r = v.rounding(a);
      h = { ...h, tierA: tierAt(a), aPnlQ: r.pnlQ, aPenQ: r.penQ };
      if (a >= 2n) h = { ...h, tierB: tierAt(a - 1n) };
    }
  }
  return {
    claim: { status, closeLots, penalty: f.penalty, liquidatorFee: f.fee, realizedPnl: f.R, insurancePayout: payout, badDebt: D },
    hints: h,
  };
}

/** The honest witness of a form with a position. */
export function honestWitness(form: CircuitForm): Witness {
  const v = new Valuation(form);
  const { status, closeLots } = honestClose(v);
  return witnessOf(v, status, closeLots);
}

const str = (x: bigint): string => x.toString();

/** The circuit's input JSON (layout.ts names) of a form, a claim and its hints. */
export function inputsOf(form: CircuitForm, w: Witness, salt = 0n): CircuitInputs {
  const p = form.position!;
  const pad = <T>(xs: readonly T[], k: number, get: (x: T) => bigint): string[] => Array.from({ length: k }, (_, i) => (i < xs.length ? str(get(xs[i]!)) : '0'));
  const { claim: c, hints: h } = w;
  return {
    strict: form.strict ? '1' : '0',
    unit: str(form.unit),
    lot: str(form.lot),
    tiers: String(form.tiers.length),
    tierFloor: pad(form.tiers, K, (t) => t.floor),
    tierRate: pad(form.tiers, K, (t) => t.rate),
    tierCum: pad(form.tiers, K, (t) => t.cum),
    steps: String(form.steps.length),
    stepRatio: pad(form.steps, S, (s) => s.ratio),
    stepRate: pad(form.steps, S, (s) => s.rate),
    buffer: str(form.buffer),
    share: str(form.share),
    dust: str(form.dust),
    mark: str(form.mark),
    fund: str(form.fund),
    status: String(c.status),
    closeLots: str(c.closeLots),
    penalty: str(c.penalty),
    liquidatorFee: str(c.liquidatorFee),
    realizedPnl: str(c.realizedPnl),
    insurancePayout: str(c.insurancePayout),
    badDebt: str(c.badDebt),
    collateral: str(form.collateral),
    side: String(p.side),
    lots: str(p.lots),
    entry: str(p.entry),
    salt: str(salt),
    tierBefore: h.tierBefore.map(str),
    tierA: h.tierA.map(str),
    tierB: h.tierB.map(str),
    tierC: h.tierC.map(str),
    stepSel: h.stepSel.map(str),
    pnlQ: str(h.pnlQ),
    penQ: str(h.penQ),
    capQ: str(h.capQ),
    capNeg: str(h.capNeg),
    capped: str(h.capped),
    feeQ: str(h.feeQ),
    fundQ: str(h.fundQ),
    payCapped: str(h.payCapped),
    maxLots: str(h.maxLots),
    aPnlQ: str(h.aPnlQ),
    aPenQ: str(h.aPenQ),
    minBit: str(h.minBit),
    bPnlQ: str(h.bPnlQ),
    bPenQ: str(h.bPenQ),
  };
}
