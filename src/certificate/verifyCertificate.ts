/**
 * The standalone verifier of a liquidation certificate (spec §14): (scenario, result, certificate)
 * → accepted, or the failed claims with their paths.
 *
 * @remarks Why it is written this way: it is the template other teams port to Solidity, Rust or a
 * circuit. It replays the result's own fills group by group with integer additions, subtractions,
 * multiplications and comparisons only — every rounding of the result is checked as the range it
 * must lie in, every search the model does (a tier bracket, a penalty step, the minimal close) is
 * replaced by a witness of the certificate and one or two comparisons. No division, no decimal
 * library, no model: the scenario and result are read by src/certificate/integer.ts. It stops a
 * group at its first failure (the replay has diverged) and never throws on bad input.
 * @see docs/spec.md#14-liquidation-certificates
 */
import { Result as ResultSchema, type Result } from '../wire/result.ts';
import type { Fill } from '../wire/fill.ts';
import type { Snapshot } from '../wire/snapshot.ts';
import { Certificate as CertificateSchema, type Certificate, type CertificateAnchor, type CertificateFill, type CertificateGroup } from '../wire/certificate.ts';
import { validator } from '../wire/validate.ts';
import { readAt, readInteger, show, ten } from './integer.ts';
import { domainIssue, E18, E36, S, viewScenario, type GroupI, type ParamsI, type PositionI, type ScenarioView } from './scenarioView.ts';
import { exactSlack, meets, penaltyHolds, pnlHolds, remainderNotional, requirement, roundedSlack, tierHolds, type Decision } from './slack.ts';

/** What a failure is about: one row of the table of spec §14.4. */
export type Claim =
  | 'domain'
  | 'shape'
  | 'groups'
  | 'order'
  | 'tier'
  | 'trigger'
  | 'step'
  | 'fill'
  | 'pnl'
  | 'penalty'
  | 'split'
  | 'continue'
  | 'minimal'
  | 'full-close'
  | 'outcome'
  | 'snapshot'
  | 'account'
  | 'fund';

export interface CertificateFailure {
  readonly claim: Claim;
  readonly path: string;
  readonly expected: string;
  readonly received: string;
}

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly failures: readonly CertificateFailure[] };

const validateResult = validator(ResultSchema, 'result');
const validateCertificate = validator(CertificateSchema, 'certificate');

const SEVERITY = { healthy: 0, partial: 1, full: 2, bankrupt: 3 } as const;

/**
 * Checks `certificate` for `result` of `scenario`: `{ ok: true }` exactly when every claim of spec
 * §14.4 holds, which pins every field of the result to the reference's (spec §14.4).
 */
export function verifyCertificate(scenario: unknown, result: unknown, certificate: unknown): Verdict {
  const failures: CertificateFailure[] = [];
  try {
    verifyInto(scenario, result, certificate, failures);
  } catch (e) {
    // A safety net only: every input is validated before it is read.
    failures.push({ claim: 'shape', path: '', expected: 'inputs the verifier can read', received: String(e) });
  }
  return failures.length === 0 ? { ok: true } : { ok: false, failures };
}

function verifyInto(scenario: unknown, result: unknown, certificate: unknown, failures: CertificateFailure[]): void {
  const viewed = viewScenario(scenario);
  if (!viewed.ok) {
    failures.push({ claim: 'domain', path: viewed.out.path, expected: 'a scenario in the certificate domain (spec §14.1)', received: viewed.out.message });
    return;
  }
  const issue = domainIssue(viewed.view);
  if (issue !== undefined) {
    failures.push({ claim: 'domain', path: issue.path, expected: issue.expected, received: 'not so' });
    return;
  }
  const r = validateResult(result);
  const c = validateCertificate(certificate);
  for (const i of r.ok ? [] : r.issues) failures.push({ claim: 'shape', ...i });
  for (const i of c.ok ? [] : c.issues) failures.push({ claim: 'shape', ...i });
  if (!r.ok || !c.ok) return;
  new Replay(viewed.view, r.value, c.value, failures).run();
}

