/** The reference engine's rejection (spec §2.5, §1.3). @see docs/spec.md#25-invalid-input */
import { Type } from 'typebox';
import { CLOSED, wireId, type Wire } from './common.ts';

export const Issue = Type.Object({ path: Type.String(), expected: Type.String(), received: Type.String() }, CLOSED);
export type Issue = Wire<typeof Issue>;

export const InvalidInput = Type.Object({ code: Type.Literal('invalid-input'), issues: Type.Array(Issue, { minItems: 1 }) }, CLOSED);
export const LimitExceeded = Type.Object({ code: Type.Literal('limit-exceeded'), message: Type.String() }, CLOSED);

export const ModelError = Type.Union([InvalidInput, LimitExceeded], {
  $id: wireId('error'),
  title: 'Error',
  description: "The reference engine's rejection. An engine must reject with the same code; issue paths are the reference's (see docs/fixtures.md for how they are compared).",
  expected: 'an error {code: "invalid-input", issues} or {code: "limit-exceeded", message}',
});
export type ModelError = Wire<typeof ModelError>;
