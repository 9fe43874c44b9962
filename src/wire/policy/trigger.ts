/** The trigger part of a policy (spec §10.8). @see docs/spec.md#108-trigger-and-backstop */
import { Type } from 'typebox';
import { CLOSED, patterned, type Wire } from '../common.ts';

/**
 * A positive integer as a decimal string of at most 18 digits: the terms of an exact fraction.
 * A string, as every amount on the wire (no JSON number loses digits), and a fraction rather than
 * a decimal because the threshold 2/3 has no terminating decimal form (spec §10.8).
 */
const PositiveInteger = patterned('^[1-9][0-9]{0,17}$', 'a positive integer as a decimal string of at most 18 digits, e.g. "2"');

export const ParamsTrigger = Type.Object({ kind: Type.Literal('params') }, { ...CLOSED, description: "The trigger and target of the scenario's params (spec §4.3, §4.4)." });

export const BackstopTrigger = Type.Object(
  { kind: Type.Literal('backstop'), numerator: PositiveInteger, denominator: PositiveInteger },
  {
    ...CLOSED,
    description:
      'The trigger of §4.3 and, below numerator/denominator of the maintenance requirement, a backstop that takes over the whole group at mark with its remaining equity (Hyperliquid: 2/3; spec §10.8). numerator ≤ denominator.',
  },
);

export const Trigger = Type.Union([ParamsTrigger, BackstopTrigger], { expected: 'a trigger part (kind "params" or "backstop", spec §10.8)' });
export type Trigger = Wire<typeof Trigger>;
