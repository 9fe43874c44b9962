/** The reference engine's result (spec §8). @see docs/spec.md#8-output */
import { Type } from 'typebox';
import { CLOSED, ResultDecimal, Status, wireId, type Wire } from './common.ts';
import { Fill } from './fill.ts';
import { GroupReport } from './groupReport.ts';

export const ResultPosition = Type.Object(
  { market: Type.String(), size: ResultDecimal, entryPrice: ResultDecimal, isolatedMargin: Type.Optional(ResultDecimal) },
  { ...CLOSED, $id: wireId('resultPosition'), title: 'Result position', description: 'A position after liquidation, every decimal canonical.' },
);
export type ResultPosition = Wire<typeof ResultPosition>;

export const ResultAccount = Type.Object({ collateral: ResultDecimal, positions: Type.Array(ResultPosition) }, CLOSED);

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
  },
  { ...CLOSED, $id: wireId('result'), title: 'Result', description: "The reference engine's result (spec §8), every decimal canonical." },
);
export type Result = Wire<typeof Result>;
