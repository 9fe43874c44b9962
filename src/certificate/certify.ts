/**
 * The certifier (spec §14): the certificate of a result, every witness found by its own integer
 * search over the scenario and the result's own numbers — the model's `liquidate` is never called.
 *
 * @remarks Why it replays the result rather than recomputing the reference: a certificate is
 * evidence about *this* result. For a right result every witness checks; for a wrong one the
 * certifier still writes the best witnesses it can (from the result's own fills), so the
 * verifier, not the certifier, decides — the zoo tests measure exactly that. It never throws:
 * input outside the domain of spec §14.1 is a typed `unsupported` value naming why.
 * @see docs/spec.md#14-liquidation-certificates
 */
import { parseScenario } from '../model/parseScenario.ts';
import { Result as ResultSchema, type Result } from '../wire/result.ts';
import { CERTIFICATE_FORMAT, type Certificate, type CertificateAnchor, type CertificateFill, type CertificateGroup, type CertificateMiss } from '../wire/certificate.ts';
import { validator } from '../wire/validate.ts';
import { readFloorAt } from './integer.ts';
import { E18, E36, S, viewScenario, type GroupI, type OutOfDomain, type ParamsI, type PositionI, type ScenarioView } from './scenarioView.ts';
import { exactSlack, meets, remainderNotional, requirement, roundedSlack, tierOf, type Decision } from './slack.ts';

export type CertifyOutcome =
  | { readonly kind: 'certificate'; readonly certificate: Certificate }
  | { readonly kind: 'unsupported'; readonly reason: OutOfDomain['reason'] | 'malformed-result'; readonly path: string; readonly message: string };

/**
 * Most entries of one `misses` list the certifier writes: the model verifies at most 2^20 failed
 * candidates per position (spec §6.3), so a reference result never needs more; a wrong result
 * that would is left with a short list, which the verifier rejects.
 */
export const MAX_MISSES = 2 ** 20;

const validateResult = validator(ResultSchema, 'result');

/** The certificate of `result` for `scenario` (both wire values), or why there is none. */
export function certify(scenario: unknown, result: unknown): CertifyOutcome {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    return { kind: 'unsupported', reason: 'invalid-scenario', path: first.path, message: `${first.expected}, received ${first.received}` };
  }
  const viewed = viewScenario(scenario);
  if (!viewed.ok) return { kind: 'unsupported', ...viewed.out };
  const r = validateResult(result);
  if (!r.ok) {
    const first = r.issues[0]!;
    return { kind: 'unsupported', reason: 'malformed-result', path: first.path, message: `${first.expected}, received ${first.received}` };
  }
  try {
    return { kind: 'certificate', certificate: build(viewed.view, r.value) };
  } catch (e) {
    // A safety net only (properties/certificate.test.ts feeds it hostile results): never throw.
    return { kind: 'unsupported', reason: 'malformed-result', path: 'result', message: `the certifier could not read this result: ${e instanceof Error ? e.message : String(e)}` };
  }
}

interface Live {
  readonly p: PositionI;
  q: bigint;
}

