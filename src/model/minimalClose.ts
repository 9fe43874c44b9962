import { ceilDiv, ONE, ZERO, type Dec } from './decimal.ts';
import { executionPrice } from './executionPrice.ts';
import { closeFill } from './closeFill.ts';
import { groupHealth, markOf, tiersOf, type Valuation } from './groupHealth.ts';
import { maintenanceMargin, tierIndex } from './maintenanceMargin.ts';
import type { MarginGroup } from './marginGroup.ts';
import type { Tier } from './types.ts';
import { meetsTarget } from './trigger.ts';

/** Most candidates the verification of §6.3 may examine before the model refuses. */
export const MAX_VERIFIED_CANDIDATES = 2 ** 20;

export type MinimalClose =
  | { readonly kind: 'partial'; readonly size: Dec }
  | { readonly kind: 'none' }
  | { readonly kind: 'limit-exceeded'; readonly message: string };

/** The exact slack `g(Δ)` of closing Δ of one position, and its slope per bracket. */
interface Slack {
  readonly absQ: Dec;
  readonly mark: Dec;
  readonly at: (delta: Dec) => Dec;
  /** slope of g per base unit while the remaining notional is in bracket k */
  readonly slope: (k: number) => Dec;
  /** bracket of the remaining notional after closing Δ */
  readonly bracket: (delta: Dec) => number;
}

function slackOf(v: Valuation, g: MarginGroup, market: string, rate: Dec): Slack {
  const { buffer, priceImpact } = v.params;
  const pos = g.positions.find((p) => p.market === market)!;
  const { tiers, tick } = tiersOf(v, market);
  const mark = markOf(v, market);
  const absQ = pos.size.abs();
  const concession = mark.sub(executionPrice(mark, pos.size.gt(0), priceImpact, tick)).abs();
  const equity = groupHealth(v, g).equity;
  const restTarget = groupHealth(v, { collateral: g.collateral, positions: g.positions.filter((p) => p !== pos) }).target;
  const perUnitCost = concession.add(rate.mul(mark));
  return {
    absQ,
    mark,
    at: (d) => {
      const n = absQ.sub(d).mul(mark);
      return equity.sub(perUnitCost.mul(d)).sub(restTarget).sub(maintenanceMargin(tiers, n)).sub(buffer.mul(n));
    },
    slope: (k) => mark.mul(tiers[k]!.rate.add(buffer).sub(rate)).sub(concession),
    bracket: (d) => tierIndex(tiers, absQ.sub(d).mul(mark)),
  };
}

/**
 * The real-valued root `Δ* ∈ [0, |q|]`: the smallest `Δ` with `g(Δ) ≥ 0`, or `null` when `g` never
 * reaches zero before the position is gone. A diagnostic (the model itself works on the lot grid,
 * see `firstLot`); it divides at the model's precision.
 *
 * @remarks `g` is concave and piecewise linear; walk the brackets of the remaining notional from
 * the current one down, solving the linear piece `Δ* = Δ_start + (−g(Δ_start)) / a_n`.
 * @see docs/spec.md#63-minimal-close-of-one-position
 */
export function closedFormRoot(v: Valuation, g: MarginGroup, market: string, rate: Dec): Dec | null {
  const { tiers } = tiersOf(v, market);
  const slack = slackOf(v, g, market, rate);
  let start = ZERO;
  for (let k = slack.bracket(ZERO); ; k--) {
    const s = slack.at(start);
    if (s.gte(0)) return start;
    const a = slack.slope(k);
    if (a.lte(0)) return null; // concave: g never recovers
    const root = start.add(s.neg().div(a));
    const bracketEnd = slack.absQ.sub(tiers[k]!.floor.div(slack.mark)); // Δ where N' reaches floor_k
    if (root.lte(bracketEnd)) return root;
    if (k === 0) return null;
    start = bracketEnd;
  }
}

/**
 * Closed form on the lot grid: the smallest `j ≥ 1` with `g(j·ℓ) ≥ 0`, or `null` when there is none
 * before the position is gone. Exactly `⌈Δ*⌉_ℓ` (at least one lot), computed without division: on
 * the bracket the remainder is in, `g` is linear with slope `ℓ·a_n` per lot, so from a point `j_s`
 * with `g < 0` the first lot meeting `g ≥ 0` is `j_s + ⌈−g(j_s·ℓ) / (ℓ·a_n)⌉`, an integer quotient.
 * @see docs/spec.md#63-minimal-close-of-one-position
 */
function firstLot(slack: Slack, tiers: readonly Tier[], lot: Dec): Dec | null {
  const lots = slack.absQ.div(lot); // an integer: sizes are lot multiples (§2.3)
  const lotNotional = lot.mul(slack.mark);
  let j = ONE;
  for (;;) {
    if (j.gte(lots)) return null;
    const d = j.mul(lot);
    const s = slack.at(d);
    if (s.gte(0)) return j;
    const k = slack.bracket(d);
    const a = slack.slope(k).mul(lot); // per lot
    if (a.lte(0)) return null; // concave: g never recovers
    const next = j.add(ceilDiv(s.neg(), a));
    // Last lot whose remainder is still in bracket k: (lots − j)·ℓ·P ≥ floor_k.
    const bracketEnd = k === 0 ? lots : lots.sub(ceilDiv(tiers[k]!.floor, lotNotional));
    if (next.lte(bracketEnd)) return next.lt(lots) ? next : null;
    j = bracketEnd.add(1);
  }
}

/**
 * The smallest lot multiple `Δ < |q|` whose fill makes the group meet the target without leaving
 * dust: the closed form, then verified exactly.
 *
 * @remarks The rounded slack `ĝ` satisfies `g − 2u < ĝ ≤ g`, so the first lot with `g ≥ 0` is a
 * lower bound, and verification walks up from it until `ĝ` meets the target, or until `g` itself
 * misses the target past its peak.
 * @see docs/spec.md#63-minimal-close-of-one-position
 */
export function minimalClose(v: Valuation, g: MarginGroup, market: string, rate: Dec): MinimalClose {
  const { params } = v;
  const { lot, tiers } = tiersOf(v, market);
  const slack = slackOf(v, g, market, rate);
  const first = firstLot(slack, tiers, lot);
  if (first === null) return { kind: 'none' };
  let examined = 0;
  for (let d = first.mul(lot); d.lt(slack.absQ); d = d.add(lot)) {
    // §6.4: the remainder only shrinks as Δ grows, so once dust, always dust.
    if (slack.absQ.sub(d).mul(slack.mark).lt(params.dustNotional)) return { kind: 'none' };
    const trial = closeFill(v, g, market, d, rate);
    if (meetsTarget(params.trigger, trial.uncappedEquity, trial.target)) return { kind: 'partial', size: d };
    // Past the peak g only falls, and ĝ ≤ g: once g itself misses the target, so will every later lot.
    if (!meetsTarget(params.trigger, slack.at(d), ZERO) && slack.slope(slack.bracket(d)).lte(0)) return { kind: 'none' };
    if (++examined >= MAX_VERIFIED_CANDIDATES) {
      return {
        kind: 'limit-exceeded',
        message: `${market}: more than ${MAX_VERIFIED_CANDIDATES} lot candidates to verify (lot ${lot.toFixed()} moves the slack by about a millionth of a quote unit)`,
      };
    }
  }
  return { kind: 'none' };
}