/** One position of the group being replayed: its current size and the bracket witness of it. */
interface Live {
  readonly p: PositionI;
  q: bigint;
  tier: number;
}

/** The replay of a result against a certificate, pushing failures. */
class Replay {
  private readonly p: ParamsI;
  /** next result fill to read */
  private cursor = 0;
  private fund: bigint;
  private payout = 0n;
  private badDebt = 0n;
  private collateral = 0n;
  private severity = 0;
  private readonly left = new Map<string, { q: bigint; entry: bigint; isolated: bigint | null }>();

  constructor(
    private readonly view: ScenarioView,
    private readonly result: Result,
    private readonly cert: Certificate,
    private readonly failures: CertificateFailure[],
  ) {
    this.p = view.params;
    this.fund = view.fund * E18;
  }

  private fail(claim: Claim, path: string, expected: string, received: string): false {
    this.failures.push({ claim, path, expected, received });
    return false;
  }

  /** A result decimal at `scale`, or a failure of `claim` when it is off that grid. */
  private num(text: string, scale: number, claim: Claim, path: string): bigint | undefined {
    const v = readAt(text, scale);
    if (v === undefined) this.fail(claim, path, `a decimal with at most ${scale} fraction digits`, text);
    return v;
  }

  /** A quote amount of the result: on the quote grid, returned at scale 18. */
  private quote(text: string, claim: Claim, path: string): bigint | undefined {
    const v = readAt(text, this.p.quoteScale);
    if (v === undefined) return void this.fail(claim, path, `a multiple of the quote unit 10^-${this.p.quoteScale}`, text);
    return v * ten(S - this.p.quoteScale);
  }

  private equal(claim: Claim, path: string, text: string, scale: number, want: bigint): boolean {
    const got = this.num(text, scale, claim, path);
    if (got === undefined) return false;
    return got === want || this.fail(claim, path, show(want, scale), text);
  }

  run(): void {
    const { groups } = this.view;
    if (this.cert.groups.length !== groups.length || this.result.groups.length !== groups.length) {
      this.fail('groups', 'certificate.groups', `${groups.length} groups (spec §4.1)`, `${this.cert.groups.length} in the certificate, ${this.result.groups.length} in the result`);
      return;
    }
    for (const [gi, g] of groups.entries()) if (!this.group(gi, g, this.cert.groups[gi]!)) return;
    this.totals();
  }

