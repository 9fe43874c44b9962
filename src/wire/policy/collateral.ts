/** The collateral part of a policy (spec §13.4). @see docs/spec.md#134-collateral-step-policy-part-collateral */
import { Type } from 'typebox';
import { CLOSED, type Wire } from '../common.ts';

export const NoCollateralSale = Type.Object(
  { kind: Type.Literal('none') },
  { ...CLOSED, description: 'Assets count in the equity and the target; nothing is sold (spec §13.4, the default).' },
);

export const SellCollateral = Type.Object(
  { kind: Type.Literal('sell'), restore: Type.Union([Type.Literal('deficit'), Type.Literal('target')], { expected: 'one of "deficit", "target"' }) },
  {
    ...CLOSED,
    description:
      'After the positions are closed, sell assets largest weighted target value first: `deficit` until the quote balance is ≥ 0 (Binance auto-exchange), `target` until the group meets its target (Mango token liquidation) (spec §13.4).',
  },
);

export const Collateral = Type.Union([NoCollateralSale, SellCollateral], { expected: 'a collateral part (kind "none" or "sell", spec §13.4)' });
export type Collateral = Wire<typeof Collateral>;
