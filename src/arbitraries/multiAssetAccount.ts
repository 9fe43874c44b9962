/**
 * Accounts whose cross group holds collateral assets (spec §13) near the boundaries that matter.
 *
 * The positions, marks, isolated groups and insurance fund come from the linear generator
 * ({@link scenario} on the params without `assets`), so they are placed exactly as for any linear
 * account. Then the cross group gets its assets and its quote balance `C`: the goal is drawn first
 * (the linear draw's `E = ρ·MM`, `E = MM ± u`, `E = T` and one unit either side, `E = 0` for a
 * group without position, a deficit the first asset in sale order covers exactly with its whole
 * balance or misses by one unit, more debt than every asset fetches, borrowed quote on a healthy
 * account), the sign of `C` second (§13.2's kink is at `C = 0`: the weight `l` or `l′` of `C` is
 * known only once its sign is), and then one asset — the absorber — gets the price that makes the
 * goal hold exactly: `p = V / (a·k)` for its needed weighted value `V` and weight `k` (`w` or `w′`),
 * with `C` moved a few quote units until that quotient terminates within 18 fraction digits.
 * @see docs/spec.md#13-multi-asset-collateral-hybrid-margin
 */
import fc from 'fast-check';
import { Dec } from '../model/decimal.ts';
import { FONE, FZERO, Fixed, ceilTo, floorDiv, floorTo, fromDec, pow10, toCanonical } from '../model/fixed.ts';
import { maintenanceMargin } from '../model/maintenanceMargin.ts';
import type { PositionInput, RiskParams, Scenario } from '../model/types.ts';

/** The goal the cross group is solved to (see the module comment). */
export type MultiAssetGoal =
  | 'ratio'
  | 'mm-minus'
  | 'mm-plus'
  | 'target'
  | 'target-minus'
  | 'target-plus'
  | 'zero'
  | 'zero-minus'
  | 'zero-plus'
  | 'deficit-exact'
  | 'deficit-short'
  | 'exhausted'
  | 'healthy-debt';

/** The wire form of one asset of `params.assets` (spec §13.1). */
interface WireAsset {
  readonly unit: string;
  readonly weight: string;
  readonly targetWeight?: string;
  readonly discount?: string;
  readonly feeFactor?: string;
}

/** An asset on exact amounts: `ratio = π/p` is `1 − δ`, or `1/φ` as the pair `(1, φ)`. */
interface Asset {
  readonly id: string;
  readonly unit: Fixed;
  readonly w: Fixed;
  readonly w2: Fixed;
  /** `π = p·num/den` */
  readonly num: Fixed;
  readonly den: Fixed;
}

/** Whether a wire parameter set has collateral assets (spec §13.1). */
export function hasAssets(params: RiskParams): boolean {
  return (params as { readonly assets?: unknown }).assets !== undefined;
}

const fx = (s: string): Fixed => fromDec(new Dec(s));
const int = (n: number | bigint): Fixed => new Fixed(BigInt(n), 0);
const SCALE = 1_000_000;
/** Units a sale may step through (spec §13.4 refuses more than 2^20; kept well below). */
const MOST_STEPS = 1n << 16n;

function assetsOf(params: RiskParams): Asset[] {
  const wire = (params as { readonly assets?: Readonly<Record<string, WireAsset>> }).assets ?? {};
  return Object.entries(wire).map(([id, a]) => {
    const w = fx(a.weight);
    return {
      id,
      unit: fx(a.unit),
      w,
      w2: a.targetWeight === undefined ? w : fx(a.targetWeight),
      num: a.discount !== undefined ? FONE.sub(fx(a.discount)) : FONE,
      den: a.feeFactor !== undefined ? fx(a.feeFactor) : FONE,
    };
  });
}

/** `l`, `l′` of a negative quote balance (spec §13.1). */
function debtWeightsOf(params: RiskParams): { l: Fixed; l2: Fixed } {
  const q = (params as { readonly quoteDebt?: { readonly weight: string; readonly targetWeight: string } }).quoteDebt;
  return q === undefined ? { l: FONE, l2: FONE } : { l: fx(q.weight), l2: fx(q.targetWeight) };
}

