/** A margin group's figures before or after liquidation (spec §8). @see docs/spec.md#8-output */
import { Type } from 'typebox';
import { CLOSED, ResultDecimal, decimalWords, wireId, type Wire } from './common.ts';
import { RESULT_DIGITS } from '../model/parseDecimal.ts';

export const Snapshot = Type.Object(
  {
    equity: ResultDecimal,
    maintenance: ResultDecimal,
    target: ResultDecimal,
    marginRatio: Type.Union([ResultDecimal, Type.Null()], { expected: `${decimalWords('canonical', RESULT_DIGITS)} or null` }),
  },
  { ...CLOSED, $id: wireId('snapshot'), title: 'Snapshot', description: 'Equity, maintenance, target and margin ratio of a group (marginRatio null when maintenance is 0).' },
);
export type Snapshot = Wire<typeof Snapshot>;