  private group(gi: number, g: GroupI, cg: CertificateGroup): boolean {
    const at = `certificate.groups[${gi}]`;
    const rg = this.result.groups[gi]!;
    if (cg.group !== g.id) return this.fail('groups', `${at}.group`, JSON.stringify(g.id), JSON.stringify(cg.group));
    if (rg.group !== g.id) return this.fail('groups', `result.groups[${gi}].group`, JSON.stringify(g.id), JSON.stringify(rg.group));
    const live = this.order(at, g, cg);
    if (live === undefined) return false;
    let C = g.collateral;
    const before = this.health(C, live);
    if (!this.snapshot(`result.groups[${gi}].before`, rg.before, before)) return false;

    const liquidatable = live.length > 0 && (this.p.strict ? before.E * E18 < before.MM : before.E * E18 <= before.MM);
    if (!liquidatable) {
      if (cg.step !== undefined || cg.fills.length > 0 || cg.payout !== undefined) return this.fail('trigger', at, 'a healthy group: no step, no fills, no payout', 'witnesses of a liquidation');
      if (rg.status !== 'healthy') return this.fail('trigger', `result.groups[${gi}].status`, 'healthy', rg.status);
      if (!this.snapshot(`result.groups[${gi}].after`, rg.after, before)) return false;
      this.keep(g, live, C);
      return true;
    }
    const rate = this.step(at, cg.step, before);
    if (rate === undefined) return false;
    if (cg.fills.length === 0 || cg.fills.length > live.length) return this.fail('trigger', `${at}.fills`, `1 to ${live.length} fills of a liquidatable group`, `${cg.fills.length}`);

    for (const [k, cf] of cg.fills.entries()) {
      const fpath = `${at}.fills[${k}]`;
      const rf = this.result.fills[this.cursor];
      if (rf === undefined) return this.fail('shape', 'result.fills', `a fill of group ${g.id}`, 'none left');
      const rpath = `result.fills[${this.cursor++}]`;
      const step = this.fill(fpath, rpath, cf, rf, live, k, C, rate);
      if (step === undefined) return false;
      C = step.C;
      const now = this.health(C, live);
      const open = live.some((x) => x.q !== 0n);
      const meetsNow = meets(this.p, now.E * E18 - now.T);
      if (k < cg.fills.length - 1) {
        if (!step.full || !open || meetsNow) return this.fail('continue', fpath, 'a full close after which the group misses the target (spec §6.2)', step.full ? 'the group met the target' : 'a partial close before the last fill');
      } else if (open && !meetsNow) {
        return this.fail('continue', fpath, 'the last fill: the group meets the target or is closed (spec §6.2)', 'the group misses the target with positions left');
      }
    }
    return this.outcome(gi, g, cg, live, C);
  }

  /** `order` and `tiers` (spec §14.3): the group's positions in §6.2 order, each with its bracket. */
  private order(at: string, g: GroupI, cg: CertificateGroup): Live[] | undefined {
    const n = g.positions.length;
    if (cg.order.length !== n || cg.tiers.length !== n) return void this.fail('order', `${at}.order`, `${n} positions with ${n} tiers`, `${cg.order.length} and ${cg.tiers.length}`);
    const seen = new Set<number>();
    const live: Live[] = [];
    for (const [k, idx] of cg.order.entries()) {
      const p = this.view.positions[idx];
      const member = p !== undefined && (g.id === 'cross' ? p.isolated === null : p.isolated !== null && p.market === g.id);
      if (!member || seen.has(idx)) return void this.fail('order', `${at}.order[${k}]`, `a position of group ${g.id}, once`, `${idx}`);
      seen.add(idx);
      const N = abs(p.q) * p.mark;
      if (!tierHolds(p.m.tiers, N, cg.tiers[k]!)) return void this.fail('tier', `${at}.tiers[${k}]`, `the bracket of notional ${show(N, 36)} (spec §3)`, `${cg.tiers[k]}`);
      const prev = live[k - 1];
      if (prev !== undefined) {
        const M = abs(prev.p.q) * prev.p.mark;
        if (M < N || (M === N && !(prev.p.market < p.market))) return void this.fail('order', `${at}.order[${k}]`, 'descending notional, ties by market id (spec §6.2)', `${p.market} after ${prev.p.market}`);
      }
      live.push({ p, q: p.q, tier: cg.tiers[k]! });
    }
    return live;
  }

  /** `E` (36), `MM` (54), `T` (54) of the group from the live sizes and their bracket witnesses. */
  private health(C: bigint, live: readonly Live[]): { E: bigint; MM: bigint; T: bigint } {
    let E = C * E18;
    let MM = 0n;
    let N = 0n;
    for (const x of live) {
      if (x.q === 0n) continue;
      const n = abs(x.q) * x.p.mark;
      E += x.q * (x.p.mark - x.p.entry);
      MM += requirement(x.p.m.tiers, n, x.tier);
      N += n;
    }
    return { E, MM, T: MM + this.p.buffer * N };
  }

