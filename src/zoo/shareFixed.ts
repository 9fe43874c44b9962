/**
 * Zoo engine "share fixed": the liquidator always gets half the penalty, whatever
 * `liquidatorShare` says.
 *
 * Bug class: a fee split hard-coded from one venue's rule book (50/50 between liquidator and
 * insurance fund). Right under a profile whose share is 0.5, as the built-in one is.
 *
 * Violates LIQ-006 (the liquidator gets ⌊penalty·share⌋ and the insurance fund the rest).
 */
import { Dec } from '../model/decimal.ts';
import type { Engine } from '../model/types.ts';
import { withInput } from './support.ts';

const HALF = new Dec('0.5');

export const shareFixed: Engine = withInput((sc) => ({ ...sc, params: { ...sc.params, liquidatorShare: HALF } }));
