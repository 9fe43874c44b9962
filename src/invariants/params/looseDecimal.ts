import { Dec } from '../../model/decimal.ts';

const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * Reads a decimal string without judging it; `null` when it is not one. Parameter invariants
 * report on sets the parser would reject, so they cannot rely on the parser.
 *
 * @internal
 */
export function looseDecimal(x: unknown): Dec | null {
  return typeof x === 'string' && DECIMAL.test(x) && x.length <= 64 ? new Dec(x) : null;
}
