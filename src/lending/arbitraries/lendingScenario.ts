/**
 * Lending scenarios whose health factor sits where the rules change (spec §11): the health factor
 * is drawn first, then the account is solved from it exactly.
 *
 * @remarks Uniform accounts are almost never liquidatable, or hopelessly so. The interesting
 * behaviour lives at `HF = 1` (the trigger), at the close-factor switch (`fullBelowHealth`, Aave's
 * 0.95), at `LB·LT_k` (the I4 boundary: below it a partial liquidation lowers HF), deep below
 * (bad debt, deficit) and near the base-value thresholds of Aave v3.3 (`fullBelowBase`,
 * `minLeftoverBase`). So a target `h` is drawn from a mix of those places, and supplies, borrows
 * and prices are solved so that
 *
 * ```
 * Σ_i x_i·p_i·LT_i = h · Σ_b y_b·p_b        (exactly, no rounding anywhere)
 * ```
 *
 * with every amount a whole number of its asset's unit and every price on the base grid. Every
 * value `x·p` is itself on the base grid, so whatever rounding the model applies to values
 * (spec §11.2), these accounts sit exactly on the drawn HF. "Just below / above" is then the
 * nearest account the units allow on that side (one base unit of value, or one token unit when a
 * unit is worth more, of the absorbing collateral or debt), or a few basis points of HF.
 *
 * How the solve stays exact: an asset of price `p` (base units) and `d` decimals has exact values
 * only at multiples of its value quantum `q = p / gcd(p, 10^d)`. One collateral `k` absorbs the
 * remainder, so `v_k·L_k = W − Σ_{i≠k} v_i·L_i` must be a multiple of `L_k·q_k`: the other
 * collaterals are drawn on multiples of `lcm(q_i, L_k·q_k / gcd(L_k·q_k, L_i))`, and the total
 * debt `D` on multiples of `N / gcd(N, H·10^sL)` with `N = 10^sH·L_k·q_k` (`h = H·10^−sH`, LTs
 * `L·10^−sL`), so that `W = h·D` is one too. Prices are drawn with few significant digits, as
 * oracle prices mostly are, which keeps those quanta below a few base-currency units.
 * @see docs/spec.md#11-lending-health-factor
 */
import fc from 'fast-check';
import type { LendingParams, LendingRequest, LendingScenario } from '../../wire/lending.ts';
import { lendingParams, type LendingRuleKind } from './lendingParams.ts';
import { closeFactorCap } from './accountValues.ts';
import { ratioOf, type Ratio } from './ratio.ts';
import { ceilToMultiple, decimalOf, floorToMultiple, gcd, lcm, rawOf, scaleOf, ten } from './units.ts';

/** Knobs of {@link lendingScenario}; every field is optional. */
export interface LendingScenarioConstraints {
  /** Parameter sets to draw from. Default {@link lendingParams}`({ rules })`. */
  readonly params?: fc.Arbitrary<LendingParams>;
  /** Rule forms, when `params` is not given. Default all. */
  readonly rules?: readonly LendingRuleKind[];
  /**
   * `boundary` (default): health factors from the biased mix (at, just below and just above 1,
   * the close-factor switch, `LB·LT_k`, deep below, clearly healthy); `any`: HF spread over
   * 0.05…2.5.
   */
  readonly region?: 'boundary' | 'any';
}

/** Where the health factor is put. */
type Target = 'one' | 'switch' | 'i4' | 'deep' | 'healthy' | 'any';
/** How the exact solve is displaced: not at all, one token unit, or a few basis points of HF. */
type Offset = 'exact' | 'unit-below' | 'unit-above' | 'bp-below' | 'bp-above';
/** Which reserve of the request is put near a base threshold of the rules. */
type Threshold = 'none' | 'debt-full' | 'coll-full' | 'debt-leftover' | 'coll-leftover';
type RequestMode = 'below' | 'at' | 'above' | 'max' | 'one-unit' | 'leftover-edge';

