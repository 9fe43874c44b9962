/** The penalty part of a policy (spec §10.5). @see docs/spec.md#105-penalty */
import { Type } from 'typebox';
import { CLOSED, InputDecimal, type Wire } from '../common.ts';

export const StepPenalty = Type.Object({ kind: Type.Literal('steps') }, { ...CLOSED, description: 'The step schedule of params.penalty on the margin ratio, capped by equity (spec §5, §7.3).' });

export const LinearPoint = Type.Object(
  { marginRatio: InputDecimal, rate: InputDecimal },
  { ...CLOSED, description: 'A point of the linear penalty: the rate at margin ratio E/MM = marginRatio (marginRatio ≥ 0, 0 ≤ rate < 1; spec §10.5).' },
);

export const LinearPenalty = Type.Object(
  { kind: Type.Literal('linear'), points: Type.Array(LinearPoint, { minItems: 2 }) },
  { ...CLOSED, description: 'A rate piecewise-linear in the margin ratio E/MM before any fill, between at least two points (margin ratio strictly decreasing, rate non-decreasing), rounded up to 10^-18, constant beyond the first and the last point, capped by equity (Aave v4 style; spec §10.5).' },
);

export const Penalty = Type.Union([StepPenalty, LinearPenalty], { expected: 'a penalty part (kind "steps" or "linear", spec §10.5)' });
export type Penalty = Wire<typeof Penalty>;
