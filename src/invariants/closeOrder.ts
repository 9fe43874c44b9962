/**
 * The close order of spec §6.2 for a group state of a case: descending notional at mark (an inverse
 * market's coin value, §12.2), ties by market id. Shared by the close-size invariants (LIQ-019, LIQ-020), which judge where an engine's
 * fills land.
 * @see docs/spec.md#62-order
 * @internal
 */
import { valueOf } from '../model/contract.ts';
import type { FPosition, FValuation } from '../model/fixedCore.ts';
import { contractOf } from './contractOf.ts';

export function closeOrder(v: FValuation, positions: readonly FPosition[]): string[] {
  return [...positions]
    .map((p) => ({ market: p.market, n: valueOf(contractOf(v, p.market), p.size.abs(), v.marks.get(p.market)!, v.params.unit) }))
    .sort((a, b) => b.n.cmp(a.n) || (a.market < b.market ? -1 : a.market > b.market ? 1 : 0))
    .map((e) => e.market);
}
