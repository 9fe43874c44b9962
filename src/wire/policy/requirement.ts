/** The requirement part of a policy (spec §10.2). @see docs/spec.md#102-requirement */
import { Type } from 'typebox';
import { CLOSED, decimalString, type Wire } from '../common.ts';
import { INPUT_DIGITS } from '../../model/parseDecimal.ts';

/** An input decimal (§1.1) whose domain (checked by src/policy/requirement/parseRequirement.ts) is `words`. */
const amount = (words: string) => decimalString('input', INPUT_DIGITS, words);

/** β ≥ 0 (checked by src/policy/requirement/parseRequirement.ts): requirement + β · max(0, −U_i) per position. */
const lossBuffer = Type.Optional(
  amount('β ≥ 0: adds β · max(0, −U_i), the unrealized loss of each position, to its requirement (Drift). Default 0.'),
);

/** Maintenance by the tier brackets of `params.markets[id].tiers` (§3), on the notional at mark or at entry. */
export const TiersRequirement = Type.Object(
  {
    kind: Type.Literal('tiers'),
    valuation: Type.Optional(Type.Union([Type.Literal('mark'), Type.Literal('entry')], { expected: 'one of "mark", "entry"', description: 'the notional the brackets apply to: |q|·P at mark (default, §3) or |q|·e at entry (Bybit)' })),
    lossBuffer,
  },
  { ...CLOSED, description: 'Maintenance by the tier brackets of params (spec §3), valued on the notional at mark (default) or at entry (Bybit), plus lossBuffer × unrealized loss (Drift).' },
);

/** A maintenance rate that grows with the position's size, plus an additive minimum (Synthetix v3). */
export const SizeScaledRequirement = Type.Object(
  {
    kind: Type.Literal('size-scaled'),
    baseRate: amount('0 < baseRate < 1: the rate of a vanishing position'),
    sizeRate: amount('0 ≤ sizeRate < 1: the rate added per base unit of size'),
    minimum: amount('minimum ≥ 0: a quote amount added per position'),
    lossBuffer,
  },
  { ...CLOSED, description: 'MM_i = N_i · (baseRate + ⌈sizeRate · |q_i|⌉_(10^−18)) + minimum + lossBuffer · max(0, −U_i) (spec §10.2).' },
);

export const Requirement = Type.Union([TiersRequirement, SizeScaledRequirement], { expected: 'a requirement part (kind "tiers" or "size-scaled", spec §10.2)' });
export type Requirement = Wire<typeof Requirement>;
