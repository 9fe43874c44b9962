/** A liquidation scenario (spec §2). @see docs/spec.md#2-inputs */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, dictionary, wireId, type Wire } from './common.ts';
import { Book } from './book.ts';
import { Params } from './params.ts';
import { Policy } from './policy.ts';
import { Position } from './position.ts';

export const Account = Type.Object(
  {
    collateral: InputDecimal,
    positions: Type.Array(Position),
    assets: Type.Optional(dictionary(InputDecimal, { description: 'asset balances by asset id of params.assets, each ≥ 0 and a multiple of its unit (spec §13.1)' })),
  },
  CLOSED,
);
export type Account = Wire<typeof Account>;

export const Scenario = Type.Object(
  {
    params: Params,
    marks: dictionary(InputDecimal),
    account: Account,
    insuranceFund: InputDecimal,
    policy: Type.Optional(Policy),
    book: Type.Optional(dictionary(Book, { description: 'order books by market id, for a policy whose price part is "book" (spec §10.4)' })),
    requests: Type.Optional(dictionary(InputDecimal, { description: 'the liquidator\'s requested close size by market id, for a "requested" close size (spec §10.3)' })),
    assetPrices: Type.Optional(dictionary(InputDecimal, { description: 'the price (> 0, in quote) of one whole token by asset id, for every asset the account holds (spec §13.1)' })),
  },
  {
    ...CLOSED,
    $id: wireId('scenario'),
    title: 'Scenario',
    description: "A liquidation scenario (spec §2); `policy`, `book` and `requests` are absent under the reference policy (spec §10). Decimal syntax is checked here; the semantic rules of spec §1–§3 are the engine's to check.",
  },
);
export type Scenario = Wire<typeof Scenario>;