  private snapshot(path: string, s: Snapshot, h: { E: bigint; MM: bigint; T: bigint }): boolean {
    if (!this.equal('snapshot', `${path}.equity`, s.equity, 36, h.E)) return false;
    if (!this.equal('snapshot', `${path}.maintenance`, s.maintenance, 54, h.MM)) return false;
    if (!this.equal('snapshot', `${path}.target`, s.target, 54, h.T)) return false;
    if (h.MM === 0n) return s.marginRatio === null || this.fail('snapshot', `${path}.marginRatio`, 'null (maintenance 0)', s.marginRatio);
    if (s.marginRatio === null) return this.fail('snapshot', `${path}.marginRatio`, 'a margin ratio', 'null');
    const mr = this.num(s.marginRatio, 18, 'snapshot', `${path}.marginRatio`);
    if (mr === undefined) return false;
    // ⌊E/MM⌋ on the 10^−18 grid as a range (scale 72)
    const e = h.E * E36;
    return (mr * h.MM <= e && e < (mr + 1n) * h.MM) || this.fail('snapshot', `${path}.marginRatio`, `⌊E/MM⌋ to 18 places of E ${show(h.E, 36)}, MM ${show(h.MM, 54)}`, s.marginRatio);
  }

  /** The step witness (spec §5.1): `E ≤ m_k·MM` and, if a next step exists, `E > m_{k+1}·MM`. */
  private step(at: string, k: number | undefined, h: { E: bigint; MM: bigint }): bigint | undefined {
    const steps = this.p.steps;
    if (k === undefined || k >= steps.length) return void this.fail('step', `${at}.step`, `a step index below ${steps.length}`, `${k}`);
    const e = h.E * E36;
    if (e > steps[k]!.maxMarginRatio * h.MM) return void this.fail('step', `${at}.step`, `a step with E ≤ maxMarginRatio·MM`, `${k}`);
    const next = steps[k + 1];
    if (next !== undefined && e <= next.maxMarginRatio * h.MM) return void this.fail('step', `${at}.step`, 'the last step with E ≤ maxMarginRatio·MM', `${k}`);
    return steps[k]!.rate;
  }

