/** The reference engine's result (spec §8). @see docs/spec.md#8-output */
import { Type } from 'typebox';
import { CLOSED, ResultDecimal, Status, dictionary, wireId, type Wire } from './common.ts';
import { Fill } from './fill.ts';
import { GroupReport } from './groupReport.ts';

export const ResultPosition = Type.Object(
  { market: Type.String(), size: ResultDecimal, entryPrice: ResultDecimal, isolatedMargin: Type.Optional(ResultDecimal) },
  { ...CLOSED, $id: wireId('resultPosition'), title: 'Result position', description: 'A position after liquidation, every decimal canonical.' },
);
export type ResultPosition = Wire<typeof ResultPosition>;

export const ResultAccount = Type.Object(
  {
    collateral: ResultDecimal,
    positions: Type.Array(ResultPosition),
    assets: Type.Optional(dictionary(ResultDecimal, { description: 'asset balances after, zero balances omitted; present iff the scenario has params.assets (spec §13.4)' })),
  },
  CLOSED,
);

export const Sale = Type.Object(
  { asset: Type.String(), amount: ResultDecimal, proceeds: ResultDecimal },
  { ...CLOSED, description: 'One sale of the collateral step (spec §13.4): `amount` of `asset` sold for `proceeds` = ⌊amount·π⌋ in quote.' },
);
export type Sale = Wire<typeof Sale>;

export const Result = Type.Object(
  {
    status: Status,
    fills: Type.Array(Fill),
    account: ResultAccount,
    insuranceFund: ResultDecimal,
    insurancePayout: ResultDecimal,
    badDebt: ResultDecimal,
    socializedLoss: ResultDecimal,
    groups: Type.Array(GroupReport),
    sales: Type.Optional(Type.Array(Sale, { description: 'the collateral step\'s sales in execution order; present iff the scenario has params.assets (spec §13.4)' })),
  },
  { ...CLOSED, $id: wireId('result'), title: 'Result', description: "The reference engine's result (spec §8), every decimal canonical." },
);
export type Result = Wire<typeof Result>;