interface Draw {
  readonly target: Target;
  readonly offset: Offset;
  readonly bp: number;
  /** millionths: a point in a range */
  readonly pick: number;
  readonly size: number;
  readonly collaterals: number;
  readonly debts: number;
  readonly overlap: boolean;
  readonly priceOne: number | null;
  readonly priceStep: number | null;
  readonly prices: readonly number[];
  readonly priceForms: readonly number[];
  readonly shares: readonly number[];
  readonly threshold: Threshold;
  readonly thresholdSide: number;
  readonly request: RequestMode;
  readonly requestShare: number;
  readonly reserves: number;
}

const SCALE = 1_000_000;
/** Most base-currency units the exact solve may round the total debt to (see {@link solve}). */
const MAX_DEBT_MODULUS = 10_000n;

const targetArb = (region: 'boundary' | 'any'): fc.Arbitrary<Target> =>
  region === 'any'
    ? fc.constant<Target>('any')
    : fc.oneof(
        { arbitrary: fc.constant<Target>('one'), weight: 40 },
        { arbitrary: fc.constant<Target>('switch'), weight: 16 },
        { arbitrary: fc.constant<Target>('i4'), weight: 16 },
        { arbitrary: fc.constant<Target>('deep'), weight: 12 },
        { arbitrary: fc.constant<Target>('healthy'), weight: 6 },
        { arbitrary: fc.constant<Target>('any'), weight: 6 },
      );

const offsetArb: fc.Arbitrary<Offset> = fc.oneof(
  { arbitrary: fc.constant<Offset>('exact'), weight: 4 },
  { arbitrary: fc.constant<Offset>('unit-below'), weight: 3 },
  { arbitrary: fc.constant<Offset>('unit-above'), weight: 2 },
  { arbitrary: fc.constant<Offset>('bp-below'), weight: 3 },
  { arbitrary: fc.constant<Offset>('bp-above'), weight: 2 },
);

/** Under rules with base thresholds, four draws in seven put a reserve near one. */
const thresholdArb: fc.Arbitrary<Threshold> = fc.oneof(
  { arbitrary: fc.constant<Threshold>('none'), weight: 3 },
  { arbitrary: fc.constantFrom<Threshold>('debt-full', 'coll-full', 'debt-leftover', 'coll-leftover'), weight: 4 },
);

const requestArb: fc.Arbitrary<RequestMode> = fc.oneof(
  { arbitrary: fc.constant<RequestMode>('below'), weight: 5 },
  { arbitrary: fc.constant<RequestMode>('at'), weight: 4 },
  { arbitrary: fc.constant<RequestMode>('above'), weight: 3 },
  { arbitrary: fc.constant<RequestMode>('max'), weight: 4 },
  { arbitrary: fc.constant<RequestMode>('one-unit'), weight: 1 },
  { arbitrary: fc.constant<RequestMode>('leftover-edge'), weight: 3 },
);

const million = fc.integer({ min: 0, max: SCALE });
/** An asset index one draw in `n`, else `null`. */
const sometimes = (n: number): fc.Arbitrary<number | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: n - 1 }, { arbitrary: fc.integer({ min: 0, max: 2 }), weight: 1 });

function drawArb(region: 'boundary' | 'any'): fc.Arbitrary<Draw> {
  return fc.record({
    target: targetArb(region),
    offset: offsetArb,
    bp: fc.integer({ min: 1, max: 100 }),
    pick: million,
    size: million,
    collaterals: fc.integer({ min: 1, max: 3 }),
    debts: fc.integer({ min: 1, max: 2 }),
    overlap: fc.integer({ min: 0, max: 3 }).map((k) => k === 0),
    priceOne: sometimes(8),
    priceStep: sometimes(20),
    prices: fc.array(million, { minLength: 3, maxLength: 3 }),
    priceForms: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }),
    shares: fc.array(fc.integer({ min: 50, max: 400 }), { minLength: 3, maxLength: 3 }),
    threshold: thresholdArb,
    thresholdSide: fc.integer({ min: -3, max: 3 }),
    request: requestArb,
    requestShare: fc.integer({ min: 1, max: 99 }),
    reserves: fc.integer({ min: -3, max: 6 }),
  });
}

