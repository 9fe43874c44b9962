/**
 * A scenario as the certificate reads it: every input decimal an integer at scale 18 (spec §14.2),
 * the margin groups in processing order, and the domain of spec §14.1.
 *
 * @remarks Read from the wire scenario by the certificate's own integer reader, not the model's
 * parser, so the verifier stays a port template. It presumes a scenario valid by spec §2.5 (its
 * caller parsed it) and re-checks only the facts the proofs of §14.5 rest on (`domainIssue`).
 * @see docs/spec.md#141-domain
 */
import { Compile } from 'typebox/compile';
import { Scenario as ScenarioSchema, type Scenario } from '../wire/scenario.ts';
import { readAt, ten } from './integer.ts';

/** Every input decimal's scale (spec §14.2). */
export const S = 18;
export const E18 = ten(18);
export const E36 = ten(36);

export interface TierI {
  readonly floor: bigint;
  readonly rate: bigint;
  readonly amount: bigint;
}

export interface MarketI {
  readonly lot: bigint;
  readonly tick: bigint;
  readonly tiers: readonly TierI[];
}

export interface PositionI {
  /** index in `account.positions` */
  readonly index: number;
  readonly market: string;
  readonly q: bigint;
  readonly entry: bigint;
  readonly mark: bigint;
  /** null: cross */
  readonly isolated: bigint | null;
  readonly m: MarketI;
}

export interface StepI {
  readonly maxMarginRatio: bigint;
  readonly rate: bigint;
}

export interface ParamsI {
  readonly quoteScale: number;
  /** the quote unit at scale 18 */
  readonly u: bigint;
  readonly strict: boolean;
  readonly buffer: bigint;
  readonly steps: readonly StepI[];
  readonly share: bigint;
  readonly dust: bigint;
  readonly impact: bigint;
}

export interface GroupI {
  readonly id: string;
  readonly collateral: bigint;
  readonly positions: readonly PositionI[];
}

export interface ScenarioView {
  readonly params: ParamsI;
  readonly positions: readonly PositionI[];
  readonly collateral: bigint;
  readonly fund: bigint;
  /** cross first, then isolated by market id (spec §4.1) */
  readonly groups: readonly GroupI[];
}

/** Why a scenario is outside the certificate's domain (spec §14.1). */
export interface OutOfDomain {
  readonly reason: 'invalid-scenario' | 'policy' | 'book' | 'requests' | 'assets' | 'inverse';
  readonly path: string;
  readonly message: string;
}

const checkScenario = Compile(ScenarioSchema);

const at18 = (text: string): bigint => readAt(text, S) ?? 0n;

/**
 * The integer view of a scenario, or why it is outside the domain. Structure is the wire schema's;
 * a decimal it accepts has at most 18 fraction digits, so every read at scale 18 is exact.
 */
