/** The execution-price part of a policy (spec §10.4). @see docs/spec.md#104-execution-price */
import { Type } from 'typebox';
import { CLOSED, type Wire } from '../common.ts';

export const MarkPrice = Type.Object({ kind: Type.Literal('mark') }, { ...CLOSED, description: 'The mark conceded by params.priceImpact, on the tick against the trader (spec §7.1).' });

export const BookPrice = Type.Object(
  {
    kind: Type.Literal('book'),
    remainder: Type.Union([Type.Literal('left'), Type.Literal('bankruptcy'), Type.Literal('backstop')], { expected: 'one of "left", "bankruptcy", "backstop"' }),
  },
  { ...CLOSED, description: 'The liquidation order walks the scenario `book`; what depth cannot fill is left open, closed at the bankruptcy price, or taken over by the backstop at the mark (spec §10.4).' },
);

export const BankruptcyPrice = Type.Object(
  { kind: Type.Literal('bankruptcy') },
  { ...CLOSED, description: 'Every close fills at the bankruptcy price of the part it closes: the tick price at which its value above bankruptcy E⁻ − E·MM′/MM is used up (spec §10.4).' },
);

export const ExecutionPrice = Type.Union([MarkPrice, BookPrice, BankruptcyPrice], { expected: 'an execution-price part (kind "mark", "book" or "bankruptcy", spec §10.4)' });
export type ExecutionPrice = Wire<typeof ExecutionPrice>;