/** One asset as the solver sees it. */
interface Asset {
  readonly id: string;
  readonly decimals: number;
  /** LT as an integer at the set's common LT scale */
  readonly lt: bigint;
  readonly collateral: boolean;
  readonly lb: string;
}

interface Parsed {
  readonly params: LendingParams;
  readonly assets: readonly Asset[];
  readonly ltScale: number;
  readonly baseScale: number;
  readonly kind: 'close-factor' | 'absorb';
  readonly fullBelowBase: bigint;
  readonly minLeftoverBase: bigint;
  readonly fullBelowHealth: string;
}

function parseParams(p: LendingParams): Parsed {
  const ids = Object.keys(p.assets);
  const ltScale = Math.max(0, ...ids.map((id) => scaleOf(p.assets[id]!.liquidationThreshold)));
  const assets = ids.map((id) => {
    const a = p.assets[id]!;
    const decimals = scaleOf(a.unit);
    if (rawOf(a.unit, decimals) !== 1n) throw new Error(`lendingScenario: params.assets["${id}"].unit: expected a power of ten ≤ 1, received ${JSON.stringify(a.unit)}`);
    return { id, decimals, lt: rawOf(a.liquidationThreshold, ltScale), collateral: a.collateral, lb: a.liquidationBonus };
  });
  const r = p.rules;
  const base = (x: string): bigint => rawOf(x, p.baseScale);
  return {
    params: p,
    assets,
    ltScale,
    baseScale: p.baseScale,
    kind: r.kind,
    fullBelowBase: r.kind === 'close-factor' ? base(r.fullBelowBase) : 0n,
    minLeftoverBase: r.kind === 'close-factor' ? base(r.minLeftoverBase) : 0n,
    fullBelowHealth: r.kind === 'close-factor' ? r.fullBelowHealth : '0',
  };
}

/**
 * A price in base units (`10^−baseScale`), with few significant digits: a stablecoin near 1, WETH
 * 1,500…5,000, WBTC 20,000…110,000, anything else 0.01…999,000.
 */
function priceOf(pp: Parsed, id: string, t: number, form: number): bigint {
  const p = drawnPrice(pp, id, t, form);
  return p > 0n ? p : 1n; // a coarse base grid (baseScale < 4) may floor a drawn price to 0
}

function drawnPrice(pp: Parsed, id: string, t: number, form: number): bigint {
  const unit = ten(pp.baseScale);
  const within = (lo: number, hi: number, step: number): bigint => BigInt(Math.round((lo + ((hi - lo) * t) / SCALE) / step)) * BigInt(step);
  switch (id) {
    case 'USDC':
      return form < 5 ? unit : (BigInt(within(9700, 10300, 1)) * unit) / 10_000n;
    case 'WETH':
      // dollars, tens of dollars (3 significant digits) or cents
      return form < 2 ? within(1500, 5000, 1) * unit : form < 8 ? within(1500, 5000, 10) * unit : (within(150_000, 500_000, 1) * unit) / 100n;
    case 'WBTC':
      return form < 2 ? within(20_000, 110_000, 1) * unit : within(20_000, 110_000, form < 8 ? 100 : 1000) * unit;
    default: {
      const e = (form % 6) - 2;
      const m = within(100, 999, 1);
      return e >= 0 ? m * ten(e) * unit : (m * unit) / ten(-e);
    }
  }
}

