/**
 * Wrong engines of the penalty part (issue 11; spec §10.5): each is the reference under a linear
 * penalty with its rate rule swapped for one with a single, realistic bug — the rounding of the
 * line, the segment it is read on, what happens past the last point, when the margin ratio is
 * read, the order of the points.
 */
import { ceilDiv, Fixed, floorDiv, floorTo, pow10 } from '../../model/fixed.ts';
import { closeFill, type FHealth, type FValuation, type PenaltyRoom } from '../../model/fixedCore.ts';
import type { CloseRule } from '../../policy/closeContext.ts';
import { closeRuleOf } from '../../policy/closeSize/closeRuleOf.ts';
import { linearRate, type LinearPoint } from '../../policy/penalty/linearRate.ts';
import type { FPenalty } from '../../policy/policy.ts';
import type { Policy } from '../../wire/policy.ts';
import type { PolicyZooEntry } from './policyZooEntry.ts';
import { withPartSwap } from './support.ts';

/** Aave-v4-like: no bonus at ρ = 1, rising to 5 % at ρ = 0.8 and flat below (hand-chosen). */
const AAVE_LIKE: Policy = { penalty: { kind: 'linear', points: [{ marginRatio: '1', rate: '0' }, { marginRatio: '0.8', rate: '0.05' }] } };

/** Four points, rates within the generated maintenance rates so that partial closes happen. */
const FOUR_POINTS: Policy = {
  penalty: {
    kind: 'linear',
    points: [
      { marginRatio: '1', rate: '0.001' },
      { marginRatio: '0.9', rate: '0.004' },
      { marginRatio: '0.6', rate: '0.01' },
      { marginRatio: '0.3', rate: '0.03' },
    ],
  },
};

const SCALE = 18;
const GRID = new Fixed(pow10(SCALE), 0);

type Round = (num: Fixed, den: Fixed) => Fixed;
const up: Round = (n, d) => ceilDiv(n, d);
const down: Round = (n, d) => floorDiv(n, d);
// Half up: ⌊(2n + d) / 2d⌋.
const nearest: Round = (n, d) => floorDiv(n.add(n).add(d), d.add(d));

/** The rate on the line through `hi` and `lo` at `E / MM`, the quotient rounded by `round` (not clamped). */
function onLine(hi: LinearPoint, lo: LinearPoint, equity: Fixed, maintenance: Fixed, round: Round): Fixed {
  const num = lo.rate.sub(hi.rate).mul(hi.marginRatio.mul(maintenance).sub(equity)).mul(GRID);
  const den = hi.marginRatio.sub(lo.marginRatio).mul(maintenance);
  return hi.rate.add(new Fixed(round(num, den).m, SCALE));
}

type RateRule = (points: readonly LinearPoint[], equity: Fixed, maintenance: Fixed) => Fixed;

/** The segment and end rules of §10.5 with the line's quotient rounded by `round`. */
function interpolated(round: Round): RateRule {
  return (points, equity, maintenance) => {
    if (equity.gte(points[0]!.marginRatio.mul(maintenance))) return points[0]!.rate;
    for (let i = 0; i + 1 < points.length; i++) {
      if (equity.gte(points[i + 1]!.marginRatio.mul(maintenance))) return onLine(points[i]!, points[i + 1]!, equity, maintenance, round);
    }
    return points[points.length - 1]!.rate;
  };
}

/** The segment found by the point BELOW the ratio (`E ≥ m_i·MM`) and read as segment i: one segment too deep. */
const neighbouringSegment: RateRule = (points, equity, maintenance) => {
  if (equity.gte(points[0]!.marginRatio.mul(maintenance))) return points[0]!.rate;
  for (let i = 1; i + 1 < points.length; i++) {
    if (equity.gte(points[i]!.marginRatio.mul(maintenance))) return onLine(points[i]!, points[i + 1]!, equity, maintenance, up);
  }
  return points[points.length - 1]!.rate;
};

/** Past the last point the last segment's line goes on instead of staying flat. */
const extrapolated: RateRule = (points, equity, maintenance) => {
  const k = points.length - 1;
  if (equity.lt(points[k]!.marginRatio.mul(maintenance))) return onLine(points[k - 1]!, points[k]!, equity, maintenance, up);
  return linearRate(points, equity, maintenance);
};

/** The rates paired with the margin ratios in reverse: the most distressed pays the least. */
const backwards: RateRule = (points, equity, maintenance) => {
  const rates = points.map((p) => p.rate).reverse();
  return interpolated(up)(points.map((p, i) => ({ marginRatio: p.marginRatio, rate: rates[i]! })), equity, maintenance);
};

/** A rate swap for the frame: `rule` on the policy's points. */
function rateBy(rule: RateRule) {
  return (penalty: FPenalty, _v: FValuation, before: FHealth): Fixed => {
    if (penalty.kind !== 'linear') throw new Error('a penalty-zoo engine runs only under a linear penalty');
    return rule(penalty.points, before.equity, before.maintenance);
  };
}

/**
 * Liquidates once at the right rate, then again from the start at the rate of the margin ratio
 * the first pass left: the rate is read AFTER the fill (a group left partial is less distressed,
 * so it pays less).
 */
