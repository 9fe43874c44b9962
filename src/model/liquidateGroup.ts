import { dmin, floorTo, ZERO, type Dec } from './decimal.ts';
import { closeFill, type ModelFill } from './closeFill.ts';
import { groupHealth, notionalOf, type GroupHealth, type Valuation } from './groupHealth.ts';
import type { MarginGroup } from './marginGroup.ts';
import { minimalClose } from './minimalClose.ts';
import { penaltyRate } from './penaltyRate.ts';
import { isLiquidatable, meetsTarget } from './trigger.ts';
import type { Status } from './types.ts';

export interface GroupOutcome {
  readonly status: Status;
  readonly group: MarginGroup;
  readonly fills: readonly ModelFill[];
  readonly before: GroupHealth;
  readonly after: GroupHealth;
  readonly insuranceFund: Dec;
  readonly payout: Dec;
  readonly badDebt: Dec;
}

/**
 * The pluggable steps of a liquidation. The reference uses {@link REFERENCE_RULES}; the
 * deliberately wrong engines of the zoo swap one step at a time.
 */
export interface Rules {
  readonly isLiquidatable: typeof isLiquidatable;
  readonly penaltyRate: typeof penaltyRate;
  readonly minimalClose: typeof minimalClose;
  readonly closeFill: typeof closeFill;
}

export const REFERENCE_RULES: Rules = { isLiquidatable, penaltyRate, minimalClose, closeFill };

export type GroupResult =
  | { readonly ok: true; readonly value: GroupOutcome }
  | { readonly ok: false; readonly message: string };

/**
 * Liquidates one margin group under the minimal-close policy, threading the insurance fund.
 *
 * @see docs/spec.md#6-liquidating-one-group-minimal-close-policy
 * @see docs/spec.md#74-bankruptcy
 */
export function liquidateGroup(
  v: Valuation,
  group: MarginGroup,
  insuranceFund: Dec,
  rules: Rules = REFERENCE_RULES,
): GroupResult {
  const { trigger } = v.params;
  const before = groupHealth(v, group);
  const untouched = { group, fills: [], before, after: before, insuranceFund, payout: ZERO, badDebt: ZERO };

  // §6.1 Decide.
  if (!rules.isLiquidatable(trigger, before.equity, before.maintenance, group.positions.length > 0)) {
    return { ok: true, value: { status: 'healthy', ...untouched } };
  }
  // §5.1 The rate is fixed by the distress before any fill.
  const rate = rules.penaltyRate(v.params.steps, before.equity, before.maintenance)!;

  // §6.2 Largest notional first; ties by market id.
  const order = [...group.positions]
    .map((p) => ({ market: p.market, n: notionalOf(v, p) }))
    .sort((a, b) => b.n.cmp(a.n) || (a.market < b.market ? -1 : a.market > b.market ? 1 : 0))
    .map((e) => e.market);

  let g = group;
  let fund = insuranceFund;
  const fills: ModelFill[] = [];
  for (const market of order) {
    const minimal = rules.minimalClose(v, g, market, rate);
    if (minimal.kind === 'limit-exceeded') return { ok: false, message: minimal.message };
    const size = minimal.kind === 'partial' ? minimal.size : g.positions.find((p) => p.market === market)!.size.abs();
    const closed = rules.closeFill(v, g, market, size, rate);
    g = closed.group;
    fills.push(closed.fill);
    fund = fund.add(closed.fill.insuranceFee).add(closed.fill.residue);
    const h = groupHealth(v, g);
    if (g.positions.length > 0 && meetsTarget(trigger, h.equity, h.target)) {
      return { ok: true, value: { status: 'partial', group: g, fills, before, after: h, insuranceFund: fund, payout: ZERO, badDebt: ZERO } };
    }
  }

  // Every position is closed: §7.4.
  if (g.collateral.lt(0)) {
    const badDebt = g.collateral.neg();
    // The fund pays whole quote units; sub-unit residues it holds stay in it.
    const payout = dmin(badDebt, floorTo(fund, v.params.unit));
    g = { ...g, collateral: ZERO };
    return {
      ok: true,
      value: { status: 'bankrupt', group: g, fills, before, after: groupHealth(v, g), insuranceFund: fund.sub(payout), payout, badDebt },
    };
  }
  return { ok: true, value: { status: 'full', group: g, fills, before, after: groupHealth(v, g), insuranceFund: fund, payout: ZERO, badDebt: ZERO } };
}