/** `x + k·10^−4`, `k` possibly negative, on the finer of both grids. */
function plusBp(x: Ratio, k: number): Ratio {
  const s = Math.max(x.s, 4);
  return { n: x.n * ten(s - x.s) + BigInt(k) * ten(s - 4), s };
}

interface Roles {
  readonly collaterals: readonly Asset[];
  readonly debts: readonly Asset[];
  /** the request's (or, under absorb, the first) collateral and debt */
  readonly coll: Asset;
  readonly debt: Asset;
}

function rolesOf(pp: Parsed, d: Draw): Roles | null {
  const colls = pp.assets.filter((a) => a.collateral && a.lt > 0n);
  if (colls.length === 0) return null;
  const rotate = <T>(xs: readonly T[], k: number): T[] => xs.map((_, i) => xs[(i + k) % xs.length]!);
  const borrowOnly = pp.assets.filter((a) => !a.collateral);
  const rules = pp.params.rules;
  // Morpho markets: one collateral, one loan asset; Compound: the base asset is the only debt.
  const single = rules.kind === 'close-factor' && rules.closeFactor === '1' && borrowOnly.length > 0;
  const collaterals = rotate(colls, d.pick % colls.length).slice(0, single ? 1 : Math.min(d.collaterals, colls.length));
  let debts: Asset[];
  if ((single || pp.kind === 'absorb') && borrowOnly.length > 0) debts = [borrowOnly[0]!];
  else {
    const others = pp.assets.filter((a) => !collaterals.includes(a));
    if (d.overlap || others.length === 0) {
      // A debt asset that is also supplied as collateral.
      const second = others.length > 0 ? [others[d.size % others.length]!] : [];
      debts = [collaterals[0]!, ...second].slice(0, d.debts);
    } else debts = rotate(others, d.size % others.length).slice(0, d.debts);
  }
  return { collaterals, debts, coll: collaterals[d.pick % collaterals.length]!, debt: debts[(d.pick >> 3) % debts.length]! };
}

/** The HF target of a draw, before any unit offset. */
function targetOf(pp: Parsed, roles: Roles, d: Draw): Ratio {
  const t = d.pick / SCALE;
  const bpOffset = (x: Ratio): Ratio => (d.offset === 'bp-below' ? plusBp(x, -d.bp) : d.offset === 'bp-above' ? plusBp(x, d.bp) : x);
  switch (d.target) {
    case 'one':
      return bpOffset({ n: 1n, s: 0 });
    case 'switch': {
      const f = pp.fullBelowHealth === '0' ? '0.95' : pp.fullBelowHealth;
      return bpOffset(ratioOf(f));
    }
    case 'i4': {
      const lb = ratioOf(roles.coll.lb);
      const x = { n: lb.n * roles.coll.lt, s: lb.s + pp.ltScale };
      return bpOffset(x);
    }
    case 'deep':
      // HF < min LT (0.5 here) means collateral worth less than the debt: bad debt.
      return { n: BigInt(100 + Math.round(t * 4400)), s: 4 };
    case 'healthy':
      return { n: BigInt(10_500 + Math.round(t * 19_500)), s: 4 };
    case 'any':
      return { n: BigInt(500 + Math.round(t * 24_500)), s: 4 };
  }
}

/**
 * Base value of the debt: 10 … 2,000,000 base-currency units, log-uniform in the draw `t`. The
 * float only spreads the draw over a log scale; the value itself is a whole number of cents.
 */
function debtSize(pp: Parsed, t: number): bigint {
  const cents = BigInt(Math.round(1000 * Math.pow(200_000, t / SCALE)));
  return (cents * ten(pp.baseScale)) / 100n;
}

interface Solved {
  readonly supplies: Map<string, bigint>;
  readonly borrows: Map<string, bigint>;
  readonly prices: Map<string, bigint>;
}

/**
 * Supplies and borrows with `Σ v_i·LT_i = h·D` exactly (see the module remarks), or `null` when the
 * draw cannot be placed (a target HF ≤ 0).
 */
