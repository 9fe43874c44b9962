/** Where a fixture came from. @see docs/fixtures.md#a-case */
import { Type } from 'typebox';
import { CLOSED, INVARIANT_ID, SEMVER, Sha256, patterned, wireId, type Wire } from './common.ts';

export const Generator = patterned('^liqcheck [0-9]+\\.[0-9]+\\.[0-9]+', 'liqcheck <version>', 'The tool and version that filled the expectation.');
export const SpecVersion = patterned(SEMVER, 'a semver version', 'Version of docs/spec.md the expectation follows.');

export const Provenance = Type.Object(
  {
    generator: Generator,
    spec: SpecVersion,
    recipe: patterned('^[a-z0-9:-]+$', 'a recipe name', 'Which generator recipe produced the input (a flag it aims at, random, invalid:<mutation>, failure).'),
    seed: Type.Optional(Type.Integer({ minimum: -2147483648, maximum: 2147483647, description: 'The seed of the random draw.' })),
    path: Type.Optional(Type.String({ description: 'Where in the seeded stream: <stream>/<batch>:<index> for generated cases, the fast-check replay path for failures.' })),
    found: Type.Optional(
      Type.Object(
        {
          engine: Type.Object({ name: Type.String(), version: Type.Optional(Type.String()) }, CLOSED),
          invariants: Type.Array(patterned(INVARIANT_ID, 'an invariant id such as LIQ-003 or REF-001'), { minItems: 1 }),
          message: Type.String(),
        },
        { ...CLOSED, description: 'For a counterexample saved by `liqcheck check`: the engine it broke and what it violated.' },
      ),
    ),
    hash: { ...Sha256, description: 'sha256 of the compact canonical JSON of the whole case with this field removed.' },
  },
  { ...CLOSED, $id: wireId('provenance'), title: 'Provenance', description: 'Which tool, spec version, recipe and seed produced the case, and its content hash.' },
);
export type Provenance = Wire<typeof Provenance>;
