/**
 * The liquidity model (docs/simulation.md S4): an impact factor `I = P + Q` (permanent and
 * temporary fractions) that liquidation flow pushes and that recovers between steps. The mark is
 * `max(τ, ⌊x_t·(1 + P + Q)⌋_τ)`.
 * @see docs/simulation.md#s4-the-liquidity-model-impact-permanent-and-temporary-with-recovery
 */
import { type Dec, dmax, dmin, floorDiv, floorTo, ONE, ZERO } from '../model/decimal.ts';
import { FRACTION_UNIT, PHI_SCALE, sqrtOfInteger, truncPhi } from './fraction.ts';
import type { Liquidity } from './simulationSetup.ts';

export interface ImpactState {
  readonly permanent: Dec;
  readonly temporary: Dec;
}

export const NO_IMPACT: ImpactState = Object.freeze({ permanent: ZERO, temporary: ZERO });

/** The mark at exogenous price `x` under impact `s`, on the tick and at least one tick. */
export function markOf(x: Dec, s: ImpactState, tick: Dec): Dec {
  return dmax(tick, floorTo(x.mul(ONE.add(s.permanent).add(s.temporary)), tick));
}

/** S4: at the start of every step after the first, `Q ← ⌊Q·(1 − ρ)⌋_Φ`. */
export function recover(s: ImpactState, liquidity: Liquidity): ImpactState {
  if (s.temporary.isZero()) return s;
  return { permanent: s.permanent, temporary: truncPhi(s.temporary.mul(ONE.sub(liquidity.recovery))) };
}

/** `ι` for a flow of `|F|` base at mark `m`: `⌊λ·(|F|·m/D)⌋_Φ` or `⌊λ·√(|F|·m/D)⌋_Φ`, at most `ιmax`. */
export function impactOf(flow: Dec, mark: Dec, liquidity: Liquidity): Dec {
  if (flow.isZero()) return ZERO;
  // Exact quotients (divToInt), never a rounded 200-digit division: the floor must be the true one.
  const volume = flow.abs().mul(mark);
  const raw =
    liquidity.kind === 'linear'
      ? floorDiv(liquidity.lambda.mul(volume).mul(PHI_SCALE), liquidity.depth).div(PHI_SCALE)
      : truncPhi(liquidity.lambda.mul(sqrtOfInteger(floorDiv(volume.mul(PHI_SCALE).mul(PHI_SCALE), liquidity.depth))));
  return dmin(raw, liquidity.maxImpact);
}

/**
 * A round's net flow `F` (base, positive when sold into the market) applied: `P −= sgn(F)·⌊θ·ι⌋_Φ`,
 * `Q −= sgn(F)·(ι − ⌊θ·ι⌋_Φ)`. The factor `1 + P + Q` is kept at least 10^−Φ by taking the lowering
 * out of the temporary part first, then the permanent part.
 */
export function applyFlow(s: ImpactState, flow: Dec, mark: Dec, liquidity: Liquidity): { readonly state: ImpactState; readonly iota: Dec } {
  const iota = impactOf(flow, mark, liquidity);
  if (iota.isZero()) return { state: s, iota };
  const perm = truncPhi(liquidity.permanent.mul(iota));
  const temp = iota.sub(perm);
  const sign = flow.gt(0) ? -1 : 1;
  let permanent = s.permanent.add(perm.mul(sign));
  let temporary = s.temporary.add(temp.mul(sign));
  const floor = FRACTION_UNIT.sub(ONE); // P + Q ≥ 10^−Φ − 1
  const excess = floor.sub(permanent.add(temporary));
  if (excess.gt(0)) {
    // Too low by `excess`: give it back to the temporary part (it is the part that recovers), then to P.
    const back = dmin(excess, temporary.neg().gt(0) ? temporary.neg() : ZERO);
    temporary = temporary.add(back);
    permanent = permanent.add(excess.sub(back));
  }
  return { state: { permanent, temporary }, iota };
}
