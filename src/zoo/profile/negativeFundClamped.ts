/**
 * Profile zoo engine "negative fund clamped": a negative insurance fund is read as an empty one
 * (`max(0, fund)`) instead of being refused; every valid scenario is the reference's.
 *
 * Bug class: a lenient reader that "repairs" an impossible input (an unsigned balance type, a
 * `max(0, ·)` guard) and computes on it, so a corrupted state is liquidated instead of reported.
 * Realistic; no venue report found.
 *
 * Violates LIQ-018 (the negative-fund breakage is computed on instead of rejected).
 */
import type { Engine } from '../../model/types.ts';
import { withWire } from './support.ts';

export const negativeFundClamped: Engine = withWire((sc) => (typeof sc.insuranceFund === 'string' && sc.insuranceFund.startsWith('-') ? { ...sc, insuranceFund: '0' } : sc));
