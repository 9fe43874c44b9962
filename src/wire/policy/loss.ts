/** The loss part of a policy (spec §10.6). @see docs/spec.md#106-loss */
import { Type } from 'typebox';
import { CLOSED, type Wire } from '../common.ts';

export const InsuranceThenSocialized = Type.Object(
  { kind: Type.Literal('insurance-then-socialized') },
  { ...CLOSED, description: 'Bad debt is paid by the insurance fund in whole quote units, the rest socialized (spec §7.4).' },
);

export const Loss = Type.Union([InsuranceThenSocialized], { expected: 'a loss part (kind "insurance-then-socialized", spec §10.6)' });
export type Loss = Wire<typeof Loss>;
