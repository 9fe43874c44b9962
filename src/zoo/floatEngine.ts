/**
 * Zoo engine "binary-float arithmetic": the rules of the reference (spec §3–§8) ported the naive
 * way, with JS `number`s instead of exact decimals.
 *
 * Every input string goes through `parseFloat`, every rounding of spec §1.3 is
 * `Math.ceil(x / step) * step` or `Math.floor(x / step) * step`, lot candidates are stepped by
 * repeated `d += lot`, and every output is `String(x)`. The control flow is the reference's, step
 * by step (trigger, distress rate, order, closed-form root walk, ceil to lot, verification, dust,
 * penalty cap, bankruptcy with the insurance fund, result), so on round numbers it agrees with the
 * reference, and it diverges where binary floating point bites:
 *
 * - `⌈Δ*⌉_lot` with a decimal lot: `Math.ceil(2.5) * 0.1` is `0.30000000000000004`, so the fill
 *   size (and everything derived from it) is off by an ulp and printed with 17 digits;
 * - sums of decimal amounts (`0.1 + 0.2`), which leak into equity, fees and collateral;
 * - products of large notionals and small rates, whose 17 significant digits do not hold the
 *   exact value, so `⌈f·N⌉_u` can round one unit the wrong way;
 * - comparisons on the trigger/target boundary (`E < MM` when both are equal in decimal);
 * - `String(x)` switches to exponent notation below `1e-6` and above `1e21`, and
 *   `marginRatio` prints the 17 significant digits of the double instead of 18 places.
 *
 * It assumes valid input (no validation). It is also the baseline of the benchmark.
 */
import type {
  Engine,
  Fill,
  GroupReport,
  GroupSnapshot,
  Outcome,
  PositionInput,
  Scenario,
  Status,
} from '../model/types.ts';

/** Same bound as the reference's `MAX_VERIFIED_CANDIDATES` (spec §6.3). */
const MAX_CANDIDATES = 2 ** 20;
const RATIO_STEP = 1e-18;
const SEVERITY: Readonly<Record<Status, number>> = { healthy: 0, partial: 1, full: 2, bankrupt: 3 };

interface FPos {
  readonly market: string;
  /** index in `account.positions`, to report in input order */
  readonly index: number;
  /** signed size; 0 once closed */
  q: number;
  readonly entry: number;
  readonly mark: number;
  readonly lot: number;
  readonly tick: number;
  readonly floors: readonly number[];
  readonly rates: readonly number[];
  readonly amounts: readonly number[];
}

interface FGroup {
  readonly id: string;
  c: number;
  readonly positions: FPos[];
}

interface FParams {
  readonly unit: number;
  readonly strict: boolean;
  readonly buffer: number;
  readonly stepMax: readonly number[];
  readonly stepRate: readonly number[];
  readonly share: number;
  readonly dust: number;
  readonly impact: number;
}

const ceilTo = (x: number, step: number): number => Math.ceil(x / step) * step;
const floorTo = (x: number, step: number): number => Math.floor(x / step) * step;

function tierIndex(floors: readonly number[], n: number): number {
  let k = 0;
  for (let i = 1; i < floors.length; i++) {
    if (floors[i]! <= n) k = i;
    else break;
  }
  return k;
}

function mm(p: FPos, n: number): number {
  const k = tierIndex(p.floors, n);
  return n * p.rates[k]! - p.amounts[k]!;
}

function execPrice(p: FPos, impact: number): number {
  if (impact === 0) return p.mark;
  return p.q > 0 ? floorTo(p.mark * (1 - impact), p.tick) : ceilTo(p.mark * (1 + impact), p.tick);
}

// Group health, written to scratch variables (no allocation). Positions of size 0 are closed and
// contribute nothing.
let hE = 0;
let hMM = 0;
let hT = 0;
function health(g: FGroup, buffer: number): void {
  let e = g.c;
  let m = 0;
  let n = 0;
  for (const p of g.positions) {
    if (p.q === 0) continue;
    const ni = Math.abs(p.q) * p.mark;
    e += p.q * (p.mark - p.entry);
    m += mm(p, ni);
    n += ni;
  }
  hE = e;
  hMM = m;
  hT = m + buffer * n;
}

