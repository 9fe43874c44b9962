/**
 * Profile zoo engine "shorts valued at entry": the maintenance brackets of a short are applied to
 * its notional at the entry price `|q|·e`, a long's to its notional at mark, as the policy says.
 *
 * Bug class: one side's code path copied from another valuation (Bybit values positions at entry,
 * most venues at mark) — the base zoo's shortBias is the same asymmetry in the penalty. A short
 * in profit (`e > P`) is over-margined, a long in the mirror is not.
 *
 * Violates LIQ-013 (the long/short mirror) under a requirement of tiers at mark.
 */
import type { Fixed } from '../../model/fixed.ts';
import { fixedMarks, fixedParams, maintenanceMargin, marketOf } from '../../model/fixedCore.ts';
import type { Engine } from '../../model/types.ts';
import { REFERENCE_POLICY } from '../../policy/policy.ts';
import { requirementOf } from '../../policy/requirement/requirementOf.ts';
import { underPolicy } from './support.ts';

export const shortsValuedAtEntry: Engine = underPolicy((sc) => {
  const v = { params: fixedParams(sc.params), marks: fixedMarks(sc.marks) };
  // The policy's own requirement of a position (undefined: §3's tiers at mark).
  const own = requirementOf((sc.policy ?? REFERENCE_POLICY).requirement, v);
  const of = (market: string, size: Fixed, entry: Fixed, notional: Fixed): Fixed =>
    own === undefined ? maintenanceMargin(marketOf(v, market).tiers, notional) : own(market, size, entry, notional);
  return { requirement: (market, size, entry, notional) => of(market, size, entry, size.sign() < 0 ? size.abs().mul(entry) : notional) };
});
