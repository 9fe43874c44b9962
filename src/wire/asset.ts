/** A collateral asset of the cross group and the weights of a negative quote balance (spec §13.1). @see docs/spec.md#131-inputs */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, type Wire } from './common.ts';

export const Asset = Type.Object(
  {
    unit: InputDecimal,
    weight: InputDecimal,
    targetWeight: Type.Optional(InputDecimal),
    discount: Type.Optional(InputDecimal),
    feeFactor: Type.Optional(InputDecimal),
  },
  {
    ...CLOSED,
    description:
      'A collateral asset (spec §13.1): `unit` its smallest amount (10^−k, 0 ≤ k ≤ 18), `weight` w its maintenance weight, `targetWeight` w′ (default w, 0 ≤ w′ ≤ w ≤ 1), and at most one of `discount` δ (0 ≤ δ < 1, a sale gets p·(1 − δ)) and `feeFactor` φ (≥ 1, a sale gets p/φ).',
  },
);
export type Asset = Wire<typeof Asset>;

export const QuoteDebt = Type.Object(
  { weight: InputDecimal, targetWeight: InputDecimal },
  {
    ...CLOSED,
    description: 'The weights l ≤ l′ (both ≥ 1) of a negative quote balance (spec §13.1); with either ≠ 1 the cross group holds no position.',
  },
);
export type QuoteDebt = Wire<typeof QuoteDebt>;