  /** One fill replayed: its fields, its decision, the new collateral; the live size updated. */
  private fill(at: string, rat: string, cf: CertificateFill, rf: Fill, live: Live[], k: number, C: bigint, rate: bigint): { C: bigint; full: boolean } | undefined {
    const x = live[k]!;
    const { p } = x;
    const long = x.q > 0n;
    const size = abs(x.q);
    if (rf.market !== p.market) return void this.fail('order', `${rat}.market`, `${p.market} (spec §6.2)`, rf.market);
    if (rf.side !== (long ? 'sell' : 'buy')) return void this.fail('fill', `${rat}.side`, long ? 'sell' : 'buy', rf.side);
    const lots = readInteger(cf.lots)!;
    const delta = this.num(rf.size, 18, 'fill', `${rat}.size`);
    if (delta === undefined) return undefined;
    if (lots < 1n || lots * p.m.lot !== delta || delta > size) return void this.fail('fill', `${rat}.size`, `lots·lot with 1 ≤ lots (lots = ${cf.lots}), at most ${show(size, 18)}`, rf.size);
    if (!this.equal('fill', `${rat}.notional`, rf.notional, 36, delta * p.mark)) return undefined;
    const price = this.price(`${at}.ticks`, cf, p, long);
    if (price === undefined || !this.equal('fill', `${rat}.price`, rf.price, 18, price)) return undefined;
    if (!this.equal('step', `${rat}.penaltyRate`, rf.penaltyRate, 18, rate)) return undefined;

    const d = this.decision(live, k, C, price, rate);
    const full = delta === size;
    if (!(full ? this.fullClose(at, cf, d) : this.minimal(at, cf, d, lots))) return undefined;

    const qc = long ? delta : -delta;
    const R = this.quote(rf.realizedPnl, 'pnl', `${rat}.realizedPnl`);
    if (R === undefined) return undefined;
    const exactPnl = qc * (price - p.entry);
    if (!(R * E18 <= exactPnl && exactPnl < (R + this.p.u) * E18)) return void this.fail('pnl', `${rat}.realizedPnl`, `⌊q_c·(x − e)⌋_u of ${show(exactPnl, 36)}`, rf.realizedPnl);
    const residue = exactPnl - R * E18;

    const pen = this.quote(rf.penalty, 'penalty', `${rat}.penalty`);
    if (pen === undefined) return undefined;
    const A = rate * delta * p.mark; // f·N_c, scale 54
    const beforePenalty = d.equity - qc * (p.mark - p.entry) + R * E18; // E⁻, scale 36
    const P54 = pen * E36;
    const u54 = this.p.u * E36;
    const withinEquity = pen === 0n || pen * E18 <= beforePenalty;
    const uncapped = P54 >= A && A > P54 - u54 && withinEquity;
    const capped = P54 < A && pen >= 0n && beforePenalty < (pen + this.p.u) * E18 && withinEquity;
    if (!uncapped && !capped) return void this.fail('penalty', `${rat}.penalty`, `min(⌈f·N_c⌉_u, max(0, ⌊E⁻⌋_u)) of f·N_c ${show(A, 54)}, E⁻ ${show(beforePenalty, 36)} (spec §7.3)`, rf.penalty);
    if (!full && !uncapped) return void this.fail('minimal', `${rat}.penalty`, 'a partial close meets the target with its uncapped penalty (spec §7.3)', rf.penalty);

    const lf = this.quote(rf.liquidatorFee, 'split', `${rat}.liquidatorFee`);
    if (lf === undefined) return undefined;
    const share = pen * this.p.share;
    if (!(lf * E18 <= share && share < (lf + this.p.u) * E18)) return void this.fail('split', `${rat}.liquidatorFee`, `⌊penalty·s⌋_u of ${show(share, 36)}`, rf.liquidatorFee);
    const fee = this.quote(rf.insuranceFee, 'split', `${rat}.insuranceFee`);
    if (fee === undefined) return undefined;
    if (fee !== pen - lf) return void this.fail('split', `${rat}.insuranceFee`, show(pen - lf, 18), rf.insuranceFee);

    x.q -= qc;
    this.fund += fee * E18 + residue;
    if (x.q === 0n ? cf.tierAfter !== 0 : !tierHolds(p.m.tiers, abs(x.q) * p.mark, cf.tierAfter)) {
      return void this.fail('tier', `${at}.tierAfter`, x.q === 0n ? '0 after a full close' : `the bracket of notional ${show(abs(x.q) * p.mark, 36)}`, `${cf.tierAfter}`);
    }
    x.tier = cf.tierAfter;
    return { C: C + R - pen, full };
  }

  /** `x = ticks·τ`, the §7.1 rounding of `P·(1 ∓ σ)` to the tick as a range. */
  private price(at: string, cf: CertificateFill, p: PositionI, long: boolean): bigint | undefined {
    const ticks = readInteger(cf.ticks)!;
    const tick = p.m.tick * E18;
    const target = p.mark * (long ? E18 - this.p.impact : E18 + this.p.impact); // scale 36
    const ok = long ? ticks * tick <= target && target < (ticks + 1n) * tick : (ticks - 1n) * tick < target && target <= ticks * tick;
    return ok ? ticks * p.m.tick : void this.fail('fill', at, `the execution price in ticks of P·(1 ${long ? '−' : '+'} σ) = ${show(target, 36)} (spec §7.1)`, cf.ticks);
  }

  /** The position at `k` about to be filled, with the group's equity and the rest's target. */
  private decision(live: readonly Live[], k: number, C: bigint, price: bigint, rate: bigint): Decision {
    const x = live[k]!;
    const rest = this.health(C, live.filter((_, i) => i !== k));
    return { params: this.p, pos: x.p, size: abs(x.q), long: x.q > 0n, price, rate, equity: this.health(C, live).E, restTarget: rest.T };
  }