/** `n/d` exactly with at most 18 fraction digits, or null when it does not terminate there (`d > 0`). */
export function exactQuotient(n: Fixed, d: Fixed): Fixed | null {
  for (let s = 0; s <= 18; s++) {
    const top = n.m * pow10(s + d.s);
    const bottom = d.m * pow10(n.s);
    if (top % bottom === 0n) return new Fixed(top / bottom, s);
  }
  return null;
}

/** The largest `k·10^e ≤ n` (`n ≥ 1`) with `k ∈ {1, 2, 4, 5, 8}`: a count with only the prime factors 2 and 5. */
function smoothCount(n: bigint): bigint {
  let e = 1n;
  while (e * 10n <= n) e *= 10n;
  for (const k of [8n, 5n, 4n, 2n, 1n]) if (k * e <= n) return k * e;
  return 1n;
}

/** A price log-spread over `[10^−4, 10^5]` with four significant digits. */
function priceAt(t: number): Fixed {
  const e = Math.floor((t / (SCALE + 1)) * 9) - 4; // −4 … 4
  const mant = 1000 + ((t * 7919) % 9000); // 1000 … 9999
  return e >= 3 ? new Fixed(BigInt(mant) * pow10(e - 3), 0) : new Fixed(BigInt(mant), 3 - e);
}

interface AssetDraw {
  readonly value: number;
  readonly price: number;
  readonly unitPrice: boolean;
}

interface Draw {
  readonly goal: MultiAssetGoal;
  readonly negative: boolean;
  readonly debt: number;
  readonly tokenOnly: boolean;
  readonly held: readonly string[];
  readonly assets: readonly AssetDraw[];
  readonly tie: boolean;
  readonly scale: number;
  readonly offset: number;
}

interface Held {
  readonly asset: Asset;
  amount: Fixed;
  price: Fixed;
}

/** What a linear account's cross group contributes (§4.2, tiers at mark). */
interface CrossPart {
  readonly pnl: Fixed;
  readonly mm: Fixed;
  readonly notional: Fixed;
  /** the linear draw's `E = C + Σ U`, on its drawn ratio */
  readonly equity: Fixed;
}

function crossPartOf(s: Scenario, positions: readonly PositionInput[]): CrossPart {
  let pnl = FZERO;
  let mm = FZERO;
  let notional = FZERO;
  for (const q of positions) {
    const size = fx(q.size);
    const mark = fx(s.marks[q.market]!);
    pnl = pnl.add(size.mul(mark.sub(fx(q.entryPrice))));
    const n = size.abs().mul(mark);
    notional = notional.add(n);
    const m = s.params.markets[q.market]!;
    const tiers = m.tiers.map((t) => ({ floor: new Dec(t.notionalFloor), rate: new Dec(t.maintenanceRate), amount: new Dec(t.maintenanceAmount), initialRate: new Dec(t.initialRate) }));
    mm = mm.add(fromDec(maintenanceMargin(tiers, new Dec(toCanonical(n)))));
  }
  return { pnl, mm, notional, equity: fx(s.account.collateral).add(pnl) };
}

/** The amount of `a` worth about `value` at `price`, on its unit grid, at least one unit, few steps. */
function amountFor(a: Asset, value: Fixed, price: Fixed, unit: Fixed): { amount: Fixed; price: Fixed } {
  let p = price;
  // A sale walks one unit at a time past its closed form while one unit fetches under a quote unit
  // (spec §13.4): keep `balance/unit` or `u/(π·unit)` small, so no draw reaches the step limit.
  const perUnit = (x: Fixed): Fixed => a.unit.mul(x).mul(a.num);
  const highest = new Fixed(pow10(9), 0);
  for (let i = 0; i < 40 && p.lte(highest); i++) {
    const amount = fmaxF(a.unit, floorTo(exactOr(value, p), a.unit));
    const units = unitsOf(amount, a.unit);
    if (units <= MOST_STEPS || perUnit(p).mul(new Fixed(MOST_STEPS, 0)).gte(unit.mul(a.den))) return { amount, price: p };
    p = p.mul(int(10));
  }
  return { amount: a.unit, price: p };
}

