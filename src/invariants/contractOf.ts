/**
 * The contract of a market of a case's valuation (spec §12.1): what every invariant reads its
 * values through (src/model/contract.ts), so that each keeps its statement on coin values.
 * @see docs/spec.md#121-inputs
 * @internal
 */
import { isInverse, LINEAR, type FContract } from '../model/contract.ts';
import type { FValuation } from '../model/fixedCore.ts';

/** The contract of `market` (linear when the market is unknown: its checks are other invariants'). */
export function contractOf(v: Pick<FValuation, 'params'>, market: string): FContract {
  return v.params.markets.get(market)?.contract ?? LINEAR;
}

/** Whether any market of the params is inverse (§12.1: then all are). */
export function hasInverse(v: Pick<FValuation, 'params'>): boolean {
  for (const m of v.params.markets.values()) if (isInverse(m.contract)) return true;
  return false;
}
