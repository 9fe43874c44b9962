/**
 * A case's amounts on the exact integer core (src/model/fixed.ts): the scenario's and the
 * engine's result's, each converted once per case and shared by every output invariant that
 * adds, multiplies, compares and rounds to a step.
 *
 * @remarks Why: at 200 digits every decimal.js operation copies its digits, and the invariants'
 * own arithmetic was about half the time of a catalog check on the reference. Every such
 * invariant only needs exact sums, products, comparisons and floor/ceil to a grid, which the bigint
 * `Fixed` does exactly (fixed.test.ts checks each operation against decimal.js), so the verdicts
 * and the numbers in the messages are the same: `toCanonical` of a `Fixed` writes the same string
 * as `toCanonical` of the equal `Dec`. The conversion reads decimal.js's digits (`fromDec`), no
 * strings. Invariants that divide for real stay on `Dec`.
 * @internal
 */
import { fromDec, type Fixed } from '../model/fixed.ts';
import { fixedMarks, fixedParams, fixedPositions, type FPosition, type FValuation } from '../model/fixedCore.ts';
import type { AmountFill, AmountSnapshot, ExactResult } from '../model/amountResult.ts';
import type { ParsedResult, ParsedSnapshot } from '../model/parseResult.ts';
import type { Case } from './invariant.ts';
import { REFERENCE_POLICY, type FPolicy } from '../policy/policy.ts';
import { requirementOf } from '../policy/requirement/requirementOf.ts';

export type ExactFill = AmountFill<Fixed>;
export type ExactSnapshot = AmountSnapshot<Fixed>;

export interface ExactCase {
  /** the scenario's policy (spec §10); the reference's when the scenario has none */
  readonly policy: FPolicy;
  /** the scenario's parameters (converted once per parameter set) and marks */
  readonly v: FValuation;
  readonly collateral: Fixed;
  readonly insuranceFund: Fixed;
  readonly positions: readonly FPosition[];
  /** the engine's result, converted from its parsed form */
  readonly output: ExactResult;
}

function snapshot(s: ParsedSnapshot): ExactSnapshot {
  return {
    equity: fromDec(s.equity),
    maintenance: fromDec(s.maintenance),
    target: fromDec(s.target),
    marginRatio: s.marginRatio === null ? null : fromDec(s.marginRatio),
  };
}

/** A parsed result's amounts as exact integers (the value of each `Dec`, read off its digits). */
export function exactResult(o: ParsedResult): ExactResult {
  return {
    status: o.status,
    fills: o.fills.map((f) => ({
      market: f.market,
      side: f.side,
      size: fromDec(f.size),
      price: fromDec(f.price),
      notional: fromDec(f.notional),
      penaltyRate: fromDec(f.penaltyRate),
      penalty: fromDec(f.penalty),
      liquidatorFee: fromDec(f.liquidatorFee),
      insuranceFee: fromDec(f.insuranceFee),
      realizedPnl: fromDec(f.realizedPnl),
    })),
    account: { collateral: fromDec(o.account.collateral), positions: fixedPositions(o.account) },
    insuranceFund: fromDec(o.insuranceFund),
    insurancePayout: fromDec(o.insurancePayout),
    badDebt: fromDec(o.badDebt),
    socializedLoss: fromDec(o.socializedLoss),
    groups: o.groups.map((g) => ({ group: g.group, status: g.status, before: snapshot(g.before), after: snapshot(g.after) })),
  };
}

/** The case's amounts as exact integers; callers share one per case (ledger.ts `exactOf`). */
export function exactCase(c: Case): ExactCase {
  const base = { params: fixedParams(c.input.params), marks: fixedMarks(c.input.marks) };
  // §10.2: every health an invariant computes is under the policy's requirement.
  const requirement = c.input.policy === undefined ? undefined : requirementOf(c.input.policy.requirement, base);
  return {
    policy: c.input.policy ?? REFERENCE_POLICY,
    v: requirement === undefined ? base : { ...base, requirement },
    collateral: fromDec(c.input.collateral),
    insuranceFund: fromDec(c.input.insuranceFund),
    positions: fixedPositions(c.input),
    output: c.exact ?? exactResult(c.output),
  };
}