function snapshot(g: FGroup, buffer: number): GroupSnapshot {
  health(g, buffer);
  return {
    equity: String(hE),
    maintenance: String(hMM),
    target: String(hT),
    marginRatio: hMM === 0 ? null : String(floorTo(hE / hMM, RATIO_STEP)),
  };
}

const meets = (fp: FParams, e: number, t: number): boolean => (fp.strict ? e >= t : e > t);

interface Slack {
  absQ: number;
  equity: number;
  restTarget: number;
  perUnit: number;
  concession: number;
}
const slack: Slack = { absQ: 0, equity: 0, restTarget: 0, perUnit: 0, concession: 0 };

function prepareSlack(fp: FParams, g: FGroup, p: FPos, rate: number): void {
  const q = p.q;
  slack.absQ = Math.abs(q);
  slack.concession = Math.abs(p.mark - execPrice(p, fp.impact));
  health(g, fp.buffer);
  slack.equity = hE;
  p.q = 0;
  health(g, fp.buffer);
  p.q = q;
  slack.restTarget = hT;
  slack.perUnit = slack.concession + rate * p.mark;
}

function slackAt(fp: FParams, p: FPos, d: number): number {
  const n = (slack.absQ - d) * p.mark;
  return slack.equity - slack.perUnit * d - slack.restTarget - mm(p, n) - fp.buffer * n;
}

function slope(fp: FParams, p: FPos, k: number, rate: number): number {
  return p.mark * (p.rates[k]! + fp.buffer - rate) - slack.concession;
}

/** §6.3: Δ* by the closed form, or NaN when there is none. */
function closedFormRoot(fp: FParams, p: FPos, rate: number): number {
  let start = 0;
  for (let k = tierIndex(p.floors, slack.absQ * p.mark); ; k--) {
    const s = slackAt(fp, p, start);
    if (s >= 0) return start;
    const a = slope(fp, p, k, rate);
    if (a <= 0) return NaN;
    const root = start + -s / a;
    const bracketEnd = slack.absQ - p.floors[k]! / p.mark;
    if (root <= bracketEnd) return root;
    if (k === 0) return NaN;
    start = bracketEnd;
  }
}

const NONE = -1;
const LIMIT = -2;

/** §6.3–§6.4: the minimal partial close size, {@link NONE} or {@link LIMIT}. */
function minimalClose(fp: FParams, g: FGroup, p: FPos, rate: number): number {
  prepareSlack(fp, g, p, rate);
  const root = closedFormRoot(fp, p, rate);
  if (Number.isNaN(root)) return NONE;
  const { absQ } = slack;
  const q = p.q;
  const sign = q > 0 ? 1 : -1;
  const x = execPrice(p, fp.impact);
  let examined = 0;
  for (let d = Math.max(p.lot, ceilTo(root, p.lot)); d < absQ; d += p.lot) {
    if ((absQ - d) * p.mark < fp.dust) return NONE;
    // closeFill without the cap: ĝ + target, then the target of the group after.
    const realized = floorTo(sign * d * (x - p.entry), fp.unit);
    const left = q - sign * d;
    const c = g.c;
    g.c = c + realized;
    p.q = left;
    health(g, fp.buffer);
    g.c = c;
    p.q = q;
    const uncapped = ceilTo(rate * (d * p.mark), fp.unit);
    if (meets(fp, hE - uncapped, hT)) return d;
    const n = (absQ - d) * p.mark;
    if (slackAt(fp, p, d) < 0 && slope(fp, p, tierIndex(p.floors, n), rate) <= 0) return NONE;
    if (++examined >= MAX_CANDIDATES) return LIMIT;
  }
  return NONE;
}