function fmaxF(a: Fixed, b: Fixed): Fixed {
  return a.gt(b) ? a : b;
}

/** `value/price` rounded down to 18 digits (only an amount to round to the unit grid). */
function exactOr(value: Fixed, price: Fixed): Fixed {
  const top = value.m * pow10(18 + price.s);
  const bottom = price.m * pow10(value.s);
  const q = top / bottom;
  return new Fixed(q < 0n ? 0n : q, 18);
}

/**
 * Solves `λ·C + V = rhs` for `C = c·u` of the drawn sign near `c0` and the absorber's price
 * `p = V/(a·k)` (`V > 0`: an asset's weighted value). A non-negative `C` that leaves no positive `V`
 * turns into borrowed quote: the account needs the debt to be where the goal puts it.
 */
function solve(rhs: (lambda: Fixed) => Fixed, c0: bigint, negative: boolean, l: Fixed, ab: Held, k: Fixed, unit: Fixed, desired: Fixed): Fixed | null {
  if (!negative && rhs(FONE).sub(unit.mul(new Fixed(c0 < 0n ? 0n : c0, 0))).sign() <= 0) [negative, c0] = [true, -1n];
  // With C < 0, V > 0 iff c < rhs/(l·u): start below that bound.
  if (negative) c0 = bigMin(c0, floorDiv(rhs(l), l.mul(unit)).m - 1n);
  let sized = false;
  for (let i = 0n; i < 600n; i++) {
    const c = negative ? c0 - i : c0 + i;
    if (!negative && c < 0n) return null;
    const lambda = c < 0n ? l : FONE;
    const C = unit.mul(new Fixed(c, 0));
    const V = rhs(lambda).sub(lambda.mul(C));
    if (V.sign() <= 0) continue;
    if (!sized) {
      // A balance whose count of units has only the factors 2 and 5, so `V/(a·k)` terminates for
      // most `V`: only the weight's own other factors are left for the search over `C`.
      const fit = amountFor(ab.asset, V, desired.mul(k), unit);
      ab.amount = ab.asset.unit.mul(int(smoothCount(unitsOf(fit.amount, ab.asset.unit))));
      sized = true;
    }
    const p = exactQuotient(V, ab.amount.mul(k));
    if (p !== null && p.sign() > 0) {
      ab.price = p;
      return C;
    }
  }
  return null;
}

