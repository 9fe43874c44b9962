/**
 * The system invariants (docs/simulation.md S10), in id order. Ids are stable and never reused.
 */
import { adlOnlyWhenOwed } from './adlOnlyWhenOwed.ts';
import { adlRankOrder } from './adlRankOrder.ts';
import { auctionPriceMonotone } from './auctionPriceMonotone.ts';
import { engineMatchesReference } from './engineMatchesReference.ts';
import { keeperIncentive } from './keeperIncentive.ts';
import { noHealthyLiquidated } from './noHealthyLiquidated.ts';
import { noNegativeCollateral } from './noNegativeCollateral.ts';
import { sameRunSameBytes } from './sameRunSameBytes.ts';
import { settlementExact } from './settlementExact.ts';
import type { SystemInvariant } from './systemInvariant.ts';
import { valueConserved } from './valueConserved.ts';

/** SYS-000 is not an entry: the judge reports it when a trace cannot be replayed. */
export const REPLAYABLE = {
  id: 'SYS-000',
  title: 'replayable trace',
  statement: 'The trace begins with its start event, names only parties of the start, and its steps, rounds and auctions follow in order.',
} as const;

export const SYSTEM_CATALOG: readonly SystemInvariant[] = [
  settlementExact,
  valueConserved,
  adlOnlyWhenOwed,
  adlRankOrder,
  noHealthyLiquidated,
  auctionPriceMonotone,
  noNegativeCollateral,
  sameRunSameBytes,
  keeperIncentive,
  engineMatchesReference,
];