const rateAfterFill: CloseRule = (cx, g) => {
  const rule = closeRuleOf(cx.policy.closeSize);
  const first = rule(cx, g);
  if (!first.ok || first.group.positions.length === 0 || cx.policy.penalty.kind !== 'linear') return first;
  const after = first.group.health;
  return rule({ ...cx, rate: linearRate(cx.policy.penalty.points, after.equity, after.maintenance) }, g);
};

/** dYdX-like: the scenario's step rates, each fill capped by its value above bankruptcy; every position closed, so a group's first fills are partial closes of the group. */
const DYDX_LIKE: Policy = { closeSize: { kind: 'full' }, penalty: { kind: 'steps', cap: 'bankruptcy' } };

/**
 * The frame's execution at mark (§7.1) with the bankruptcy cap's rule for a group of `E ≥ 0`
 * replaced by `room` (an underwater group keeps §7.3's cap, as the reference's does).
 */
function cappedBy(room: PenaltyRoom) {
  const rule: PenaltyRoom = (before, realized, unit) => (before.equity.sign() < 0 ? floorTo(realized.equity, unit) : room(before, realized, unit));
  return withPartSwap({
    execute: (cx, g, market, size) => {
      const c = closeFill(cx.v, g, market, size, cx.rate, undefined, rule);
      return { group: c.group, fills: [c.fill] };
    },
  });
}

/** §7.3's whole-group cap `⌊E⁻⌋_u` where the fill's share was meant: a partial close is charged out of the equity of the rest. */
const wholeGroupEquity: PenaltyRoom = (_before, realized, unit) => floorTo(realized.equity, unit);

/** `⌈E⁻ − E·MM′/MM⌉_u`: the value above bankruptcy rounded up, so the fee may take a sub-unit of the rest's share. */
const roundedUp: PenaltyRoom = (before, realized, unit) =>
  ceilDiv(realized.equity.mul(before.maintenance).sub(before.equity.mul(realized.maintenance)), before.maintenance.mul(unit)).mul(unit);

/** The fill's share `E·ΔMM/MM′`, over the requirement AFTER the fill (the whole equity once nothing is left). */
const shareOverAfter: PenaltyRoom = (before, realized, unit) => {
  const delta = before.maintenance.sub(realized.maintenance);
  if (realized.maintenance.sign() <= 0) return floorTo(realized.equity, unit);
  const shift = realized.equity.sub(before.equity);
  return floorDiv(shift.mul(realized.maintenance).add(before.equity.mul(delta)), realized.maintenance.mul(unit)).mul(unit);
};

export const PENALTY_ZOO: readonly PolicyZooEntry[] = [
  { name: 'linearRoundedDown', policy: FOUR_POINTS, engine: withPartSwap({ rate: rateBy(interpolated(down)) }), bug: 'the interpolated rate is rounded down to 10^−18, not up', violates: ['LIQ-025'] },
  { name: 'linearRoundedNearest', policy: FOUR_POINTS, engine: withPartSwap({ rate: rateBy(interpolated(nearest)) }), bug: 'the interpolated rate is rounded half up to 10^−18, not up', violates: ['LIQ-025'] },
  { name: 'linearNeighbourSegment', policy: FOUR_POINTS, engine: withPartSwap({ rate: rateBy(neighbouringSegment) }), bug: 'the line is read on the segment below the margin ratio (off by one point)', violates: ['LIQ-025'] },
  { name: 'linearExtrapolated', policy: AAVE_LIKE, engine: withPartSwap({ rate: rateBy(extrapolated) }), bug: 'below the last point the last segment is extrapolated instead of flat', violates: ['LIQ-025'] },
  { name: 'linearRateAfterFill', policy: FOUR_POINTS, engine: withPartSwap({ close: rateAfterFill }), bug: 'the rate is read from the margin ratio after the fill, not before', violates: ['LIQ-025'], shape: 'partial' },
  { name: 'bankruptcyCapWholeGroup', policy: DYDX_LIKE, engine: cappedBy(wholeGroupEquity), bug: 'the fee is capped by the whole group’s equity (§7.3), not by the fill’s share of it', violates: ['LIQ-028'], shape: 'crossMulti' },
  { name: 'bankruptcyCapRoundedUp', policy: DYDX_LIKE, engine: cappedBy(roundedUp), bug: 'the fill’s value above bankruptcy is rounded up to the quote unit, not down', violates: ['LIQ-028'], shape: 'crossMulti' },
  { name: 'bankruptcyShareAfter', policy: DYDX_LIKE, engine: cappedBy(shareOverAfter), bug: 'the fill’s share of the equity is E·ΔMM over the requirement after the fill, not before', violates: ['LIQ-028'], shape: 'crossMulti' },
  { name: 'linearPointsBackwards', policy: FOUR_POINTS, engine: withPartSwap({ rate: rateBy(backwards) }), bug: 'the rates are paired with the margin ratios in reverse: more distress, lower rate', violates: ['LIQ-025', 'LIQ-016'] },
];