function build(view: ScenarioView, result: Result): Certificate {
  const p = view.params;
  let fund = view.fund * E18;
  const groups: CertificateGroup[] = [];
  for (const g of view.groups) {
    const live: Live[] = ordered(g).map((x) => ({ p: x, q: x.q }));
    let C = g.collateral;
    const before = health(p, C, live);
    const liquidatable = live.length > 0 && (p.strict ? before.E * E18 < before.MM : before.E * E18 <= before.MM);
    const fills = result.fills.filter((f) => live.some((x) => x.p.market === f.market));
    const step = stepOf(p, before);
    const rate = p.steps[step]!.rate;
    const certFills: CertificateFill[] = [];
    for (const f of fills) {
      const k = live.findIndex((x) => x.p.market === f.market);
      const x = live[k]!;
      const long = x.q > 0n;
      const size = abs(x.q);
      const delta = readFloorAt(f.size, S) ?? 0n;
      const lots = floorDiv(delta, x.p.m.lot);
      const ticks = ticksOf(p, x.p, long);
      const price = ticks * x.p.m.tick;
      const rest = health(p, C, live.filter((_, i) => i !== k));
      const d: Decision = { params: p, pos: x.p, size, long, price, rate, equity: health(p, C, live).E, restTarget: rest.T };
      const decision = delta === size ? fullClose(d) : minimal(d, lots);
      // The state moves by the result's own numbers (read leniently: the verifier checks them).
      const qc = long ? delta : -delta;
      const R = quote(f.realizedPnl);
      const pen = quote(f.penalty);
      const fee = quote(f.insuranceFee);
      fund += fee * E18 + (qc * (price - x.p.entry) - R * E18);
      C += R - pen;
      x.q -= qc;
      const tierAfter = x.q === 0n ? 0 : tierOf(x.p.m.tiers, abs(x.q) * x.p.mark);
      certFills.push({ lots: lots.toString(), ticks: ticks.toString(), tierAfter, ...decision });
    }
    const open = live.some((x) => x.q !== 0n);
    let payout: string | undefined;
    if (!open && C < 0n && fills.length > 0) {
      const units = min(floorDiv(-C, p.u), floorDiv(fund, p.u * E18));
      payout = units.toString();
      fund -= units * p.u * E18;
    }
    groups.push({
      group: g.id,
      order: live.map((x) => x.p.index),
      tiers: live.map((x) => tierOf(x.p.m.tiers, abs(x.p.q) * x.p.mark)),
      ...(liquidatable || fills.length > 0 ? { step } : {}),
      fills: certFills,
      ...(payout === undefined ? {} : { payout }),
    });
  }
  return { format: CERTIFICATE_FORMAT, groups };
}

/** Spec §6.2: descending notional, ties by market id (code-unit order). */
function ordered(g: GroupI): PositionI[] {
  const n = (x: PositionI): bigint => abs(x.q) * x.mark;
  return [...g.positions].sort((a, b) => (n(a) > n(b) ? -1 : n(a) < n(b) ? 1 : a.market < b.market ? -1 : a.market > b.market ? 1 : 0));
}

function health(p: ParamsI, C: bigint, live: readonly Live[]): { E: bigint; MM: bigint; T: bigint } {
  let E = C * E18;
  let MM = 0n;
  let N = 0n;
  for (const x of live) {
    if (x.q === 0n) continue;
    const n = abs(x.q) * x.p.mark;
    E += x.q * (x.p.mark - x.p.entry);
    MM += requirement(x.p.m.tiers, n, tierOf(x.p.m.tiers, n));
    N += n;
  }
  return { E, MM, T: MM + p.buffer * N };
}

/** The last step with `E ≤ m·MM` (spec §5.1); 0 when none applies (a healthy group's best effort). */
function stepOf(p: ParamsI, h: { E: bigint; MM: bigint }): number {
  let k = 0;
  while (k + 1 < p.steps.length && h.E * E36 <= p.steps[k + 1]!.maxMarginRatio * h.MM) k++;
  return k;
}

/** Spec §7.1 in ticks: `⌊P·(1−σ)⌋_τ` for a sell, `⌈P·(1+σ)⌉_τ` for a buy. */
function ticksOf(p: ParamsI, x: PositionI, long: boolean): bigint {
  const target = x.mark * (long ? E18 - p.impact : E18 + p.impact);
  const tick = x.m.tick * E18;
  return long ? floorDiv(target, tick) : ceilDiv(target, tick);
}

const quote = (text: string): bigint => readFloorAt(text, S) ?? 0n;

/** The slack evaluator of one decision: exact `g` with its bracket found by scan. */
function slackAt(d: Decision): (i: bigint) => bigint {
  return (i) => exactSlack(d, i, tierOf(d.pos.m.tiers, remainderNotional(d, i)));
}

function anchor(d: Decision, a: bigint): CertificateAnchor {
  return { tier: tierOf(d.pos.m.tiers, remainderNotional(d, a)), nextTier: tierOf(d.pos.m.tiers, remainderNotional(d, a + 1n)) };
}