function solve(pp: Parsed, roles: Roles, d: Draw, h: Ratio): Solved | null {
  if (h.n <= 0n) return null;
  const prices = new Map<string, bigint>();
  pp.assets.forEach((a, i) => prices.set(a.id, priceOf(pp, a.id, d.prices[i % 3]!, d.priceForms[i % 3]!)));
  // Edge prices: exactly one base-currency unit, or one base step (10^−baseScale).
  if (d.priceOne !== null) prices.set(pp.assets[d.priceOne % pp.assets.length]!.id, ten(pp.baseScale));
  if (d.priceStep !== null) prices.set(pp.assets[d.priceStep % pp.assets.length]!.id, 1n);
  const q = (a: Asset): bigint => {
    const p = prices.get(a.id)!;
    return p / gcd(p, ten(a.decimals));
  };
  const fb = pp.fullBelowBase;
  const ml = pp.minLeftoverBase;
  const near = (t: bigint): bigint => {
    // ±1…3 percent of the threshold, or the nearest value the quantum allows (side 0)
    const pct = BigInt(Math.abs(d.thresholdSide));
    return t + (BigInt(Math.sign(d.thresholdSide)) * t * pct) / 100n;
  };
  const thresholdOf = (th: Threshold): bigint => (th.endsWith('full') ? fb : ml);
  const placeDebt = (d.threshold === 'debt-full' || d.threshold === 'debt-leftover') && thresholdOf(d.threshold) > 0n;
  const placeColl = (d.threshold === 'coll-full' || d.threshold === 'coll-leftover') && thresholdOf(d.threshold) > 0n;

  // The absorbing collateral: the requested one, unless it is to sit on a threshold and another
  // can absorb instead.
  const colls = roles.collaterals;
  const k = placeColl && colls.length > 1 ? colls.find((a) => a !== roles.coll)! : roles.coll;
  const Lk = k.lt;
  const qk = q(k);
  const N = ten(h.s) * Lk * qk;
  const R = N / gcd(N, h.n * ten(pp.ltScale));

  // Debts: the absorbing debt takes the remainder, so that D is a multiple of lcm(R, q).
  const debts = roles.debts;
  const bStar = placeDebt && debts.length > 1 ? debts.find((a) => a !== roles.debt)! : debts[debts.length - 1]!;
  const qb = q(bStar);
  const total = debtSize(pp, d.size);
  const borrows = new Map<string, bigint>();
  let others = 0n;
  debts.forEach((a, i) => {
    if (a === bStar) return;
    const m = lcm(q(a), qb);
    const want = placeDebt && a === roles.debt ? near(thresholdOf(d.threshold)) : (total * BigInt(d.shares[i]!)) / 1000n;
    const v = ceilToMultiple(want > 0n ? want : 1n, m);
    borrows.set(a.id, v);
    others += v;
  });
  // A requested collateral on a threshold: alone, it fixes the debt; beside an absorbing one, the
  // debt must leave it room.
  const forColl = placeColl ? collDebtFor(pp, roles, h, near(thresholdOf(d.threshold))) : 0n;
  const wantAll =
    placeDebt && bStar === roles.debt ? near(thresholdOf(d.threshold)) + others : placeColl ? (colls.length > 1 ? (total > 2n * forColl ? total : 2n * forColl) : forColl) : total;
  const mD = lcm(R, qb);
  if (mD > MAX_DEBT_MODULUS * ten(pp.baseScale)) return null;
  const D = ceilToMultiple(wantAll > others ? wantAll : others + 1n, mD);
  borrows.set(bStar.id, D - others);

  // Collaterals: W = h·D in units of 10^−(baseScale+ltScale); the others on their moduli.
  const W = (h.n * D * ten(pp.ltScale)) / ten(h.s);
  const supplies = new Map<string, bigint>();
  let used = 0n;
  colls.forEach((a, i) => {
    if (a === k) return;
    const m = lcm(q(a), (Lk * qk) / gcd(Lk * qk, a.lt));
    const want = placeColl && a === roles.coll ? near(thresholdOf(d.threshold)) : (W * BigInt(d.shares[i]!)) / (1000n * a.lt);
    let v = floorToMultiple(want, m);
    if (v <= 0n) v = m;
    if (used + v * a.lt >= W) return; // no room left: this asset stays out
    supplies.set(a.id, v);
    used += v * a.lt;
  });
  supplies.set(k.id, (W - used) / Lk);

  // Values to token amounts (exact: each value is a multiple of its asset's quantum).
  const amount = (a: Asset, v: bigint): bigint => (v * ten(a.decimals)) / prices.get(a.id)!;
  const byId = new Map(pp.assets.map((a) => [a.id, a]));
  const toAmounts = (m: Map<string, bigint>): Map<string, bigint> => new Map([...m].map(([id, v]) => [id, amount(byId.get(id)!, v)]));
  const out = { supplies: toAmounts(supplies), borrows: toAmounts(borrows), prices };

  // The nearest accounts on either side of the exact one that the units allow. Values are on the
  // base grid, and spec §11.2 floors collateral and ceils debt, so one token unit less collateral
  // (or more debt) already costs one base unit of value; the other way, it takes the fewest units
  // worth at least one base unit, ⌈10^d/p⌉ (one unit when a unit is worth more than that).
  if (d.offset === 'unit-below' || d.offset === 'unit-above') {
    const viaDebt = d.pick % 2 === 1;
    const a = viaDebt ? bStar : k;
    const p = prices.get(a.id)!;
    const step = d.offset === 'unit-below' ? 1n : (ten(a.decimals) + p - 1n) / p;
    const map = viaDebt ? out.borrows : out.supplies;
    const x = map.get(a.id)!;
    const moved = x + (d.offset === 'unit-below' === viaDebt ? step : -step);
    if (moved > 0n) map.set(a.id, moved);
  }
  return out;
}

