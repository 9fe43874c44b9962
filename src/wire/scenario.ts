/** A liquidation scenario (spec §2). @see docs/spec.md#2-inputs */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, dictionary, wireId, type Wire } from './common.ts';
import { Params } from './params.ts';
import { Position } from './position.ts';

export const Account = Type.Object({ collateral: InputDecimal, positions: Type.Array(Position) }, CLOSED);
export type Account = Wire<typeof Account>;

export const Scenario = Type.Object(
  { params: Params, marks: dictionary(InputDecimal), account: Account, insuranceFund: InputDecimal },
  {
    ...CLOSED,
    $id: wireId('scenario'),
    title: 'Scenario',
    description: "A liquidation scenario (spec §2). Decimal syntax is checked here; the semantic rules of spec §1–§3 are the engine's to check.",
  },
);
export type Scenario = Wire<typeof Scenario>;