/** §7.2–§7.3: closes `size` of `p`, mutating the group; returns the fill and the fund credit. */
function closeFill(fp: FParams, g: FGroup, p: FPos, size: number, rate: number): { fill: Fill; credit: number } {
  const long = p.q > 0;
  const x = execPrice(p, fp.impact);
  const signed = long ? size : -size;
  const exactPnl = signed * (x - p.entry);
  const realized = floorTo(exactPnl, fp.unit);
  const residue = exactPnl - realized;
  p.q = p.q - signed;
  g.c = g.c + realized;
  const notional = size * p.mark;
  const uncapped = ceilTo(rate * notional, fp.unit);
  health(g, fp.buffer);
  const penalty = Math.min(uncapped, Math.max(0, floorTo(hE, fp.unit)));
  const liquidatorFee = floorTo(penalty * fp.share, fp.unit);
  const insuranceFee = penalty - liquidatorFee;
  g.c = g.c - penalty;
  return {
    fill: {
      market: p.market,
      side: long ? 'sell' : 'buy',
      size: String(size),
      price: String(x),
      notional: String(notional),
      penaltyRate: String(rate),
      penalty: String(penalty),
      liquidatorFee: String(liquidatorFee),
      insuranceFee: String(insuranceFee),
      realizedPnl: String(realized),
    },
    credit: insuranceFee + residue,
  };
}

interface GroupRun {
  status: Status;
  fund: number;
  payout: number;
  badDebt: number;
  open: number;
  limit: boolean;
}

const byNotional = (a: FPos, b: FPos): number => {
  const d = Math.abs(b.q) * b.mark - Math.abs(a.q) * a.mark;
  return d !== 0 ? d : a.market < b.market ? -1 : a.market > b.market ? 1 : 0;
};

/** §6 and §7.4 for one group; fills are appended to `fills`, the report to `reports`. */
function liquidateGroup(fp: FParams, g: FGroup, fund: number, fills: Fill[], reports: GroupReport[], run: GroupRun): void {
  run.fund = fund;
  run.payout = 0;
  run.badDebt = 0;
  run.limit = false;
  run.open = g.positions.length;
  const before = snapshot(g, fp.buffer);
  const E = hE;
  const MM = hMM;
  const liquidatable = g.positions.length > 0 && (fp.strict ? E < MM : E <= MM);
  if (!liquidatable) {
    run.status = 'healthy';
    reports.push({ group: g.id, status: 'healthy', before, after: before });
    return;
  }
  let rate = 0;
  for (let i = 0; i < fp.stepMax.length; i++) {
    if (E <= fp.stepMax[i]! * MM) rate = fp.stepRate[i]!;
    else break;
  }
  const order = g.positions.length > 1 ? [...g.positions].sort(byNotional) : g.positions;
  for (const p of order) {
    const m = minimalClose(fp, g, p, rate);
    if (m === LIMIT) {
      run.limit = true;
      return;
    }
    const size = m === NONE ? Math.abs(p.q) : m;
    const { fill, credit } = closeFill(fp, g, p, size, rate);
    fills.push(fill);
    run.fund += credit;
    if (p.q === 0) run.open--;
    health(g, fp.buffer);
    if (run.open > 0 && meets(fp, hE, hT)) {
      run.status = 'partial';
      reports.push({ group: g.id, status: 'partial', before, after: snapshot(g, fp.buffer) });
      return;
    }
  }
  if (g.c < 0) {
    run.badDebt = -g.c;
    run.payout = Math.min(run.badDebt, run.fund);
    g.c = 0;
    run.fund -= run.payout;
    run.status = 'bankrupt';
  } else {
    run.status = 'full';
  }
  reports.push({ group: g.id, status: run.status, before, after: snapshot(g, fp.buffer) });
}

