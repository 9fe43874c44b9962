/** A position of an account (spec §2.3). @see docs/spec.md#2-inputs */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, wireId, type Wire } from './common.ts';

export const Position = Type.Object(
  {
    market: Type.String(),
    size: InputDecimal,
    entryPrice: InputDecimal,
    isolatedMargin: Type.Optional(InputDecimal),
  },
  { ...CLOSED, $id: wireId('position'), title: 'Position', description: 'A position: size > 0 long, < 0 short; isolatedMargin present means isolated, absent cross (spec §2.3).' },
);
export type Position = Wire<typeof Position>;
