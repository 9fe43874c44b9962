import { Dec, ZERO } from '../../model/decimal.ts';
import { bankruptcyPrice, type AdlRecord, type Replay } from './replayTrace.ts';

/** Whether S9 lets ADL pay for this event (P_b beyond the mark on the losing side), and its numbers. */
export interface AdlTerms {
  readonly bankruptcyPrice: Dec | undefined;
  /** g = |P_b − m| (0 when not payable) */
  readonly spread: Dec;
  readonly payable: boolean;
  /** the bankrupt's side: +1 long, −1 short */
  readonly side: 1 | -1 | 0;
}

/** The ADL terms the judge derives from its own ledger's bankrupt before its liquidation. */
export function adlTerms(r: Replay, a: AdlRecord): AdlTerms {
  const before = a.liquidation?.before;
  if (before === undefined || before.size.isZero()) return { bankruptcyPrice: undefined, spread: ZERO, payable: false, side: 0 };
  const side = before.size.gt(0) ? 1 : -1;
  const pb = bankruptcyPrice(before, r.tick)!;
  const beyond = side > 0 ? pb.gt(a.mark) : pb.lt(a.mark);
  return { bankruptcyPrice: pb, spread: beyond ? pb.sub(a.mark).abs() : ZERO, payable: beyond, side };
}
