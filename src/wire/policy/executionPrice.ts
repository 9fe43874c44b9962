/** The execution-price part of a policy (spec §10.4). @see docs/spec.md#104-execution-price */
import { Type } from 'typebox';
import { CLOSED, type Wire } from '../common.ts';

export const MarkPrice = Type.Object({ kind: Type.Literal('mark') }, { ...CLOSED, description: 'The mark conceded by params.priceImpact, on the tick against the trader (spec §7.1).' });

export const BookPrice = Type.Object(
  {
    kind: Type.Literal('book'),
    remainder: Type.Union([Type.Literal('left'), Type.Literal('bankruptcy')], { expected: 'one of "left", "bankruptcy"' }),
  },
  { ...CLOSED, description: 'The liquidation order walks the scenario `book`; what depth cannot fill is left open or closed at the bankruptcy price (spec §10.4).' },
);

export const ExecutionPrice = Type.Union([MarkPrice, BookPrice], { expected: 'an execution-price part (kind "mark" or "book", spec §10.4)' });
export type ExecutionPrice = Wire<typeof ExecutionPrice>;
