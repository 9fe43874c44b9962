/**
 * The slack of closing `i` lots of one position (spec §6.3, §14.5), in integers at scale 54: the
 * exact `g(i)` and the rounded `ĝ(i)` with its two rounding witnesses, plus the bracket check
 * every maintenance requirement uses. Shared by the certifier (which searches) and the verifier
 * (which checks): both read the same formulas, and the verifier's tests pin them to the reference.
 * @see docs/spec.md#145-minimal-close-and-full-close
 */
import { E18, E36, type ParamsI, type PositionI, type TierI } from './scenarioView.ts';

/** Whether bracket `t` holds notional `n` (scale 36): `L_t ≤ n < L_{t+1}` (spec §3). */
export function tierHolds(tiers: readonly TierI[], n: bigint, t: number): boolean {
  if (!Number.isInteger(t) || t < 0 || t >= tiers.length) return false;
  if (tiers[t]!.floor * E18 > n) return false;
  return t === tiers.length - 1 || n < tiers[t + 1]!.floor * E18;
}

/** The bracket of notional `n` by scan (the certifier's search; the verifier only checks one). */
export function tierOf(tiers: readonly TierI[], n: bigint): number {
  let t = 0;
  while (t + 1 < tiers.length && tiers[t + 1]!.floor * E18 <= n) t++;
  return t;
}

/** `MM = N·r_t − cum_t` at scale 54 for notional `n` at scale 36 in bracket `t`. */
export function requirement(tiers: readonly TierI[], n: bigint, t: number): bigint {
  const tier = tiers[t]!;
  return n * tier.rate - tier.amount * E36;
}

/** Meets the target (spec §4.4): `≥ 0` strict, `> 0` inclusive, of a slack at any scale. */
export function meets(p: ParamsI, slack: bigint): boolean {
  return p.strict ? slack >= 0n : slack > 0n;
}

/** The position being decided, in the group state before its fill. */
export interface Decision {
  readonly params: ParamsI;
  readonly pos: PositionI;
  /** current |q| (scale 18) */
  readonly size: bigint;
  readonly long: boolean;
  /** execution price x (18) */
  readonly price: bigint;
  /** penalty rate f (18) */
  readonly rate: bigint;
  /** group equity E (36) */
  readonly equity: bigint;
  /** target of the rest of the group, Σ MM + b·N over the other positions (54) */
  readonly restTarget: bigint;
}

/** `q_c` (18·18 → scale 18 size) of closing `i` lots: signed like the position. */
const closed = (d: Decision, i: bigint): bigint => (d.long ? i : -i) * d.pos.m.lot;

/** The remainder's notional `(|q| − iℓ)·P` at scale 36. */
export function remainderNotional(d: Decision, i: bigint): bigint {
  return (d.size - i * d.pos.m.lot) * d.pos.mark;
}

/** `T_rest + MM_t(N') + b·N'` at scale 54. */
function targetAfter(d: Decision, i: bigint, t: number): bigint {
  const n = remainderNotional(d, i);
  return d.restTarget + requirement(d.pos.m.tiers, n, t) + d.params.buffer * n;
}

/** Exact slack `g(i) = E − c·Δ − f·P·Δ − [T_rest + MM(N') + b·N']` at scale 54 (tier `t` of N'). */
export function exactSlack(d: Decision, i: bigint, t: number): bigint {
  const qc = closed(d, i);
  // c·Δ = q_c·(P − x) for either side (x ≤ P for a sell, x ≥ P for a buy)
  return (d.equity - qc * (d.pos.mark - d.price)) * E18 - d.rate * d.pos.mark * i * d.pos.m.lot - targetAfter(d, i, t);
}

/**
 * Rounded slack `ĝ(i) = E⁻ − π·u − [T_rest + MM(N') + b·N']` at scale 54, `E⁻ = E − q_c·(P − e) + R·u`
 * (spec §7.3), with the witnesses `R` (realized PnL) and `π` (uncapped penalty) in quote units.
 */
export function roundedSlack(d: Decision, i: bigint, t: number, pnl: bigint, penalty: bigint): bigint {
  const u = d.params.u;
  const before = d.equity - closed(d, i) * (d.pos.mark - d.pos.entry) + pnl * u * E18;
  return before * E18 - penalty * u * E36 - targetAfter(d, i, t);
}

/** `R·u ≤ q_c·(x − e) < (R + 1)·u` (scale 36): `R = ⌊q_c·(x − e)⌋_u` in units. */
export function pnlHolds(d: Decision, i: bigint, pnl: bigint): boolean {
  const exact = closed(d, i) * (d.price - d.pos.entry);
  const u = d.params.u * E18;
  return pnl * u <= exact && exact < (pnl + 1n) * u;
}

/** `(π − 1)·u < f·P·iℓ ≤ π·u` (scale 54): `π = ⌈f·N_c⌉_u` in units. */
export function penaltyHolds(d: Decision, i: bigint, penalty: bigint): boolean {
  const exact = d.rate * d.pos.mark * i * d.pos.m.lot;
  const u = d.params.u * E36;
  return (penalty - 1n) * u < exact && exact <= penalty * u;
}
