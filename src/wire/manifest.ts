/** The manifest of a fixture directory. @see docs/fixtures.md#the-manifest */
import { Type } from 'typebox';
import { CLOSED, Sha256, dictionary, wireId, type Wire } from './common.ts';
import { FormatVersion } from './fixture.ts';
import { FlagNote } from './flagNote.ts';
import { Generator, SpecVersion } from './provenance.ts';

const Count = Type.Integer({ minimum: 0, maximum: 100_000_000 });

export const Manifest = Type.Object(
  {
    format: FormatVersion,
    generator: Generator,
    spec: SpecVersion,
    command: Type.String({ description: 'The command that regenerates this directory byte for byte.' }),
    count: Count,
    flags: dictionary(Count, { description: 'Cases per flag.' }),
    notes: dictionary(FlagNote, { description: 'Every flag used, explained once.' }),
    files: dictionary(Sha256, { description: "sha256 of every case file's bytes, by file name." }),
  },
  {
    ...CLOSED,
    $id: wireId('fixture-manifest'),
    title: 'liqcheck fixture manifest, format 1.x',
    description: 'The manifest of a fixture directory: counts per flag, the flag notes, the sha256 of every case file. See docs/fixtures.md.',
  },
);
export type Manifest = Wire<typeof Manifest>;
