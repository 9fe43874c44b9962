/** A risk-parameter set (spec §2.1, §3, §5). @see docs/params.md */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, dictionary, wireId, type Wire } from './common.ts';
import { Asset, QuoteDebt } from './asset.ts';
import { Market } from './market.ts';

export const PenaltyStep = Type.Object({ maxMarginRatio: InputDecimal, rate: InputDecimal }, CLOSED);
export type PenaltyStep = Wire<typeof PenaltyStep>;

export const Trigger = Type.Union([Type.Literal('strict'), Type.Literal('inclusive')], { expected: 'one of "strict", "inclusive"' });

export const Params = Type.Object(
  {
    quoteScale: Type.Integer({ minimum: 0, maximum: 18 }),
    trigger: Trigger,
    targetBuffer: InputDecimal,
    penalty: Type.Object({ steps: Type.Array(PenaltyStep, { minItems: 1 }), liquidatorShare: InputDecimal }, CLOSED),
    dustNotional: InputDecimal,
    priceImpact: InputDecimal,
    markets: dictionary(Market),
    assets: Type.Optional(dictionary(Asset, { description: 'collateral assets of the cross group by asset id (spec §13.1)' })),
    quoteDebt: Type.Optional(QuoteDebt),
  },
  {
    ...CLOSED,
    $id: wireId('params'),
    title: 'liqcheck risk parameters',
    description:
      'A risk-parameter set (spec §2.1, §3, §5): tiers, penalty schedule, buffer, dust, price impact. The schema checks structure and decimal syntax; `liqcheck params check` checks the rules between fields (PAR-001…004) and the risk advisories. See docs/params.md.',
  },
);
export type Params = Wire<typeof Params>;
