/**
 * Whether one account is liquidatable at a mark, decided exactly as the reference decides (spec
 * §4.3, §10.2): the integer core's health of the account's one margin group under the policy's
 * requirement, and the params' trigger. The driver flags accounts by it and the liquidation-price
 * index (liquidationIndex.ts) bisects it.
 * @see docs/simulation.md#s13-scale-and-distribution
 */
import type { Dec } from '../model/decimal.ts';
import { FZERO, Fixed, fromDec } from '../model/fixed.ts';
import { fixedParams, groupHealth, isLiquidatable, type FPosition, type FValuation } from '../model/fixedCore.ts';
import type { ParsedParams } from '../model/types.ts';
import { REFERENCE_POLICY, type FPolicy } from '../policy/policy.ts';
import { requirementOf } from '../policy/requirement/requirementOf.ts';
import type { AccountState } from './stepEngine.ts';

/** An account's state on the integer core, converted once for the many marks a bisection tries. */
export interface FixedAccount {
  readonly collateral: Fixed;
  readonly position: FPosition;
}

export interface HealthCheck {
  /** the account on the integer core (null without a position: never liquidatable) */
  readonly fixed: (a: AccountState) => FixedAccount | null;
  /** liquidatable at the mark `ticks·τ` */
  readonly atTicks: (a: FixedAccount, ticks: bigint) => boolean;
  /** liquidatable at `mark` */
  readonly at: (a: AccountState, mark: Dec) => boolean;
}

/** The reference's trigger for accounts of one market under `policy` (absent: the reference's). */
export function healthCheck(parsed: ParsedParams, market: string, policy: FPolicy | undefined): HealthCheck {
  const params = fixedParams(parsed);
  const tick = params.markets.get(market)!.tick;
  // One marks map, rewritten per evaluation: the policy's requirement reads the mark through it.
  const marks = new Map<string, Fixed>([[market, tick]]);
  const base = { params, marks };
  const requirement = requirementOf((policy ?? REFERENCE_POLICY).requirement, base);
  const v: FValuation = requirement === undefined ? base : { ...base, requirement };
  const fixed = (a: AccountState): FixedAccount | null => {
    if (a.size.isZero()) return null;
    const c = fromDec(a.collateral);
    return { collateral: a.isolated ? FZERO : c, position: { market, size: fromDec(a.size), entry: fromDec(a.entry), isolatedMargin: a.isolated ? c : null } };
  };
  const atMark = (a: FixedAccount, mark: Fixed): boolean => {
    marks.set(market, mark);
    const margin = a.position.isolatedMargin ?? a.collateral;
    const h = groupHealth(v, { collateral: margin, positions: [a.position] });
    return isLiquidatable(params.trigger, h.equity, h.maintenance, true);
  };
  return {
    fixed,
    atTicks: (a, ticks) => atMark(a, tick.mul(new Fixed(ticks, 0))),
    at: (a, mark) => {
      const f = fixed(a);
      return f !== null && atMark(f, fromDec(mark));
    },
  };
}
