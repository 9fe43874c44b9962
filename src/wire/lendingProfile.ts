/**
 * A lending venue profile (issue 13 item 3): the realistic parameters of one lending market of a
 * real venue (spec §11.1), with its sources, shipped in profiles/lending/<name>.json. The frame is
 * the perp profile's (src/wire/profile.ts) with lending params and no policy: a lending market's
 * rules are in its params (`params.rules`).
 * @see docs/profiles/README.md#lending-profiles
 * @see docs/spec.md#11-lending-health-factor
 */
import { Type } from 'typebox';
import { CLOSED, KEBAB, patterned, wireId, type Wire } from './common.ts';
import { LendingParams } from './lending.ts';
import { NotModelled, ProfileAsOf, ProfileSources } from './profile.ts';

export const LendingProfile = Type.Object(
  {
    name: patterned(KEBAB, 'a profile name (lowercase words joined by "-", e.g. "aave-v3")'),
    venue: Type.String({ minLength: 1, description: 'the venue and market, e.g. "Aave v3 Core market on Ethereum mainnet"' }),
    asOf: ProfileAsOf,
    sources: ProfileSources,
    params: LendingParams,
    notModelled: NotModelled,
  },
  {
    ...CLOSED,
    $id: wireId('lendingProfile'),
    title: 'liqcheck lending profile',
    description: "A real lending venue's market parameters and liquidation rules (spec §11.1), with their sources and date. See docs/profiles/.",
  },
);
export type LendingProfile = Wire<typeof LendingProfile>;
