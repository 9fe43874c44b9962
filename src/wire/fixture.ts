/** One fixture file: a valid case or an invalid-input case. @see docs/fixtures.md#a-case */
import { Type } from 'typebox';
import { CLOSED, FORMAT_1, KEBAB, patterned, wireId, type Wire } from './common.ts';
import { ModelError } from './error.ts';
import { Provenance } from './provenance.ts';
import { Result } from './result.ts';
import { Scenario } from './scenario.ts';

export const FormatVersion = patterned(FORMAT_1, 'a format version 1.x.y', 'Fixture format version (semver; MAJOR changes the format).');

const common = {
  format: FormatVersion,
  id: patterned(KEBAB, 'a lowercase kebab-case id', 'Stable case id; also the file name without .json.'),
  comment: Type.String({ description: 'What the case is, in one sentence.' }),
  flags: Type.Array(patterned(KEBAB, 'a kebab-case flag'), {
    minItems: 1,
    uniqueItems: true,
    description: "Why the case exists; each flag is explained in the manifest's notes and docs/fixtures.md.",
  }),
  provenance: Provenance,
};

/** A valid input and the result the reference computes for it. */
export const ValidCase = Type.Object({ ...common, input: Scenario, expected: Result }, { ...CLOSED, $id: wireId('validCase'), title: 'Valid case' });
export type ValidCase = Wire<typeof ValidCase>;

/** An input the reference rejects, and its error. */
export const InvalidCase = Type.Object(
  { ...common, input: Type.Unknown({ description: 'Deliberately malformed input: any JSON value.' }), expectedError: ModelError },
  { ...CLOSED, $id: wireId('invalidCase'), title: 'Invalid case' },
);
export type InvalidCase = Wire<typeof InvalidCase>;

export const Fixture = Type.Union([ValidCase, InvalidCase], {
  $id: wireId('fixture'),
  title: 'liqcheck fixture, format 1.x',
  description: "One liquidation test vector: an input scenario and the reference engine's expected result or error, with flags and provenance. See docs/fixtures.md.",
  expected: 'exactly one of the fields expected, expectedError',
});
/** One fixture file's content. */
export type Fixture = Wire<typeof Fixture>;
