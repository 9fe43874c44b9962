/**
 * One margin group under a policy (spec §10.1): decide by the trigger on the policy's requirement,
 * fix the penalty rate by the distress before any fill, close by the close-size part (each close
 * executed by the price part), then settle bad debt by the loss part. Under the reference policy
 * this is spec §6 and §7.4 exactly.
 * @see docs/spec.md#101-a-policy
 */
import { FZERO, floorTo, fmin, type Fixed } from '../model/fixed.ts';
import { valueOf } from '../model/contract.ts';
import { crossValuation, groupHealth, isLiquidatable, markOf, marketOf, type FGroup, type FGroupResult, type FValuation } from '../model/fixedCore.ts';
import { sellCollateral, type FSale } from './collateral/sellCollateral.ts';
import type { FBook } from './book.ts';
import type { CloseRule, Execute } from './closeContext.ts';
import { closeRuleOf } from './closeSize/closeRuleOf.ts';
import { executeClose } from './price/executeClose.ts';
import { penaltyRateOf } from './penalty/penaltyRateOf.ts';
import type { FPolicy } from './policy.ts';
import { backstop } from './trigger/backstop.ts';
import { isBackstopped } from './trigger/isBackstopped.ts';

const NONE: ReadonlyMap<string, FBook & Fixed> = new Map();

/** What the frame reads besides the group: the valuation (with the policy's requirement), the policy and its inputs. */
export interface PolicyRun {
  readonly v: FValuation;
  readonly policy: FPolicy;
  readonly book?: ReadonlyMap<string, FBook> | undefined;
  readonly requests?: ReadonlyMap<string, Fixed> | undefined;
  /** parts swapped for other rules: the zoo's deliberately wrong engines (src/zoo/policy/) */
  readonly swap?: PartSwap | undefined;
}

/** Rules that replace a part's own: each a realistic bug in one place. */
export interface PartSwap {
  readonly close?: CloseRule;
  readonly execute?: Execute;
  readonly rate?: typeof penaltyRateOf;
  /** the backstop's decision (§10.8) */
  readonly backstopped?: typeof isBackstopped;
  /** the backstop's takeover (§10.8) */
  readonly backstop?: CloseRule;
}

export function liquidateGroupUnder(run: PolicyRun, group: FGroup, insuranceFund: Fixed): FGroupResult {
  const { v, policy } = run;
  const { trigger } = v.params;
  const before = group.health;
  // §13.4: the cross group's assets (on its valuation only) are reported, with the step's sales.
  const holdings = v.holdings;
  const noSales = holdings === undefined ? {} : { assets: holdings.balances, sales: [] };
  const untouched = { group, fills: [], before, after: before, insuranceFund, payout: FZERO, badDebt: FZERO, ...noSales };

  // §6.1 Decide; §5.1 the rate is fixed by the distress before any fill. §13.3: a cross group with
  // assets or borrowed quote is judged even without a position (Mango's token-only liquidation).
  const judged = group.positions.length > 0 || (holdings !== undefined && (holdings.balances.size > 0 || group.collateral.sign() < 0));
  if (!isLiquidatable(trigger, before.equity, before.maintenance, judged)) {
    return { ok: true, value: { status: 'healthy', ...untouched } };
  }
  const rate = (run.swap?.rate ?? penaltyRateOf)(policy.penalty, v, before);

  // §6.2 Largest notional first (§12.2's value on an inverse market); ties by market id.
  const order = [...group.positions]
    .map((p) => ({ market: p.market, n: valueOf(marketOf(v, p.market).contract, p.size.abs(), markOf(v, p.market), v.params.unit) }))
    .sort((a, b) => b.n.cmp(a.n) || (a.market < b.market ? -1 : a.market > b.market ? 1 : 0))
    .map((e) => e.market);

  const cx = { v, policy, book: run.book ?? NONE, requests: run.requests ?? NONE, rate, order, initial: group, execute: run.swap?.execute ?? executeClose };
  // §10.8: below the backstop threshold the backstop takes the whole group over instead.
  const backstopped = (run.swap?.backstopped ?? isBackstopped)(policy.trigger, trigger, before);
  const rule = backstopped ? (run.swap?.backstop ?? backstop) : (run.swap?.close ?? closeRuleOf(policy.closeSize));
  // §13.3: a token-only group has nothing to close; its assets are the collateral step's.
  const closed = group.positions.length === 0 ? { ok: true as const, group, fills: [] } : rule(cx, group);
  if (!closed.ok) return closed;
  let g: FGroup = closed.group;
  const { fills } = closed;
  let fund = insuranceFund;
  for (const f of fills) fund = fund.add(f.insuranceFee).add(f.residue);

  // §13.3 (2): the collateral step, once, after the closes; the group is valued on what is left.
  let after = v;
  let sold: { readonly assets?: ReadonlyMap<string, Fixed>; readonly sales?: readonly FSale[] } = noSales;
  if (holdings !== undefined && policy.collateral?.kind === 'sell') {
    const step = sellCollateral(v, policy.collateral.restore, g);
    if (!step.ok) return step;
    after = crossValuation(v, step.holdings);
    sold = { assets: step.holdings.balances, sales: step.sales };
    g = { ...g, collateral: step.collateral, health: groupHealth(after, { collateral: step.collateral, positions: g.positions }) };
  }
  if (g.positions.length > 0) {
    return { ok: true, value: { status: 'partial', group: g, fills, before, after: g.health, insuranceFund: fund, payout: FZERO, badDebt: FZERO, ...sold } };
  }

  // Every position is closed: §7.4. The fund pays whole quote units; sub-unit residues stay in it.
  // §13.3 (3): a negative quote balance beside assets left is borrowed, not bad debt.
  const assetsLeft = after.holdings !== undefined && after.holdings.balances.size > 0;
  if (g.collateral.sign() < 0 && !assetsLeft) {
    const badDebt = g.collateral.neg();
    const payout = fmin(badDebt, floorTo(fund, v.params.unit));
    g = { ...g, collateral: FZERO, health: groupHealth(after, { collateral: FZERO, positions: [] }) };
    return {
      ok: true,
      value: { status: 'bankrupt', group: g, fills, before, after: g.health, insuranceFund: fund.sub(payout), payout, badDebt, ...sold },
    };
  }
  return { ok: true, value: { status: 'full', group: g, fills, before, after: g.health, insuranceFund: fund, payout: FZERO, badDebt: FZERO, ...sold } };
}