function parseParams(sc: Scenario): FParams {
  const p = sc.params;
  const steps = p.penalty.steps;
  const stepMax: number[] = new Array<number>(steps.length);
  const stepRate: number[] = new Array<number>(steps.length);
  for (let i = 0; i < steps.length; i++) {
    stepMax[i] = parseFloat(steps[i]!.maxMarginRatio);
    stepRate[i] = parseFloat(steps[i]!.rate);
  }
  return {
    unit: Math.pow(10, -p.quoteScale),
    strict: p.trigger === 'strict',
    buffer: parseFloat(p.targetBuffer),
    stepMax,
    stepRate,
    share: parseFloat(p.penalty.liquidatorShare),
    dust: parseFloat(p.dustNotional),
    impact: parseFloat(p.priceImpact),
  };
}

function parsePosition(sc: Scenario, pi: PositionInput, index: number): FPos {
  const m = sc.params.markets[pi.market]!;
  const n = m.tiers.length;
  const floors: number[] = new Array<number>(n);
  const rates: number[] = new Array<number>(n);
  const amounts: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = m.tiers[i]!;
    floors[i] = parseFloat(t.notionalFloor);
    rates[i] = parseFloat(t.maintenanceRate);
    amounts[i] = parseFloat(t.maintenanceAmount);
  }
  return {
    market: pi.market,
    index,
    q: parseFloat(pi.size),
    entry: parseFloat(pi.entryPrice),
    mark: parseFloat(sc.marks[pi.market]!),
    lot: parseFloat(m.lotSize),
    tick: parseFloat(m.tickSize),
    floors,
    rates,
    amounts,
  };
}

/**
 * The binary-float engine. Same interface and rules as the reference `liquidate`, `number`
 * arithmetic throughout; assumes a valid scenario.
 */
export const floatEngine: Engine = (sc: Scenario): Outcome => {
  const fp = parseParams(sc);
  const inputs = sc.account.positions;
  const cross: FGroup = { id: 'cross', c: parseFloat(sc.account.collateral), positions: [] };
  const groups: FGroup[] = [cross];
  const all: FPos[] = new Array<FPos>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const pi = inputs[i]!;
    const p = parsePosition(sc, pi, i);
    all[i] = p;
    if (pi.isolatedMargin === undefined) cross.positions.push(p);
    else groups.push({ id: pi.market, c: parseFloat(pi.isolatedMargin), positions: [p] });
  }
  if (groups.length > 2) {
    groups.sort((a, b) => (a === cross ? -1 : b === cross ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  const fills: Fill[] = [];
  const reports: GroupReport[] = [];
  const run: GroupRun = { status: 'healthy', fund: 0, payout: 0, badDebt: 0, open: 0, limit: false };
  let fund = parseFloat(sc.insuranceFund);
  let status: Status = 'healthy';
  let payout = 0;
  let badDebt = 0;
  let collateral = 0;
  for (const g of groups) {
    liquidateGroup(fp, g, fund, fills, reports, run);
    if (run.limit) {
      return {
        ok: false,
        error: {
          code: 'limit-exceeded',
          message: `${g.id}: more than ${MAX_CANDIDATES} lot candidates to verify`,
        },
      };
    }
    fund = run.fund;
    if (SEVERITY[run.status] > SEVERITY[status]) status = run.status;
    payout += run.payout;
    badDebt += run.badDebt;
    // §4.1: the margin of a closed isolated position returns to the cross pool.
    if (g === cross || run.open === 0) collateral += g.c;
  }

  const positions: PositionInput[] = [];
  for (const p of all) {
    if (p.q === 0) continue;
    const pi = inputs[p.index]!;
    const base = { market: p.market, size: String(p.q), entryPrice: String(p.entry) };
    if (pi.isolatedMargin === undefined) positions.push(base);
    else {
      const g = groups.find((x) => x.id === p.market)!;
      positions.push({ ...base, isolatedMargin: String(g.c) });
    }
  }
  return {
    ok: true,
    result: {
      status,
      fills,
      account: { collateral: String(collateral), positions },
      insuranceFund: String(fund),
      insurancePayout: String(payout),
      badDebt: String(badDebt),
      socializedLoss: String(badDebt - payout),
      groups: reports,
    },
  };
};
