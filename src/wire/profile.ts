/**
 * A venue profile (issue 12): a named policy plus realistic parameters of one real venue, with
 * its sources, shipped in profiles/<name>.json.
 * @see docs/profiles/README.md
 */
import { Type } from 'typebox';
import { CLOSED, patterned, wireId, type Wire } from './common.ts';
import { Params } from './params.ts';
import { Policy } from './policy.ts';

export const ProfileSource = Type.Object(
  {
    what: Type.String({ minLength: 1, description: 'what the source states (the rule, a parameter table, a test)' }),
    where: Type.String({ minLength: 1, description: 'a URL, or "owner/repo path[#symbol]" of the engine code or its tests' }),
  },
  { ...CLOSED, description: 'one primary source of the profile' },
);

/** When a profile's parameters and sources were read (every profile file, perp and lending). */
export const ProfileAsOf = patterned('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', 'a date YYYY-MM-DD', 'when the parameters and sources were read');
/** A profile's primary sources, at least one. */
export const ProfileSources = Type.Array(ProfileSource, { minItems: 1 });
/** What of the venue a profile deliberately leaves out. */
export const NotModelled = Type.Array(Type.String({ minLength: 1 }), { description: 'what of the venue is deliberately not modelled, and why' });

export const Profile = Type.Object(
  {
    name: patterned('^[a-z0-9]+(-[a-z0-9]+)*$', 'a profile name (lowercase words joined by "-", e.g. "dydx-v4")'),
    venue: Type.String({ minLength: 1, description: 'the venue and product, e.g. "dYdX v4 perpetuals"' }),
    asOf: ProfileAsOf,
    sources: ProfileSources,
    policy: Policy,
    params: Params,
    notModelled: NotModelled,
  },
  {
    ...CLOSED,
    $id: wireId('profile'),
    title: 'liqcheck venue profile',
    description: "A real venue's liquidation rules as a liqcheck policy (spec §10) plus realistic risk parameters (spec §2.1), with their sources and date. See docs/profiles/.",
  },
);
export type Profile = Wire<typeof Profile>;

/** One row of `liqcheck profiles --json`. */
export const ProfileListEntry = Type.Object(
  {
    name: Type.String({ description: 'the profile name, for --profile NAME and a handshake\'s "policy"' }),
    venue: Type.String({ description: 'the venue and product' }),
    asOf: Type.String({ description: 'when the parameters and sources were read (YYYY-MM-DD)' }),
    policy: Type.String({ description: "the profile's policy name" }),
    parts: Type.Array(Type.String(), { description: 'the policy parts, one `label kind (parameters)` each, as check prints them' }),
    markets: Type.Array(Type.String(), { description: "the market ids of the profile's params" }),
    sources: Type.Array(ProfileSource),
  },
  { ...CLOSED, description: 'a shipped venue profile, summarised' },
);

/** One lending profile of `liqcheck profiles --json` (profiles/lending/, spec §11; issue 13). */
export const LendingProfileListEntry = Type.Object(
  {
    name: Type.String({ description: 'the profile name, for check --profile NAME and a lending engine\'s "policy"' }),
    venue: Type.String({ description: 'the venue and market' }),
    asOf: Type.String({ description: 'when the parameters and sources were read (YYYY-MM-DD)' }),
    rules: Type.String({ description: 'the kind of its liquidation rules (spec §11.1): "close-factor" or "absorb"' }),
    assets: Type.Array(Type.String(), { description: "the asset ids of the profile's params" }),
    sources: Type.Array(ProfileSource),
  },
  { ...CLOSED, description: 'a shipped lending profile, summarised' },
);

/** What `liqcheck profiles --json` prints. */
export const ProfileList = Type.Object(
  {
    format: Type.Literal('liqcheck-profiles/1'),
    profiles: Type.Array(ProfileListEntry, { description: 'in name order' }),
    lending: Type.Optional(Type.Array(LendingProfileListEntry, { description: 'the lending profiles of profiles/lending/, in name order (additive: absent before issue 13)' })),
  },
  { ...CLOSED, $id: wireId('profileList'), title: 'liqcheck profiles --json', description: 'The venue profiles shipped in profiles/ and profiles/lending/. See docs/profiles/README.md.' },
);
export type ProfileList = Wire<typeof ProfileList>;