export function viewScenario(input: unknown): { ok: true; view: ScenarioView } | { ok: false; out: OutOfDomain } {
  if (!checkScenario.Check(input)) return { ok: false, out: { reason: 'invalid-scenario', path: 'scenario', message: 'not a scenario of the wire schema' } };
  const sc: Scenario = input;
  if (sc.policy !== undefined) return { ok: false, out: { reason: 'policy', path: 'policy', message: 'certificates cover the reference policy only (no policy field)' } };
  if (sc.book !== undefined) return { ok: false, out: { reason: 'book', path: 'book', message: 'no order book under the reference policy' } };
  if (sc.requests !== undefined) return { ok: false, out: { reason: 'requests', path: 'requests', message: 'no requests under the reference policy' } };
  if (sc.params.assets !== undefined || sc.account.assets !== undefined || sc.assetPrices !== undefined) {
    return { ok: false, out: { reason: 'assets', path: 'params.assets', message: 'no collateral assets (spec §13)' } };
  }
  const markets = new Map<string, MarketI>();
  for (const [id, mk] of Object.entries(sc.params.markets)) {
    if (mk.contract !== undefined && mk.contract.kind !== 'linear') {
      return { ok: false, out: { reason: 'inverse', path: `params.markets[${JSON.stringify(id)}].contract`, message: 'linear markets only (spec §12)' } };
    }
    markets.set(id, {
      lot: at18(mk.lotSize),
      tick: at18(mk.tickSize),
      tiers: mk.tiers.map((t) => ({ floor: at18(t.notionalFloor), rate: at18(t.maintenanceRate), amount: at18(t.maintenanceAmount) })),
    });
  }
  const qs = sc.params.quoteScale;
  const params: ParamsI = {
    quoteScale: qs,
    u: ten(S - qs),
    strict: sc.params.trigger === 'strict',
    buffer: at18(sc.params.targetBuffer),
    steps: sc.params.penalty.steps.map((s) => ({ maxMarginRatio: at18(s.maxMarginRatio), rate: at18(s.rate) })),
    share: at18(sc.params.penalty.liquidatorShare),
    dust: at18(sc.params.dustNotional),
    impact: at18(sc.params.priceImpact),
  };
  const positions: PositionI[] = [];
  for (const [index, p] of sc.account.positions.entries()) {
    const m = markets.get(p.market);
    const mark = sc.marks[p.market];
    if (m === undefined || mark === undefined || !Number.isInteger(qs) || qs < 0 || qs > S) {
      return { ok: false, out: { reason: 'invalid-scenario', path: `account.positions[${index}]`, message: 'a position without its market or mark' } };
    }
    positions.push({
      index,
      market: p.market,
      q: at18(p.size),
      entry: at18(p.entryPrice),
      mark: at18(mark),
      isolated: p.isolatedMargin === undefined ? null : at18(p.isolatedMargin),
      m,
    });
  }
  const collateral = at18(sc.account.collateral);
  const isolated = positions.filter((p) => p.isolated !== null).sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : 0));
  const groups: GroupI[] = [
    { id: 'cross', collateral, positions: positions.filter((p) => p.isolated === null) },
    ...isolated.map((p) => ({ id: p.market, collateral: p.isolated!, positions: [p] })),
  ];
  return { ok: true, view: { params, positions, collateral, fund: at18(sc.insuranceFund), groups } };
}

/**
 * The first fact of spec §14.1 the proofs need that fails, or `undefined`: floors strictly
 * increasing from 0, rates non-decreasing with continuous offsets (MM convex), step thresholds
 * strictly decreasing (the step witness unique).
 */
export function domainIssue(view: ScenarioView): { path: string; expected: string } | undefined {
  const seen = new Set<MarketI>();
  for (const p of view.positions) {
    if (seen.has(p.m)) continue;
    seen.add(p.m);
    const t = p.m.tiers;
    const path = `params.markets[${JSON.stringify(p.market)}].tiers`;
    if (t.length === 0 || t[0]!.floor !== 0n || t[0]!.amount !== 0n) return { path, expected: 'a first tier with floor 0 and amount 0' };
    for (let n = 1; n < t.length; n++) {
      const a = t[n - 1]!;
      const b = t[n]!;
      // cum_n = cum_{n−1} + L_n·(r_n − r_{n−1}) at scale 36
      if (b.floor <= a.floor || b.rate < a.rate || b.amount * E18 !== a.amount * E18 + b.floor * (b.rate - a.rate)) {
        return { path: `${path}[${n}]`, expected: 'floors increasing, rates non-decreasing, continuous maintenance amounts (spec §3)' };
      }
    }
    if (p.m.lot <= 0n || p.m.tick <= 0n || p.mark <= 0n) return { path: `params.markets[${JSON.stringify(p.market)}]`, expected: 'a positive lot, tick and mark' };
  }
  const st = view.params.steps;
  for (let k = 1; k < st.length; k++) {
    if (st[k]!.maxMarginRatio >= st[k - 1]!.maxMarginRatio) return { path: `params.penalty.steps[${k}]`, expected: 'maxMarginRatio strictly decreasing' };
  }
  if (st.length === 0) return { path: 'params.penalty.steps', expected: 'at least one step' };
  return undefined;
}