function bigMin(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** `⌊a·π⌋_u`: the proceeds of selling the whole balance (spec §13.4). */
function proceedsOf(h: Held, unit: Fixed): Fixed {
  const y = h.amount.mul(h.price).mul(h.asset.num);
  const q = exactOr(y, h.asset.den);
  return floorTo(q, unit);
}

function saleKey(h: Held): Fixed {
  return h.amount.mul(h.price).mul(h.asset.w2);
}

function build(base: Scenario, params: RiskParams, assets: readonly Asset[], d: Draw): Scenario {
  const unit = new Fixed(1n, params.quoteScale);
  const { l, l2 } = debtWeightsOf(params);
  const unitDebt = l.eq(FONE) && l2.eq(FONE);
  const all = base.account.positions;
  const tokenGoals: MultiAssetGoal[] = ['zero', 'zero-minus', 'zero-plus', 'deficit-exact', 'deficit-short', 'exhausted'];
  // Cross positions only where §13.1 allows them (l = l′ = 1) and the goal is about positions.
  const tokenOnly = d.tokenOnly || tokenGoals.includes(d.goal) || !unitDebt || all.every((q) => q.isolatedMargin !== undefined);
  const positions = tokenOnly ? all.filter((q) => q.isolatedMargin !== undefined) : all;
  const cross = positions.filter((q) => q.isolatedMargin === undefined);
  const part = crossPartOf(base, cross);
  let goal = d.goal;
  if (tokenOnly && (goal === 'ratio' || goal === 'mm-minus' || goal === 'mm-plus')) goal = (['zero', 'zero-minus', 'zero-plus'] as const)[d.offset % 3]!;

  const byId = new Map(assets.map((a) => [a.id, a]));
  const held: Held[] = d.held.map((id, i) => {
    const a = byId.get(id)!;
    const ad = d.assets[i % d.assets.length]!;
    return { asset: a, amount: a.unit, price: ad.unitPrice ? unitPrice(a, unit) : priceAt(ad.price) };
  });
  // The scale of the account's values: its requirement, or a drawn size without positions.
  const scale = tokenOnly || part.mm.sign() <= 0 ? new Fixed(BigInt(1 + (d.scale % 9)) * pow10(d.scale % 7), 0) : part.mm;
  const share = (t: number): Fixed => scale.mul(new Fixed(BigInt(1 + (t % 3000)), 3)); // 0.001 … 3 × scale
  held.forEach((h, i) => {
    const ad = d.assets[i % d.assets.length]!;
    const fit = amountFor(h.asset, share(ad.value), h.price, unit);
    h.amount = fit.amount;
    h.price = fit.price;
  });
  const sold = (): Held[] => [...held].sort((x, y) => saleKey(y).cmp(saleKey(x)) || (x.asset.id < y.asset.id ? -1 : x.asset.id > y.asset.id ? 1 : 0));
  // Two assets with one a·p·w′ (the tie by id of §13.4): the second's price made equal in value.
  if (d.tie && held.length >= 3) {
    const [x, y] = [held[1]!, held[2]!];
    if (x.asset.w2.sign() > 0 && y.asset.w2.sign() > 0) {
      // a_x·p_x·w′_x = a_y·p_y·w′_y with p_x a multiple of w′_y and a_y of only 2s and 5s: p_y terminates.
      y.amount = y.asset.unit.mul(int(smoothCount(unitsOf(y.amount, y.asset.unit))));
      const px = x.price.mul(y.asset.w2);
      const py = exactQuotient(x.amount.mul(x.price).mul(x.asset.w2), y.amount);
      if (py !== null && py.sign() > 0) [x.price, y.price] = [px, py];
    }
  }
  const sum = (k: (h: Held) => Fixed, skip?: Held): Fixed => held.reduce((acc, h) => (h === skip ? acc : acc.add(h.amount.mul(h.price).mul(k(h)))), FZERO);
  const cOf = (x: Fixed): bigint => unitsOf(floorTo(x, unit), unit);
  const ab = held.find((h) => (['target', 'target-minus', 'target-plus', 'healthy-debt'].includes(goal) ? h.asset.w2 : h.asset.w).sign() > 0);
  let C: Fixed | null = null;

  switch (goal) {
    case 'ratio':
    case 'mm-minus':
    case 'mm-plus':
    case 'zero':
    case 'zero-minus':
    case 'zero-plus': {
      // E = Ĉ + Σ a·p·w + Σ U = E*.
      const eStar =
        goal === 'ratio' ? part.equity : goal === 'mm-minus' || goal === 'zero-minus' ? part.mm.sub(unit) : goal === 'mm-plus' || goal === 'zero-plus' ? part.mm.add(unit) : part.mm;
      if (ab !== undefined) {
        const rest = sum((h) => h.asset.w, ab).add(part.pnl);
        const c0 = d.negative ? -debtCount(scale, unit, d.debt) : cOf(fmaxF(FZERO, eStar.sub(rest)).mul(new Fixed(BigInt(d.debt % 1000), 3)));
        C = solve(() => eStar.sub(rest), c0, d.negative, l, ab, ab.asset.w, unit, ab.price);
      }
      if (C === null) C = ceilTo(eStar.sub(sum((h) => h.asset.w)).sub(part.pnl), unit);
      break;
    }
    case 'target':
    case 'target-minus':
    case 'target-plus':
    case 'healthy-debt': {
      // E − T = Ĉ′ + Σ a·p·w′ + Σ U − MM − b·ΣN = offset.
      const offset = goal === 'target-minus' ? unit.neg() : goal === 'target-plus' ? unit : goal === 'healthy-debt' ? scale.mul(new Fixed(BigInt(1 + (d.offset % 500)), 3)) : FZERO;
      const req = part.mm.add(fx(params.targetBuffer).mul(part.notional));
      const negative = goal === 'healthy-debt' ? true : d.negative;
      if (ab !== undefined) {
        const rest = sum((h) => h.asset.w2, ab).add(part.pnl).sub(req);
        const c0 = negative ? -debtCount(scale, unit, d.debt) : 0n;
        C = solve(() => offset.sub(rest), c0, negative, l2, ab, ab.asset.w2, unit, ab.price);
      }
      if (C === null) C = ceilTo(offset.sub(sum((h) => h.asset.w2)).sub(part.pnl).add(req), unit);
      break;
    }
    case 'deficit-exact':
    case 'deficit-short': {
      // The first asset in sale order fetches exactly the deficit with its whole balance (or one unit less).
      // The lead: the asset whose sale price most exceeds its weight (π/p − w), so that a deficit it
      // covers exactly still leaves E < 0 when any can; the others are made small behind it.
      const margin = (h: Held): Fixed => (h.asset.w2.sign() > 0 ? h.asset.num.sub(h.asset.w.mul(h.asset.den)) : new Fixed(-100n, 0));
      const first = held.reduce((best, h) => (margin(h).gt(margin(best)) ? h : best));
      for (const h of held) if (h !== first) h.amount = fmaxF(h.asset.unit, floorTo(h.amount.mul(new Fixed(1n, 2)), h.asset.unit));
      first.amount = first.asset.unit.mul(int(smoothCount(unitsOf(first.amount, first.asset.unit))));
      // a·π = c·u exactly: p = c·u·den/(a·num), for the first count c at or above today's proceeds that terminates.
      const c0 = unitsOf(proceedsOf(first, unit), unit);
      for (let c = c0 < 1n ? 1n : c0; c < c0 + 600n; c++) {
        const p = exactQuotient(unit.mul(int(c)).mul(first.asset.den), first.amount.mul(first.asset.num));
        if (p !== null && p.sign() > 0) {
          first.price = p;
          break;
        }
      }
      const lead = sold()[0]!;
      C = proceedsOf(lead, unit).neg().sub(goal === 'deficit-short' ? unit : FZERO);
      if (C.sign() >= 0) C = unit.neg();
      break;
    }
    case 'exhausted': {
      // More debt than every asset fetches: sold out, still short.
      const all = held.reduce((acc, h) => acc.add(proceedsOf(h, unit)), FZERO);
      C = all.add(ceilTo(all.mul(new Fixed(BigInt(1 + (d.offset % 1000)), 3)), unit)).add(unit).neg();
      break;
    }
  }

  const accountAssets: Record<string, string> = {};
  const assetPrices: Record<string, string> = {};
  for (const h of held) {
    accountAssets[h.asset.id] = toCanonical(h.amount);
    assetPrices[h.asset.id] = toCanonical(h.price);
  }
  return Object.freeze({
    params,
    marks: base.marks,
    account: Object.freeze({ collateral: toCanonical(C), positions: Object.freeze([...positions]), assets: Object.freeze(accountAssets) }),
    insuranceFund: base.insuranceFund,
    assetPrices: Object.freeze(assetPrices),
  } as Scenario);
}

/** Quote units of a debt of 0.001 … 1.5 × `scale` (drawn by `t`). */
function debtCount(scale: Fixed, u: Fixed, t: number): bigint {
  return unitsOf(ceilTo(scale.mul(new Fixed(BigInt(1 + (t % 1500)), 3)), u), u);
}

/** `x / step` for `x` on the grid of `step`. */
function unitsOf(x: Fixed, step: Fixed): bigint {
  const s = Math.max(x.s, step.s);
  return (x.m * pow10(s - x.s)) / (step.m * pow10(s - step.s));
}

/** The price at which one unit of `a` is worth one quote unit: `p·unit = u`. */
function unitPrice(a: Asset, unit: Fixed): Fixed {
  return exactQuotient(unit, a.unit) ?? FONE;
}

const goalArb: fc.Arbitrary<MultiAssetGoal> = fc.oneof(
  { arbitrary: fc.constant<MultiAssetGoal>('ratio'), weight: 20 },
  { arbitrary: fc.constant<MultiAssetGoal>('mm-minus'), weight: 5 },
  { arbitrary: fc.constant<MultiAssetGoal>('mm-plus'), weight: 5 },
  { arbitrary: fc.constant<MultiAssetGoal>('target'), weight: 8 },
  { arbitrary: fc.constant<MultiAssetGoal>('target-minus'), weight: 4 },
  { arbitrary: fc.constant<MultiAssetGoal>('target-plus'), weight: 4 },
  { arbitrary: fc.constant<MultiAssetGoal>('zero'), weight: 6 },
  { arbitrary: fc.constant<MultiAssetGoal>('zero-minus'), weight: 3 },
  { arbitrary: fc.constant<MultiAssetGoal>('zero-plus'), weight: 3 },
  { arbitrary: fc.constant<MultiAssetGoal>('deficit-exact'), weight: 8 },
  { arbitrary: fc.constant<MultiAssetGoal>('deficit-short'), weight: 6 },
  { arbitrary: fc.constant<MultiAssetGoal>('exhausted'), weight: 5 },
  { arbitrary: fc.constant<MultiAssetGoal>('healthy-debt'), weight: 6 },
);

/** The params without their assets: what the linear generator draws the positions under. */
const linearOf = new WeakMap<RiskParams, RiskParams>();
export function linearParams(params: RiskParams): RiskParams {
  let p = linearOf.get(params);
  if (p === undefined) {
    const { assets: _a, quoteDebt: _q, ...rest } = params as RiskParams & { assets?: unknown; quoteDebt?: unknown };
    linearOf.set(params, (p = Object.freeze(rest) as RiskParams));
  }
  return p;
}

/**
 * Multi-asset accounts under `params` (with `assets`), drawn from `linear` (scenarios under
 * {@link linearParams}`(params)`: positions, marks, isolated groups, fund).
 *
 * @remarks The scenario carries no policy: assets run only under one (§13.1), which the caller
 * stamps in (policyScenario.ts). Edge-biased, and measured by multiAssetLabels.ts: `E = MM` and
 * one unit either side (`E = 0` without cross positions), `E = T` and one unit either side, a
 * deficit covered exactly by one asset's whole balance or one unit short, debt beyond every asset,
 * healthy accounts with borrowed quote, an asset price at which one unit is worth one quote unit,
 * two assets with equal `a·p·w′` (the tie by id), one to four assets held.
 */
export function multiAssetAccount(params: RiskParams, linear: fc.Arbitrary<Scenario>): fc.Arbitrary<Scenario> {
  const assets = assetsOf(params);
  const ids = assets.map((a) => a.id);
  if (ids.length === 0) throw new Error('multiAssetAccount: params.assets: expected at least one asset, received none');
  const most = Math.min(4, ids.length);
  const assetDraw = fc.record({
    value: fc.integer({ min: 0, max: SCALE }),
    price: fc.integer({ min: 0, max: SCALE }),
    unitPrice: fc.integer({ min: 0, max: 11 }).map((k) => k === 0),
  });
  return fc
    .record({
      base: linear,
      goal: goalArb,
      negative: fc.boolean(),
      debt: fc.integer({ min: 0, max: SCALE }),
      tokenOnly: fc.integer({ min: 0, max: 3 }).map((k) => k === 0),
      held: fc.integer({ min: 1, max: most }).chain((n) => fc.shuffledSubarray(ids, { minLength: n, maxLength: n })),
      assets: fc.array(assetDraw, { minLength: most, maxLength: most }),
      tie: fc.boolean(),
      scale: fc.integer({ min: 0, max: SCALE }),
      offset: fc.integer({ min: 0, max: SCALE }),
    })
    .map(({ base, ...d }) => build(base, params, assets, d));
}