/** The total debt for which the requested collateral, alone at HF `h`, is worth about `v`. */
function collDebtFor(pp: Parsed, roles: Roles, h: Ratio, v: bigint): bigint {
  return (v * roles.coll.lt * ten(h.s)) / (h.n * ten(pp.ltScale));
}

/** The request of a draw against a solved account. */
function requestOf(pp: Parsed, roles: Roles, s: Solved, d: Draw): LendingRequest {
  const base = { debtAsset: roles.debt.id, collateralAsset: roles.coll.id };
  const debt = s.borrows.get(roles.debt.id) ?? 0n;
  const prices = new Map([...s.prices].map(([id, p]) => [id, { n: p, s: pp.baseScale }]));
  const cap = closeFactorCap(pp.params, { ...s, prices }, base);
  const unitsOf = (x: bigint): string => decimalOf(x, roles.debt.decimals);
  let x: bigint;
  switch (d.request) {
    case 'max':
      return { ...base, debtToCover: 'max' };
    case 'one-unit':
      x = 1n;
      break;
    case 'at':
      x = cap;
      break;
    case 'below':
      x = cap > 1n ? (cap * BigInt(d.requestShare)) / 100n : cap;
      if (d.requestShare >= 95) x = cap - 1n; // one unit below the cap
      break;
    case 'above':
      x = d.requestShare % 2 === 0 ? cap + 1n : (cap * BigInt(100 + d.requestShare * 2)) / 100n + 1n;
      break;
    case 'leftover-edge': {
      // Leave a debt worth about minLeftoverBase: the fewest units worth at least it, one more or
      // one less (spec §11.7 rounds that value up, so the boundary may sit one unit lower).
      const p = s.prices.get(roles.debt.id)!;
      const left = (pp.minLeftoverBase * ten(roles.debt.decimals) + p - 1n) / p;
      x = pp.minLeftoverBase > 0n && debt > left ? debt - left + BigInt((d.requestShare % 3) - 1) : cap;
      break;
    }
  }
  return { ...base, debtToCover: unitsOf(x > 0n ? x : 1n) };
}

