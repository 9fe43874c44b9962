/**
 * A wire scenario in the integer form of the circuit-friendly profile (spec §15.1–§15.2), or why
 * it is not one: invalid input exactly as the reference says (parseScenario.ts), or a scenario
 * outside the profile as `limit-exceeded` naming the field path.
 *
 * @remarks Why a separate form: the circuit, the relation and the honest prover compute on fixed
 * scales only (layout.ts); reading the decimals once, here, and refusing whatever does not fit
 * those scales or bounds is what lets everything downstream be plain bigint arithmetic with no
 * overflow argument of its own.
 * @see docs/spec.md#15-circuit-friendly-profile
 */
import type { Dec } from '../model/decimal.ts';
import { parseScenario } from '../model/parseScenario.ts';
import type { ModelError, ParsedScenario, Scenario } from '../model/types.ts';
import { AMOUNT_SCALE, K, PRICE_SCALE, RATE_SCALE, REQ_SCALE, S, SIZE_SCALE } from './layout.ts';

/** One maintenance tier in integer form. */
export interface FormTier {
  /** L_k at scale 26 */
  readonly floor: bigint;
  /** r_k at scale 8 */
  readonly rate: bigint;
  /** cum_k at scale 34 */
  readonly cum: bigint;
}

/** One penalty step in integer form (both at scale 8). */
export interface FormStep {
  readonly ratio: bigint;
  readonly rate: bigint;
}

/** The single position of the profile, with what the result needs to name it. */
export interface FormPosition {
  readonly market: string;
  /** 1 long, 0 short */
  readonly side: 0 | 1;
  /** n = |q| / ℓ */
  readonly lots: bigint;
  /** e at scale 18 */
  readonly entry: bigint;
  /** the position is isolated: its group's collateral is its isolated margin */
  readonly isolated: boolean;
}

/**
 * The scenario in the profile's integer form. `collateral` is the group's (the cross collateral,
 * or the isolated margin); `crossCollateral` the account's cross pool (equal to `collateral` for a
 * cross position), which the result needs for an isolated position.
 */
export interface CircuitForm {
  readonly strict: boolean;
  readonly quoteScale: number;
  /** u = 10^(26 − quoteScale) */
  readonly unit: bigint;
  /** ℓ at scale 8 (0 without a position) */
  readonly lot: bigint;
  readonly tiers: readonly FormTier[];
  readonly steps: readonly FormStep[];
  readonly buffer: bigint;
  readonly share: bigint;
  /** dustNotional at scale 26 */
  readonly dust: bigint;
  /** P at scale 18 (0 without a position) */
  readonly mark: bigint;
  /** I at scale 26 */
  readonly fund: bigint;
  readonly collateral: bigint;
  readonly crossCollateral: bigint;
  /** null: the account holds no position (healthy by §4.3, answered outside the circuit) */
  readonly position: FormPosition | null;
}

export type FormOutcome = { readonly ok: true; readonly form: CircuitForm } | { readonly ok: false; readonly error: ModelError };

/** Magnitude bounds of the domain (spec §15.1), in decimal terms. */
export const DOMAIN = {
  /** every quote amount and notional (C, margin, I, floors, dust, |q|·P, |q|·e) */
  amount: 10n ** 18n,
  /** mark and entry */
  price: 10n ** 12n,
  /** lot size */
  lot: 10n ** 12n,
  /** maxMarginRatio */
  ratio: 10n ** 4n,
  /** the position in lots, n < 2^64 */
  lots: 2n ** 64n,
} as const;

/** Reads a wire scenario into the profile's integer form. */
export function circuitForm(scenario: Scenario | unknown): FormOutcome {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', issues: parsed.issues } };
  return formOfParsed(parsed.value);
}

class Outside extends Error {}

function outside(path: string, what: string): never {
  throw new Outside(`outside the circuit-friendly profile: ${path}: ${what}`);
}

/** `d · 10^scale` as an integer, or outside the profile (more fraction digits than `scale`). */
function scaled(d: Dec, scale: number, path: string): bigint {
  if (d.decimalPlaces() > scale) outside(path, `at most ${scale} fraction digits, received ${d.toFixed()}`);
  return BigInt(d.mul(`1e${scale}`).toFixed(0));
}

function bounded(x: bigint, scale: number, max: bigint, path: string): bigint {
  if (x > max * 10n ** BigInt(scale)) outside(path, `at most ${max}`);
  return x;
}

/** {@link circuitForm} on an already validated scenario. */
export function formOfParsed(sc: ParsedScenario): FormOutcome {
  try {
    return { ok: true, form: read(sc) };
  } catch (e) {
    if (e instanceof Outside) return { ok: false, error: { code: 'limit-exceeded', message: e.message } };
    throw e;
  }
}

