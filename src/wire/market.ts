/** A market's risk parameters (spec §2.1). @see docs/spec.md#2-inputs */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, wireId, type Wire } from './common.ts';
import { Tier } from './tier.ts';

export const Market = Type.Object(
  { lotSize: InputDecimal, tickSize: InputDecimal, tiers: Type.Array(Tier, { minItems: 1 }) },
  { ...CLOSED, $id: wireId('market'), title: 'Market', description: 'A market: lot size, tick size and its maintenance tiers (spec §2.1, §3).' },
);
export type Market = Wire<typeof Market>;
