/**
 * Zoo engine "quote scale fixed": every quote amount is rounded to 10^−6 (USDC's six decimals),
 * whatever `quoteScale` says.
 *
 * Bug class: a token's decimals hard-coded where the market's quote asset should decide (an
 * engine written for USDC and reused for a 2- or 8-decimal quote). Right under a profile whose
 * quote scale is 6, as the built-in one is.
 *
 * Violates LIQ-009 (amounts off the quote unit when the scale is below 6) and LIQ-006 (the
 * penalty rounded to the wrong unit).
 */
import { unitOf } from '../model/decimal.ts';
import type { Engine } from '../model/types.ts';
import { withInput } from './support.ts';

export const quoteScaleFixed: Engine = withInput((sc) => ({ ...sc, params: { ...sc.params, quoteScale: 6, unit: unitOf(6) } }));