  /** Exact slack at `i` lots with the bracket witness `t`, or a failure. */
  private g(at: string, d: Decision, i: bigint, t: number): bigint | undefined {
    const n = remainderNotional(d, i);
    if (!tierHolds(d.pos.m.tiers, n, t)) return void this.fail('tier', at, `the bracket of notional ${show(n, 36)} after ${i} lots`, `${t}`);
    return exactSlack(d, i, t);
  }

  /** Every entry of `misses`: ĝ at `from + k` misses the target, its witnesses in range. */
  private misses(at: string, cf: CertificateFill, d: Decision, from: bigint, claim: Claim): boolean {
    for (const [k, m] of cf.misses.entries()) {
      const i = from + BigInt(k);
      const path = `${at}.misses[${k}]`;
      const R = readInteger(m.pnl)!;
      const pen = readInteger(m.penalty)!;
      if (!pnlHolds(d, i, R)) return this.fail(claim, `${path}.pnl`, `⌊q_c·(x − e)⌋_u in units at ${i} lots`, m.pnl);
      if (!penaltyHolds(d, i, pen)) return this.fail(claim, `${path}.penalty`, `⌈f·N_c⌉_u in units at ${i} lots`, m.penalty);
      const n = remainderNotional(d, i);
      if (!tierHolds(d.pos.m.tiers, n, m.tier)) return this.fail('tier', `${path}.tier`, `the bracket of notional ${show(n, 36)} after ${i} lots`, `${m.tier}`);
      const slack = roundedSlack(d, i, m.tier, R, pen);
      if (meets(this.p, slack)) return this.fail(claim, path, `the rounded slack at ${i} lots misses the target (spec §6.3)`, `it meets: ĝ = ${show(slack, 54)}`);
    }
    return true;
  }

  /** (L) of spec §14.5: `g(a)` misses and `g(a) ≤ g(a+1)`, so every `i ≤ a` misses. */
  private leftAnchor(at: string, anchor: CertificateAnchor, d: Decision, a: bigint, claim: Claim): boolean {
    const ga = this.g(`${at}.tier`, d, a, anchor.tier);
    const gb = ga === undefined ? undefined : this.g(`${at}.nextTier`, d, a + 1n, anchor.nextTier);
    if (ga === undefined || gb === undefined) return false;
    return (!meets(this.p, ga) && ga <= gb) || this.fail(claim, at, `g(${a}) misses the target and g(${a}) ≤ g(${a + 1n}) (concavity, spec §14.5)`, `g(${a}) = ${show(ga, 54)}, g(${a + 1n}) = ${show(gb, 54)}`);
  }

  /** (R) of spec §14.5: `g(b)` misses and `g(b) ≥ g(b+1)`, so every `i ≥ b` misses. */
  private rightAnchor(at: string, anchor: CertificateAnchor, d: Decision, b: bigint, claim: Claim): boolean {
    const gb = this.g(`${at}.tier`, d, b, anchor.tier);
    const gn = gb === undefined ? undefined : this.g(`${at}.nextTier`, d, b + 1n, anchor.nextTier);
    if (gb === undefined || gn === undefined) return false;
    return (!meets(this.p, gb) && gb >= gn) || this.fail(claim, at, `g(${b}) misses the target and g(${b}) ≥ g(${b + 1n}) (concavity, spec §14.5)`, `g(${b}) = ${show(gb, 54)}, g(${b + 1n}) = ${show(gn, 54)}`);
  }

