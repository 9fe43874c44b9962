/**
 * A fixture case of the circuit-friendly profile (spec §15), and the manifest of their directory
 * (fixtures/circuit/cases/).
 *
 * @remarks Why a case carries both the scenario and the circuit inputs: a port of the circuit (or
 * of the relation) can be tested on the inputs alone, with no model to compute them, while the
 * scenario and the reference's expected result tie those integers back to the decimal rules.
 * @see docs/spec.md#15-circuit-friendly-profile
 */
import { Type } from 'typebox';
import { CLOSED, KEBAB, Sha256, dictionary, patterned, wireId, type Wire } from './common.ts';
import { Result } from './result.ts';
import { Scenario } from './scenario.ts';

/** An integer in decimal, optionally negative (circom's input JSON reduces it mod p). */
export const IntegerString = patterned('^-?(0|[1-9][0-9]*)$', 'an integer in decimal, e.g. "-12"');

/** What a case exercises, each flag explained once in the manifest. */
export const CIRCUIT_FLAGS = {
  strict: 'the strict trigger (E < MM; the target E′ ≥ T′)',
  inclusive: 'the inclusive trigger (E ≤ MM; the target E′ > T′)',
  boundary: 'equity exactly at maintenance, E = MM: liquidatable only under the inclusive trigger',
  'tier-floor': 'the notional before, or the remainder after the close, exactly on a tier floor (it belongs to the upper tier)',
  'tiers-crossed': 'the remainder after a partial close is in a lower tier than the position before',
  'rounding-step': 'a partial close of j_0 + 1 lots: j_0, the least lot count with exact slack g ≥ 0, misses once rounded',
  healthy: 'not liquidatable: nothing happens',
  partial: 'a partial close that meets the target',
  full: 'closed in full, collateral after ≥ 0',
  bankrupt: 'closed in full with a deficit: bad debt, the fund pays whole quote units',
  dust: 'closed in full because every partial close that would meet the target leaves dust',
  isolated: 'the position is isolated: the group is its margin; a closed one returns its margin to the cross pool',
  capped: 'the penalty is capped by the equity before it (§7.3)',
  'payout-capped': 'the insurance fund cannot cover the deficit: socialized loss',
} as const;

export type CircuitFlag = keyof typeof CIRCUIT_FLAGS;

const Flag = Type.Unsafe<CircuitFlag>(Type.Union(Object.keys(CIRCUIT_FLAGS).map((f) => Type.Literal(f)), { expected: `one of ${Object.keys(CIRCUIT_FLAGS).map((f) => `"${f}"`).join(', ')}` }));

export const CircuitCase = Type.Object(
  {
    format: Type.Literal('1.0.0'),
    id: patterned(KEBAB, 'a kebab-case id'),
    flags: Type.Array(Flag, { minItems: 1 }),
    scenario: Scenario,
    inputs: dictionary(Type.Union([IntegerString, Type.Array(IntegerString, { minItems: 1 })]), {
      description: 'the circuit inputs of the honest claim, by signal name (src/circuit/layout.ts), integers at the fixed scales',
    }),
    expected: Result,
  },
  {
    ...CLOSED,
    $id: wireId('circuit-case'),
    title: 'liqcheck circuit-profile case',
    description: 'A scenario of the circuit-friendly profile (spec §15), the circuit inputs of its honest claim and the reference result.',
  },
);
export type CircuitCase = Wire<typeof CircuitCase>;

export const CircuitManifest = Type.Object(
  {
    format: Type.Literal('1.0.0'),
    command: Type.String({ description: 'The command that regenerates this directory byte for byte.' }),
    params: Sha256,
    count: Type.Integer({ minimum: 0 }),
    flags: dictionary(Type.Integer({ minimum: 0 }), { description: 'Cases per flag.' }),
    notes: dictionary(Type.String(), { description: 'Every flag used, explained once.' }),
    files: dictionary(Sha256, { description: "sha256 of every case file's bytes, by file name." }),
  },
  {
    ...CLOSED,
    $id: wireId('circuit-manifest'),
    title: 'liqcheck circuit-profile fixture manifest',
    description: 'The manifest of fixtures/circuit/cases/: counts per flag, the flag notes, the sha256 of the params file and of every case file.',
  },
);
export type CircuitManifest = Wire<typeof CircuitManifest>;
