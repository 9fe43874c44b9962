/** The value domains policy amounts are checked against (spec §10), with their words. @internal */
import { FONE, type Fixed } from '../model/fixed.ts';
import type { AmountDomain } from './readAmount.ts';

export const NON_NEGATIVE: AmountDomain = { words: 'a decimal ≥ 0', test: (x: Fixed) => x.sign() >= 0 };
export const POSITIVE: AmountDomain = { words: 'a decimal > 0', test: (x: Fixed) => x.sign() > 0 };
export const RATE: AmountDomain = { words: 'a decimal with 0 ≤ x < 1', test: (x: Fixed) => x.sign() >= 0 && x.lt(FONE) };
export const SHARE: AmountDomain = { words: 'a decimal with 0 < x ≤ 1', test: (x: Fixed) => x.sign() > 0 && x.lte(FONE) };