  /** A partial close of `j` lots is the minimal one (spec §6.3, §14.5). */
  private minimal(at: string, cf: CertificateFill, d: Decision, j: bigint): boolean {
    const from = readInteger(cf.from)!;
    if ((d.size - j * d.pos.m.lot) * d.pos.mark < this.p.dust * E18) return this.fail('minimal', at, 'a remainder of at least dustNotional (spec §6.4)', `${show(remainderNotional(d, j), 36)}`);
    if (cf.maxLots !== undefined || cf.right !== undefined) return this.fail('shape', at, 'no maxLots and no right anchor on a partial close', 'present');
    if (from < 1n || from + BigInt(cf.misses.length) !== j) return this.fail('minimal', `${at}.from`, `a run of misses ending at ${j - 1n} lots`, `from ${cf.from} with ${cf.misses.length} misses`);
    if (!this.misses(at, cf, d, from, 'minimal')) return false;
    if (from === 1n) return cf.left === undefined || this.fail('shape', `${at}.left`, 'absent when from = 1', 'present');
    if (cf.left === undefined) return this.fail('minimal', `${at}.left`, 'the left anchor (from > 1)', 'absent');
    return this.leftAnchor(`${at}.left`, cf.left, d, from - 1n, 'minimal');
  }

  /** A full close: no partial close of this position meets the target without dust (spec §14.5). */
  private fullClose(at: string, cf: CertificateFill, d: Decision): boolean {
    const J = cf.maxLots === undefined ? undefined : readInteger(cf.maxLots);
    if (J === undefined) return this.fail('full-close', `${at}.maxLots`, 'the largest lot count leaving no dust', 'absent');
    const { lot } = d.pos.m;
    const dust = this.p.dust * E18;
    const rest = (i: bigint): bigint => (d.size - i * lot) * d.pos.mark;
    const nonDust = J >= 0n && J * lot < d.size && (J === 0n || rest(J) >= dust);
    const next = (J + 1n) * lot >= d.size || rest(J + 1n) < dust;
    if (!nonDust || !next) return this.fail('full-close', `${at}.maxLots`, 'the largest lot count below the position whose remainder is not dust (spec §6.4)', cf.maxLots!);
    const from = readInteger(cf.from)!;
    const hi = from + BigInt(cf.misses.length) - 1n;
    if (from < 1n || hi > J) return this.fail('full-close', `${at}.from`, `a run of misses within 1…${J}`, `from ${cf.from} with ${cf.misses.length} misses`);
    if (!this.misses(at, cf, d, from, 'full-close')) return false;
    if (from === 1n ? cf.left !== undefined : cf.left === undefined) return this.fail('full-close', `${at}.left`, from === 1n ? 'absent when from = 1' : 'the left anchor (from > 1)', cf.left === undefined ? 'absent' : 'present');
    if (cf.left !== undefined && !this.leftAnchor(`${at}.left`, cf.left, d, from - 1n, 'full-close')) return false;
    if (hi === J ? cf.right !== undefined : cf.right === undefined) return this.fail('full-close', `${at}.right`, hi === J ? 'absent when the run ends at maxLots' : 'the right anchor (the run ends before maxLots)', cf.right === undefined ? 'absent' : 'present');
    return cf.right === undefined || this.rightAnchor(`${at}.right`, cf.right, d, hi + 1n, 'full-close');
  }

  /** Status, bankruptcy and the `after` snapshot of a group whose fills were replayed (spec §6.5, §7.4). */
  private outcome(gi: number, g: GroupI, cg: CertificateGroup, live: readonly Live[], C: bigint): boolean {
    const rg = this.result.groups[gi]!;
    const at = `certificate.groups[${gi}]`;
    const open = live.some((x) => x.q !== 0n);
    const status = open ? 'partial' : C < 0n ? 'bankrupt' : 'full';
    if (rg.status !== status) return this.fail('outcome', `result.groups[${gi}].status`, status, rg.status);
    if (status === 'bankrupt') {
      const units = cg.payout === undefined ? undefined : readInteger(cg.payout);
      if (units === undefined) return this.fail('outcome', `${at}.payout`, 'the payout of a bankrupt group in quote units', 'absent');
      const D = -C;
      const pay = units * this.p.u; // scale 18
      const ok = pay >= 0n && pay * E18 <= this.fund && (pay === D || (this.fund < (pay + this.p.u) * E18 && pay < D));
      if (!ok) return this.fail('outcome', `${at}.payout`, `min(D, ⌊I⌋_u) of D ${show(D, 18)}, I ${show(this.fund, 36)} (spec §7.4)`, cg.payout!);
      this.fund -= pay * E18;
      this.payout += pay;
      this.badDebt += D;
      C = 0n;
    } else if (cg.payout !== undefined) {
      return this.fail('outcome', `${at}.payout`, 'absent unless the group is bankrupt', cg.payout);
    }
    if (!this.snapshot(`result.groups[${gi}].after`, rg.after, this.health(C, live))) return false;
    this.keep(g, live, C);
    this.severity = Math.max(this.severity, SEVERITY[status]);
    return true;
  }