function read(sc: ParsedScenario): CircuitForm {
  if (sc.policy !== undefined) outside('policy', 'the profile is the built-in minimal-close policy (no policy field)');
  if (sc.book !== undefined) outside('book', 'no order book');
  if (sc.requests !== undefined) outside('requests', 'no requested sizes');
  const p = sc.params;
  if (p.assets !== undefined) outside('params.assets', 'no collateral assets');
  if (!p.priceImpact.isZero()) outside('params.priceImpact', 'σ = 0 (no price impact)');
  if (sc.positions.length > 1) outside('account.positions', `at most one position, received ${sc.positions.length}`);
  const amount = (d: Dec, path: string): bigint => bounded(scaled(d, AMOUNT_SCALE, path), AMOUNT_SCALE, DOMAIN.amount, path);
  const rate = (d: Dec, path: string): bigint => scaled(d, RATE_SCALE, path);
  const buffer = rate(p.buffer, 'params.targetBuffer');
  const share = rate(p.liquidatorShare, 'params.penalty.liquidatorShare');
  if (p.steps.length > S) outside('params.penalty.steps', `at most ${S} steps, received ${p.steps.length}`);
  const steps = p.steps.map((s, i) => ({
    ratio: bounded(rate(s.maxMarginRatio, `params.penalty.steps[${i}].maxMarginRatio`), RATE_SCALE, DOMAIN.ratio, `params.penalty.steps[${i}].maxMarginRatio`),
    rate: rate(s.rate, `params.penalty.steps[${i}].rate`),
  }));
  const dust = amount(p.dustNotional, 'params.dustNotional');
  const fund = amount(sc.insuranceFund, 'insuranceFund');
  const crossCollateral = amount(sc.collateral, 'account.collateral');
  const unit = 10n ** BigInt(AMOUNT_SCALE - p.quoteScale);
  const common = { strict: p.trigger === 'strict', quoteScale: p.quoteScale, unit, steps, buffer, share, dust, fund, crossCollateral };
  const pos = sc.positions[0];
  if (pos === undefined) return { ...common, lot: 0n, tiers: [{ floor: 0n, rate: 0n, cum: 0n }], mark: 0n, collateral: crossCollateral, position: null };

  const mp = `params.markets.${pos.market}`;
  const m = p.markets.get(pos.market)!;
  if (m.contract !== undefined && m.contract.kind !== 'linear') outside(`${mp}.contract`, 'linear markets only');
  if (m.tiers.length > K) outside(`${mp}.tiers`, `at most ${K} tiers, received ${m.tiers.length}`);
  const lot = bounded(scaled(m.lot, SIZE_SCALE, `${mp}.lotSize`), SIZE_SCALE, DOMAIN.lot, `${mp}.lotSize`);
  const tiers = m.tiers.map((t, i) => ({
    floor: amount(t.floor, `${mp}.tiers[${i}].notionalFloor`),
    rate: rate(t.rate, `${mp}.tiers[${i}].maintenanceRate`),
    cum: scaled(t.amount, REQ_SCALE, `${mp}.tiers[${i}].maintenanceAmount`),
  }));
  const mark = bounded(scaled(sc.marks.get(pos.market)!, PRICE_SCALE, `marks.${pos.market}`), PRICE_SCALE, DOMAIN.price, `marks.${pos.market}`);
  const path = `account.positions[0]`;
  const entry = bounded(scaled(pos.entry, PRICE_SCALE, `${path}.entryPrice`), PRICE_SCALE, DOMAIN.price, `${path}.entryPrice`);
  const size = scaled(pos.size, SIZE_SCALE, `${path}.size`);
  const abs = size < 0n ? -size : size;
  const lots = abs / lot; // a lot multiple (§2.3, checked by the parse)
  if (lots >= DOMAIN.lots) outside(`${path}.size`, 'fewer than 2^64 lots');
  const max = DOMAIN.amount * 10n ** BigInt(AMOUNT_SCALE);
  if (abs * mark > max) outside(`${path}.size`, `notional |q|·P at most ${DOMAIN.amount}`);
  if (abs * entry > max) outside(`${path}.size`, `entry notional |q|·e at most ${DOMAIN.amount}`);
  const isolated = pos.isolatedMargin !== null;
  const collateral = isolated ? amount(pos.isolatedMargin!, `${path}.isolatedMargin`) : crossCollateral;
  // §15.3: f_max < r_0 + b and the per-lot gain condition ℓ·P·(r_0 + b − f_max) ≥ 2u (scale 34).
  const fMax = steps[steps.length - 1]!.rate;
  const margin = tiers[0]!.rate + buffer - fMax;
  if (margin <= 0n) outside('params.penalty.steps', `the last rate below r_0 + b (the slack must grow with every lot)`);
  if (lot * mark * margin < 2n * unit * 10n ** BigInt(RATE_SCALE)) {
    outside(`marks.${pos.market}`, `a lot must raise the slack by at least 2u: ℓ·P·(r_0 + b − f_max) ≥ 2·10^−${p.quoteScale}`);
  }
  return { ...common, lot, tiers, mark, collateral, position: { market: pos.market, side: size > 0n ? 1 : 0, lots, entry, isolated } };
}
