/** One liquidation fill (spec §8). @see docs/spec.md#8-output */
import { Type } from 'typebox';
import { CLOSED, ResultDecimal, wireId, type Wire } from './common.ts';

export const Side = Type.Union([Type.Literal('sell'), Type.Literal('buy')], { expected: 'one of "sell", "buy"' });

export const Fill = Type.Object(
  {
    market: Type.String(),
    side: Side,
    size: ResultDecimal,
    price: ResultDecimal,
    notional: ResultDecimal,
    penaltyRate: ResultDecimal,
    penalty: ResultDecimal,
    liquidatorFee: ResultDecimal,
    insuranceFee: ResultDecimal,
    realizedPnl: ResultDecimal,
  },
  { ...CLOSED, $id: wireId('fill'), title: 'Fill', description: 'A liquidation fill: the closed size at its execution price, with its penalty split (spec §8).' },
);
export type Fill = Wire<typeof Fill>;
