/** An order book of one market that a book-filling policy walks (spec §10.4). @see docs/spec.md#104-execution-price */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, wireId, type Wire } from './common.ts';

export const BookLevel = Type.Object({ price: InputDecimal, size: InputDecimal }, CLOSED);
export type BookLevel = Wire<typeof BookLevel>;

export const Book = Type.Object(
  { bids: Type.Array(BookLevel), asks: Type.Array(BookLevel) },
  {
    ...CLOSED,
    $id: wireId('book'),
    title: 'Order book',
    description: 'Resting orders of one market: bids (best, highest, first) that a long\'s liquidation sells into, asks (best, lowest, first) that a short\'s buys from; prices on the tick, sizes on the lot (spec §10.4).',
  },
);
export type Book = Wire<typeof Book>;
