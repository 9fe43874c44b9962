/** The requirement part of a policy, parsed, with the domains of spec §10.2. @see docs/spec.md#102-requirement */
import type { Issue } from '../../model/types.ts';
import type { Requirement } from '../../wire/policy/requirement.ts';
import { NON_NEGATIVE, RATE } from '../domains.ts';
import type { FRequirement } from '../policy.ts';
import { readAmount, type AmountDomain } from '../readAmount.ts';
import { FONE, FZERO } from '../../model/fixed.ts';

/** `0 < baseRate < 1`: like a tier's rate (§3), so that MM > 0 for every open position. */
const BASE_RATE: AmountDomain = { words: 'a decimal with 0 < x < 1', test: (x) => x.sign() > 0 && x.lt(FONE) };

export function parseRequirement(w: Requirement, path: string, issues: Issue[]): FRequirement | undefined {
  const lossBuffer = w.lossBuffer === undefined ? FZERO : readAmount(w.lossBuffer, `${path}.lossBuffer`, issues, NON_NEGATIVE);
  if (w.kind === 'tiers') {
    if (lossBuffer === undefined) return undefined;
    return { kind: 'tiers', valuation: w.valuation ?? 'mark', lossBuffer };
  }
  const baseRate = readAmount(w.baseRate, `${path}.baseRate`, issues, BASE_RATE);
  // `sizeRate < 1` keeps N · sizeRate · |q| below 10^90, within a result's 120 integer digits (§1.1).
  const sizeRate = readAmount(w.sizeRate, `${path}.sizeRate`, issues, RATE);
  const minimum = readAmount(w.minimum, `${path}.minimum`, issues, NON_NEGATIVE);
  if (lossBuffer === undefined || baseRate === undefined || sizeRate === undefined || minimum === undefined) return undefined;
  return { kind: 'size-scaled', baseRate, sizeRate, minimum, lossBuffer };
}
