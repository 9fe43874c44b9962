/**
 * A lending profile summarised, as `liqcheck profiles` lists it (text and `--json`).
 * @see docs/profiles/README.md#lending-profiles
 */
import type { ProfileList } from '../../wire/profile.ts';
import type { LoadedLendingProfile } from './readLendingProfile.ts';

export type LendingProfileListEntry = NonNullable<ProfileList['lending']>[number];

/** The summary of `p`: its names, its rules' kind, its assets and sources. */
export function lendingProfileSummary(p: LoadedLendingProfile): LendingProfileListEntry {
  return {
    name: p.wire.name,
    venue: p.wire.venue,
    asOf: p.wire.asOf,
    rules: p.params.rules.kind,
    assets: Object.keys(p.params.assets),
    sources: p.wire.sources.map((s) => ({ what: s.what, where: s.where })),
  };
}
