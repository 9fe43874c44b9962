/** The penalty part of a policy (spec §10.5). @see docs/spec.md#105-penalty */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, type Wire } from '../common.ts';

/** What caps a fill's penalty (spec §10.5): the group's equity left (§7.3, the default) or the fill's own value above bankruptcy (dYdX v4). */
export const PenaltyCap = Type.Union([Type.Literal('equity'), Type.Literal('bankruptcy')], {
  expected: 'one of "equity", "bankruptcy"',
  description: 'The cap of each fill\'s penalty: "equity" (default), the group\'s equity after the fill\'s PnL (spec §7.3); "bankruptcy", the fill\'s value above bankruptcy, E⁻ − E·MM′/MM rounded down to the quote unit (dYdX v4; spec §10.5).',
});

export const StepPenalty = Type.Object(
  { kind: Type.Literal('steps'), cap: Type.Optional(PenaltyCap) },
  { ...CLOSED, description: 'The step schedule of params.penalty on the margin ratio, capped by equity or by the fill\'s value above bankruptcy (spec §5, §7.3, §10.5).' },
);

export const LinearPoint = Type.Object(
  { marginRatio: InputDecimal, rate: InputDecimal },
  { ...CLOSED, description: 'A point of the linear penalty: the rate at margin ratio E/MM = marginRatio (marginRatio ≥ 0, 0 ≤ rate < 1; spec §10.5).' },
);

export const LinearPenalty = Type.Object(
  { kind: Type.Literal('linear'), points: Type.Array(LinearPoint, { minItems: 2 }), cap: Type.Optional(PenaltyCap) },
  { ...CLOSED, description: 'A rate piecewise-linear in the margin ratio E/MM before any fill, between at least two points (margin ratio strictly decreasing, rate non-decreasing), rounded up to 10^-18, constant beyond the first and the last point, capped by equity or by the fill\'s value above bankruptcy (Aave v4 style; spec §10.5).' },
);

export const Penalty = Type.Union([StepPenalty, LinearPenalty], { expected: 'a penalty part (kind "steps" or "linear", spec §10.5)' });
export type Penalty = Wire<typeof Penalty>;
