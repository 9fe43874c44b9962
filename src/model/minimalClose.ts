import { ceilTo, dmax, ZERO, type Dec } from './decimal.ts';
import { executionPrice } from './executionPrice.ts';
import { closeFill } from './closeFill.ts';
import { groupHealth, markOf, tiersOf, type Valuation } from './groupHealth.ts';
import { maintenanceMargin, tierIndex } from './maintenanceMargin.ts';
import type { MarginGroup } from './marginGroup.ts';
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
 * Closed form: the smallest real `Δ* ∈ [0, |q|]` with `g(Δ*) ≥ 0`, or `null` when `g` never
 * reaches zero before the position is gone.
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
 * The smallest lot multiple `Δ < |q|` whose fill makes the group meet the target without leaving
 * dust: the closed form rounded up to the lot, then verified exactly.
 *
 * @remarks The rounded slack `ĝ` satisfies `g − 2u < ĝ ≤ g`, so `⌈Δ*⌉_lot` is a lower bound and
 * verification walks up from it until `ĝ` meets the target, or `g` is negative past its peak.
 * @see docs/spec.md#63-minimal-close-of-one-position
 */
export function minimalClose(v: Valuation, g: MarginGroup, market: string, rate: Dec): MinimalClose {
  const { params } = v;
  const root = closedFormRoot(v, g, market, rate);
  if (root === null) return { kind: 'none' };
  const { lot } = tiersOf(v, market);
  const slack = slackOf(v, g, market, rate);
  let examined = 0;
  for (let d = dmax(lot, ceilTo(root, lot)); d.lt(slack.absQ); d = d.add(lot)) {
    // §6.4: the remainder only shrinks as Δ grows, so once dust, always dust.
    if (slack.absQ.sub(d).mul(slack.mark).lt(params.dustNotional)) return { kind: 'none' };
    const { uncappedEquity, group } = closeFill(v, g, market, d, rate);
    if (meetsTarget(params.trigger, uncappedEquity, groupHealth(v, group).target)) return { kind: 'partial', size: d };
    if (slack.at(d).lt(0) && slack.slope(slack.bracket(d)).lte(0)) return { kind: 'none' };
    if (++examined >= MAX_VERIFIED_CANDIDATES) {
      return {
        kind: 'limit-exceeded',
        message: `${market}: more than ${MAX_VERIFIED_CANDIDATES} lot candidates to verify (lot ${lot.toFixed()} moves the slack by about a millionth of a quote unit)`,
      };
    }
  }
  return { kind: 'none' };
}
