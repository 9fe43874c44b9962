/**
 * A liquidation certificate (spec §14): the witnesses that let a verifier without the model check
 * a result with integer additions, multiplications and comparisons only.
 *
 * @remarks Indices (tier bracket, penalty step, position) are JSON integers; lot, tick and
 * quote-unit counts are integer strings, since they can pass 2^53. Every object is closed.
 * @see docs/spec.md#14-liquidation-certificates
 */
import { Type } from 'typebox';
import { CLOSED, Count, patterned, wireId, type Wire } from './common.ts';

/** An exact integer as a decimal string (it may exceed 2^53): no sign on zero, no leading zeros. */
export const IntegerString = (description: string) => patterned('^(0|-?[1-9][0-9]*)$', 'an integer string (no leading zeros, no "-0")', description);

export const CertificateMiss = Type.Object(
  {
    tier: Count('the bracket of the remainder after closing these lots'),
    pnl: IntegerString('⌊q_c·(x − e)⌋_u in quote units'),
    penalty: IntegerString('⌈f·N_c⌉_u in quote units'),
  },
  { ...CLOSED, description: 'A lot count of the run whose rounded slack ĝ misses the target (spec §14.5).' },
);
export type CertificateMiss = Wire<typeof CertificateMiss>;

export const CertificateAnchor = Type.Object(
  {
    tier: Count('the bracket of the remainder at the anchor a (left: from − 1; right: the lot after the run)'),
    nextTier: Count('the bracket of the remainder at a + 1'),
  },
  { ...CLOSED, description: 'Two neighbouring lot counts whose exact slack g bounds every lot count beyond them by concavity (spec §14.5).' },
);
export type CertificateAnchor = Wire<typeof CertificateAnchor>;

export const CertificateFill = Type.Object(
  {
    lots: IntegerString('j: the fill size in lots'),
    ticks: IntegerString('x/τ: the execution price in ticks'),
    tierAfter: Count('the bracket of the remainder after the fill (0 after a full close)'),
    from: IntegerString('the first lot count of the run of misses (≥ 1)'),
    misses: Type.Array(CertificateMiss, { description: 'ĝ misses at from, from + 1, …: a partial fill\'s run ends at j − 1' }),
    left: Type.Optional(CertificateAnchor),
    right: Type.Optional(CertificateAnchor),
    maxLots: Type.Optional(IntegerString('a full close only: J, the largest lot count leaving no dust (0 when none)')),
  },
  { ...CLOSED, description: 'The witnesses of one fill of the result: its grid counts and why no other size was chosen (spec §14.3, §14.5).' },
);
export type CertificateFill = Wire<typeof CertificateFill>;

export const CertificateGroup = Type.Object(
  {
    group: Type.String({ description: '"cross" or the market id of an isolated position' }),
    order: Type.Array(Count(), { description: 'indices into account.positions: the group\'s positions in the order of spec §6.2' }),
    tiers: Type.Array(Count(), { description: 'the bracket of each position of order before any fill' }),
    step: Type.Optional(Count('the penalty step k of spec §5.1; present iff the group is liquidatable')),
    fills: Type.Array(CertificateFill),
    payout: Type.Optional(IntegerString('a bankrupt group only: the insurance payout in quote units')),
  },
  { ...CLOSED, description: 'The witnesses of one margin group, in the processing order of spec §4.1.' },
);
export type CertificateGroup = Wire<typeof CertificateGroup>;

export const CERTIFICATE_FORMAT = 'liqcheck-certificate-1';

export const Certificate = Type.Object(
  {
    format: Type.Literal(CERTIFICATE_FORMAT, { expected: `"${CERTIFICATE_FORMAT}"` }),
    groups: Type.Array(CertificateGroup),
  },
  {
    ...CLOSED,
    $id: wireId('certificate'),
    title: 'Liquidation certificate',
    description: 'The integer witnesses that let a verifier check a linear minimal-close result without the model, with no division (spec §14).',
  },
);
export type Certificate = Wire<typeof Certificate>;