  /** What a group leaves in the account: collateral back to the cross pool, positions left. */
  private keep(g: GroupI, live: readonly Live[], C: bigint): void {
    const isolated = g.id !== 'cross';
    const open = live.filter((x) => x.q !== 0n);
    // §4.1: an isolated group closed in full returns its margin to the cross collateral
    if (!isolated || open.length === 0) this.collateral += C;
    for (const x of open) this.left.set(x.p.market, { q: x.q, entry: x.p.entry, isolated: isolated ? C : null });
  }

  /** The account after, the fund and the totals (claims `account`, `fund`). */
  private totals(): void {
    const r = this.result;
    if (this.cursor !== r.fills.length) return void this.fail('shape', `result.fills[${this.cursor}]`, 'no fill beyond those the certificate covers', `${r.fills.length - this.cursor} more`);
    if (r.account.assets !== undefined || r.sales !== undefined) return void this.fail('account', 'result.account.assets', 'no assets and no sales (spec §14.1)', 'present');
    const coll = this.quote(r.account.collateral, 'account', 'result.account.collateral');
    if (coll === undefined) return;
    if (coll !== this.collateral) return void this.fail('account', 'result.account.collateral', show(this.collateral, 18), r.account.collateral);
    if (r.account.positions.length !== this.left.size) return void this.fail('account', 'result.account.positions', `${this.left.size} positions left`, `${r.account.positions.length}`);
    for (const [i, rp] of r.account.positions.entries()) {
      const path = `result.account.positions[${i}]`;
      const want = this.left.get(rp.market);
      if (want === undefined) return void this.fail('account', `${path}.market`, 'a market left open, once', rp.market);
      this.left.delete(rp.market);
      if (!this.equal('account', `${path}.size`, rp.size, 18, want.q) || !this.equal('account', `${path}.entryPrice`, rp.entryPrice, 18, want.entry)) return;
      if (want.isolated === null) {
        if (rp.isolatedMargin !== undefined) return void this.fail('account', `${path}.isolatedMargin`, 'absent (a cross position)', rp.isolatedMargin);
      } else if (rp.isolatedMargin === undefined) {
        return void this.fail('account', `${path}.isolatedMargin`, show(want.isolated, 18), 'absent');
      } else if (!this.equal('account', `${path}.isolatedMargin`, rp.isolatedMargin, 18, want.isolated)) return;
    }
    if (!this.equal('fund', 'result.insuranceFund', r.insuranceFund, 36, this.fund)) return;
    if (!this.equal('fund', 'result.insurancePayout', r.insurancePayout, 18, this.payout)) return;
    if (!this.equal('fund', 'result.badDebt', r.badDebt, 18, this.badDebt)) return;
    if (!this.equal('fund', 'result.socializedLoss', r.socializedLoss, 18, this.badDebt - this.payout)) return;
    const status = (['healthy', 'partial', 'full', 'bankrupt'] as const)[this.severity]!;
    if (r.status !== status) this.fail('fund', 'result.status', status, r.status);
  }
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}