function build(pp: Parsed, d: Draw): LendingScenario | null {
  let roles = rolesOf(pp, d);
  if (roles === null) return null;
  const h = targetOf(pp, roles, d);
  // A target with many digits (LIF·LLTV of an 18-digit LIF) may need an enormous debt to be met
  // exactly: then aim at it rounded down to 10^−8 instead, still within 10^−8 of it.
  const solved = solve(pp, roles, d, h) ?? (h.s > 8 ? solve(pp, roles, d, { n: h.n / ten(h.s - 8), s: 8 }) : null);
  if (solved === null) return null;
  // A collateral the solve had no room for is not supplied: the request seizes a supplied one.
  if (!((solved.supplies.get(roles.coll.id) ?? 0n) > 0n)) {
    const held = roles.collaterals.find((a) => (solved.supplies.get(a.id) ?? 0n) > 0n);
    if (held === undefined) return null;
    roles = { ...roles, coll: held };
  }
  const byId = new Map(pp.assets.map((a) => [a.id, a]));
  const wire = (m: Map<string, bigint>, scale: (id: string) => number): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const id of [...m.keys()].sort()) out[id] = decimalOf(m.get(id)!, scale(id));
    return out;
  };
  const units = (id: string): number => byId.get(id)!.decimals;
  const s: LendingScenario = {
    model: 'lending',
    params: pp.params,
    prices: wire(solved.prices, () => pp.baseScale),
    account: { supplies: wire(solved.supplies, units), borrows: wire(solved.borrows, units) },
    ...(pp.kind === 'close-factor' ? { request: requestOf(pp, roles, solved, d) } : reservesOf(d, solved.borrows.get(roles.debt.id)!, roles.debt.decimals)),
  };
  return s;
}

/** Compound's reserves before absorb: absent, zero, short of or beyond the debt, or negative. */
function reservesOf(d: Draw, debt: bigint, decimals: number): { reserves?: string } {
  if (d.reserves === -3) return {};
  const x = d.reserves === 0 ? 0n : d.reserves < 0 ? -debt / BigInt(1 - d.reserves * 2) : (debt * BigInt(d.reserves)) / 3n;
  return { reserves: decimalOf(x, decimals) };
}

/**
 * Valid lending scenarios whose health factor sits on or near the places where the lending rules
 * change (see the module remarks for the mix and the exact solve).
 *
 * @remarks Drawn: one to three collaterals and one or two debts (Morpho: one and one; Compound:
 * the base asset), sometimes a debt asset that is also supplied as collateral, sometimes an asset
 * priced exactly one base unit or one base step, sometimes the request's debt or collateral
 * reserve within a few percent of `fullBelowBase` or `minLeftoverBase`. The request asks for less
 * than, exactly, or more than the close-factor cap, `"max"`, one unit, or an amount that leaves
 * the debt one unit either side of `minLeftoverBase`. Under absorb rules there is no request and
 * the reserves are drawn instead. A scenario is a new object, not frozen; its params are the
 * drawn object itself.
 */
export function lendingScenario(c: LendingScenarioConstraints = {}): fc.Arbitrary<LendingScenario> {
  const region = c.region ?? 'boundary';
  if (region !== 'boundary' && region !== 'any') throw new Error(`lendingScenario: region must be "boundary" or "any", got ${JSON.stringify(region)}`);
  const params = c.params ?? lendingParams(c.rules === undefined ? {} : { rules: c.rules });
  const draws = drawArb(region);
  return params.chain((p) => {
    const pp = parseParams(p);
    return draws.map((d) => build(pp, d)).filter((s): s is LendingScenario => s !== null);
  });
}
