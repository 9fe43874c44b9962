/**
 * One lending fixture file (spec §11): a lending scenario, the reference's result for it, the flags
 * saying why the case exists and the lending invariants those flags aim at.
 *
 * @remarks A format beside the perp one (src/wire/fixture.ts), not a variant of it: the perp
 * `format` is a bare semver (`1.0.0`), a lending case names its kind before the version
 * (`liqcheck-lending-fixture/1.0.0`), so no reader of either can mistake one for the other. The
 * manifest of a lending suite is the perp manifest unchanged (src/wire/manifest.ts). Same
 * versioning as the perp format: MAJOR re-interprets a field, MINOR adds (a flag, an optional field).
 * @see docs/fixtures.md#lending-fixtures
 */
import { Type } from 'typebox';
import { CLOSED, INVARIANT_ID, KEBAB, patterned, wireId, type Wire } from './common.ts';
import { LendingResult, LendingScenario } from './lending.ts';
import { Provenance } from './provenance.ts';

/** The format every lending case written by this version carries. */
export const LENDING_FIXTURE_FORMAT = 'liqcheck-lending-fixture/1.0.0';
/** Any 1.x.y of the lending fixture format. */
export const LENDING_FIXTURE_FORMAT_1 = '^liqcheck-lending-fixture/1\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$';

export const LendingFixture = Type.Object(
  {
    format: patterned(LENDING_FIXTURE_FORMAT_1, 'liqcheck-lending-fixture/1.x.y', 'Lending fixture format (kind/semver; MAJOR changes the format).'),
    id: patterned(KEBAB, 'a lowercase kebab-case id', 'Stable case id: the first flag and the start of the sha256 of the input; also the file name without .json.'),
    profile: patterned(KEBAB, 'a lending profile name', 'The lending profile whose params the input uses (an engine under test declares it in its handshake).'),
    description: Type.String({ description: 'What the case is, in one sentence.' }),
    flags: Type.Array(patterned(KEBAB, 'a kebab-case flag'), {
      minItems: 1,
      uniqueItems: true,
      description: "Why the case exists; each flag is explained in the manifest's notes and docs/fixtures.md#lending-fixtures.",
    }),
    invariants: Type.Array(patterned(INVARIANT_ID, 'a lending invariant id such as LND-004'), { uniqueItems: true, description: 'The LND ids the flags of the case exercise, sorted.' }),
    input: LendingScenario,
    expected: LendingResult,
    provenance: Provenance,
  },
  {
    ...CLOSED,
    $id: wireId('lendingFixture'),
    title: 'liqcheck lending fixture, format 1.x',
    description: "One lending liquidation test vector: a lending scenario and the reference's expected result, with flags, the invariants they target and provenance. See docs/fixtures.md#lending-fixtures.",
  },
);
export type LendingFixture = Wire<typeof LendingFixture>;
