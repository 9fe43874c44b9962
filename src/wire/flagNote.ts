/** The explanation of one fixture flag, in a manifest. @see docs/fixtures.md#flags */
import { Type } from 'typebox';
import { CLOSED, INVARIANT_ID, patterned, wireId, type Wire } from './common.ts';

export const FlagNote = Type.Object(
  {
    bugType: Type.Union([
      Type.Literal('basic'),
      Type.Literal('boundary'),
      Type.Literal('rounding'),
      Type.Literal('overflow'),
      Type.Literal('accounting'),
      Type.Literal('validation'),
    ], { expected: 'one of "basic", "boundary", "rounding", "overflow", "accounting", "validation"' }),
    description: Type.String({ description: 'Why the flag exists: what the case exercises.' }),
    effect: Type.String({ description: 'What breaks if an engine fails a case with this flag.' }),
    invariants: Type.Array(patterned(INVARIANT_ID, 'an invariant id'), { description: 'Catalog invariants whose boundary the flag probes.' }),
  },
  { ...CLOSED, $id: wireId('flagNote'), title: 'Flag note', description: 'What a flag means, why it exists and what an engine failing it breaks.' },
);
export type FlagNote = Wire<typeof FlagNote>;