/** The rounded-slack witnesses at `i` lots, and whether ĝ meets (the run stops there). */
function miss(d: Decision, i: bigint): { entry: CertificateMiss; meets: boolean } {
  const u = d.params.u;
  const qc = (d.long ? i : -i) * d.pos.m.lot;
  const pnl = floorDiv(qc * (d.price - d.pos.entry), u * E18);
  const penalty = ceilDiv(d.rate * d.pos.mark * i * d.pos.m.lot, u * E36);
  const tier = tierOf(d.pos.m.tiers, remainderNotional(d, i));
  return { entry: { tier, pnl: pnl.toString(), penalty: penalty.toString() }, meets: meets(d.params, roundedSlack(d, i, tier, pnl, penalty)) };
}

/** Misses from `lo` to `hi`, stopping after the first that meets (a wrong result) or at the cap. */
function run(d: Decision, lo: bigint, hi: bigint): CertificateMiss[] {
  const out: CertificateMiss[] = [];
  for (let i = lo; i <= hi && out.length < MAX_MISSES; i++) {
    const m = miss(d, i);
    out.push(m.entry);
    if (m.meets) break;
  }
  return out;
}

/** The smallest `i` in `[lo, hi]` where a monotone (false…true) predicate holds, else `hi + 1`. */
function firstTrue(lo: bigint, hi: bigint, holds: (i: bigint) => boolean): bigint {
  let a = lo;
  let b = hi + 1n;
  while (a < b) {
    const mid = (a + b) / 2n;
    if (holds(mid)) b = mid;
    else a = mid + 1n;
  }
  return a;
}

type Decided = Pick<CertificateFill, 'from' | 'misses' | 'left' | 'right' | 'maxLots'>;

/** Spec §14.5, a partial close of `j` lots: the run from the first lot where `g` meets to `j − 1`. */
function minimal(d: Decision, j: bigint): Decided {
  const g = slackAt(d);
  const n = floorDiv(d.size, d.pos.m.lot);
  if (j < 1n || j >= n) return { from: '1', misses: [] };
  // g meets on an interval (concave); when g(j) meets, the predicate is monotone on [1, j].
  const lo = meets(d.params, g(j)) ? firstTrue(1n, j, (i) => meets(d.params, g(i))) : j;
  return { from: lo.toString(), misses: run(d, lo, j - 1n), ...(lo > 1n ? { left: anchor(d, lo - 1n) } : {}) };
}

/** Spec §14.5, a full close: no lot count up to the dust bound meets, by the run and the grid peak. */
function fullClose(d: Decision): Decided {
  const { lot } = d.pos.m;
  const n = floorDiv(d.size, lot);
  const dust = d.params.dust * E18;
  // the largest i < n with (|q| − iℓ)·P ≥ dust
  const J = max(0n, min(n - 1n, floorDiv(d.size * d.pos.mark - dust, lot * d.pos.mark)));
  const maxLots = J.toString();
  if (J === 0n) return { from: '1', misses: [], maxLots };
  const g = slackAt(d);
  const ok = (i: bigint): boolean => meets(d.params, g(i));
  // the grid peak: the first lot whose increment is ≤ 0 (increments never increase)
  const peak = firstTrue(1n, J, (i) => g(i + 1n) <= g(i));
  const top = peak > J ? J : peak;
  if (ok(top)) {
    const lo = firstTrue(1n, top, ok);
    const hi = peak > J ? J : firstTrue(top, J, (i) => !ok(i)) - 1n;
    const misses = run(d, lo, hi);
    const end = lo + BigInt(misses.length) - 1n;
    return {
      from: lo.toString(),
      misses,
      ...(lo > 1n ? { left: anchor(d, lo - 1n) } : {}),
      ...(end < J ? { right: anchor(d, end + 1n) } : {}),
      maxLots,
    };
  }
  if (peak > J) return { from: (J + 1n).toString(), misses: [], left: anchor(d, J), maxLots };
  return { from: peak.toString(), misses: [], ...(peak > 1n ? { left: anchor(d, peak - 1n) } : {}), right: anchor(d, peak), maxLots };
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < q * b ? q - 1n : q;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a > q * b ? q + 1n : q;
}
