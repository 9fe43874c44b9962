import { Dec, floorTo, ZERO } from '../model/decimal.ts';
import type { ExactResult } from '../model/amountResult.ts';
import type { Fixed } from '../model/fixed.ts';
import { exactOf, s } from './ledger.ts';
import type { LiquidationResult, Scenario } from '../model/types.ts';
import { exactRunResult, resultOf } from './relationSupport.ts';
import type { Case, RelationInvariant } from './invariant.ts';
import { derivedInput, type CaseInput } from './caseInput.ts';
import { promisesOf } from '../policy/promises.ts';

const HALF = new Dec('0.5');

function crossMarkets(c: Case): Set<string> {
  return new Set(c.input.positions.filter((p) => p.isolatedMargin === null).map((p) => p.market));
}

/** The penalty rate of the first cross fill of a wire result. */
function crossRate(c: Case, r: LiquidationResult): Dec | null {
  const cross = crossMarkets(c);
  const f = r.fills.find((x) => cross.has(x.market));
  return f === undefined ? null : new Dec(f.penaltyRate);
}

/** The penalty rate of the first cross fill of an exact result. */
function exactCrossRate(c: Case, r: ExactResult): Fixed | null {
  const cross = crossMarkets(c);
  return r.fills.find((x) => cross.has(x.market))?.penaltyRate ?? null;
}

/** The same for the case's own (parsed) result. */
function caseCrossRate(c: Case): Dec | null {
  const cross = crossMarkets(c);
  return c.output.fills.find((x) => cross.has(x.market))?.penaltyRate ?? null;
}

/**
 * LIQ-016 — more distress never lowers the penalty rate.
 *
 * @remarks It compares rates, not penalties: under every penalty part of §10.5 a group has one
 * rate fixed before any fill, so the first cross fill's rate is the group's, whatever the close
 * size or price makes the fills (their number, sizes and penalties may differ between the two
 * runs). Halving the collateral lowers E and leaves MM as it is (no requirement of §10.2 reads
 * the collateral), so the derived group is more distressed and still liquidatable. That it is
 * acted on at all is `acts` (LIQ-002): a derived run with no cross fill is reported here only
 * when the policy promises it.
 * @see docs/spec.md#105-penalty
 */
export const penaltyDistressMonotone: RelationInvariant = {
  kind: 'relation',
  id: 'LIQ-016',
  title: 'penalty rate non-decreasing in distress',
  statement: 'Halving the cross collateral of a liquidated account (more distress, same positions and prices) never lowers the penalty rate charged on its cross fills.',
  domain: 'Engines whose penalty part makes the rate non-increasing in the margin ratio (`distress-monotone`: the step schedule of §5 and the linear function of §10.5), at any close size and price; accounts whose cross group is liquidated and whose collateral is at least two quote units. With params.assets (§13.6): not judged when C ≤ 0 or with params.quoteDebt; the assets are carried unchanged.',
  spec: '#51-distress',
  presumes: ['distress-monotone'],
  derive: (c): CaseInput[] => {
    if (exactCrossRate(c, exactOf(c).output) === null) return [];
    // §13.6: halving a negative (borrowed) balance lowers the debt, and a quote-debt weight puts a
    // kink at 0: outside the domain. (Without assets C ≥ 0, and C = 0 derives nothing anyway.)
    if (c.input.collateral.lte(ZERO) || c.input.params.quoteDebt !== undefined) return [];
    // Collateral is a non-negative multiple of the quote unit, and so is half of it rounded down.
    const less = floorTo(c.input.collateral.mul(HALF), c.input.params.unit);
    if (less.eq(c.input.collateral)) return [];
    return [derivedInput({ ...c.input, collateral: less }, (): Scenario => ({ ...c.scenario, account: { ...c.scenario.account, collateral: s(less) } }), [less])];
  },
  compare: (c, runs) => {
    // In exact amounts when the engine recorded them (no strings to write), else on the wire.
    const exact = exactRunResult(runs[0]);
    let before: Dec | Fixed;
    let after: Dec | Fixed | null;
    let lower: boolean;
    if (exact !== undefined) {
      before = exactCrossRate(c, exactOf(c).output)!;
      after = exactCrossRate(c, exact);
      lower = after !== null && after.lt(before);
    } else {
      const r = resultOf(runs[0]);
      if (typeof r === 'string') return [r];
      before = caseCrossRate(c)!;
      after = crossRate(c, r);
      lower = after !== null && after.lt(before);
    }
    if (after === null && !promisesOf(exactOf(c).policy).has('acts')) return [];
    if (after === null) return [`with collateral ${runs[0]!.scenario.account.collateral} (was ${c.scenario.account.collateral}) the cross group is no longer liquidated`];
    return lower
      ? [`penalty rate falls from ${s(before)} to ${s(after)} when collateral drops from ${c.scenario.account.collateral} to ${runs[0]!.scenario.account.collateral}`]
      : [];
  },
};
