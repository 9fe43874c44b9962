/** A market's risk parameters (spec §2.1, §12.1). @see docs/spec.md#2-inputs */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, wireId, type Wire } from './common.ts';
import { Tier } from './tier.ts';

export const LinearContract = Type.Object(
  { kind: Type.Literal('linear') },
  { ...CLOSED, description: 'A linear (quote-margined) contract: size in the base asset, values and PnL in quote (spec §1–§10); the same as no `contract`.' },
);

export const InverseContract = Type.Object(
  { kind: Type.Literal('inverse'), value: InputDecimal },
  {
    ...CLOSED,
    description:
      'An inverse (coin-margined) contract: size in contracts of `value` (> 0) quote currency each, collateral, PnL, tiers and every amount in the settlement coin, whose unit is 10^−quoteScale (spec §12). Only run under a policy (spec §12.1).',
  },
);

export const Contract = Type.Union([LinearContract, InverseContract], {
  expected: 'a contract ({"kind": "linear"} or {"kind": "inverse", "value": "<decimal > 0>"}, spec §12.1)',
});
export type Contract = Wire<typeof Contract>;

export const Market = Type.Object(
  { lotSize: InputDecimal, tickSize: InputDecimal, tiers: Type.Array(Tier, { minItems: 1 }), contract: Type.Optional(Contract) },
  // The description stays as it was: the linear shape's schema text is unchanged but for `contract`.
  { ...CLOSED, $id: wireId('market'), title: 'Market', description: 'A market: lot size, tick size and its maintenance tiers (spec §2.1, §3).' },
);
export type Market = Wire<typeof Market>;
