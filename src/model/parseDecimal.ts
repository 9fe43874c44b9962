/**
 * Decimal strings at the edges (spec §1.1), and the rendering of rejected values shared by every
 * parser's issues.
 * @see docs/spec.md#1-numbers
 */
import { Dec, decOfDigits, unitOf, toCanonical } from './decimal.ts';
import type { Issue } from './types.ts';

/** Syntax limits on the digits of a decimal string. */
export interface DigitLimits {
  readonly integer: number;
  readonly fraction: number;
}

/** The limits of spec §1.1, for every input decimal. */
export const INPUT_DIGITS: DigitLimits = { integer: 30, fraction: 18 };

/**
 * The limits of spec §1.1 for result decimals (§8), which are sums and products of inputs: the
 * only place they are stated in code (the result checker and the fixture schema use this).
 *
 * @remarks Fraction: 54 = 3 × 18, because a maintenance requirement or a target is a size × a
 * price × a rate (18 + 18 + 18 digits); a notional has 36 and every other quote amount fewer.
 * Integer: 120, because a margin ratio `E / MM` with `|E|` below 10^65 (10,000 positions of
 * notionals below 10^60) and `MM` at its least positive value 10^−54 stays below 10^119.
 * @see docs/spec.md#11-representation
 */
export const RESULT_DIGITS: DigitLimits = { integer: 120, fraction: 54 };

export type SignRule = 'positive' | 'nonnegative' | 'any';

export interface DecimalRules {
  /** Sign domain of the value. Default `'any'`. */
  readonly min?: SignRule;
  /** Most fraction digits once trailing zeros are stripped, e.g. `quoteScale` for quote amounts. */
  readonly maxScale?: number;
  /** Syntax limits. Default {@link INPUT_DIGITS}. */
  readonly digits?: DigitLimits;
}

// Together: the input pattern of spec §1.1 (a minus sign only on a non-zero value), in two steps so
// that negative zero gets its own words and the digit limits are checked on the captured parts.
const DECIMAL = /^-?(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;
const NEGATIVE_ZERO = /^-0(?:\.0+)?$/;

/**
 * Parses a decimal string of spec §1.1 and checks it against `rules`.
 *
 * On failure pushes one issue `{ path, expected, received }` onto `issues` and returns `undefined`;
 * never throws. JSON numbers are rejected: they cannot carry 48 significant digits exactly.
 * A minus sign on zero (`"-0"`, `"-0.00"`) is rejected as non-canonical.
 * @see docs/spec.md#1-numbers
 */
export function parseDecimal(
  value: unknown,
  path: string,
  issues: Issue[],
  rules: DecimalRules = {},
): Dec | undefined {
  // Hot path (every amount of every scenario): no closure, no string building unless it fails.
  const digits = rules.digits ?? INPUT_DIGITS;
  if (typeof value !== 'string') {
    return fail(issues, path, value, typeof value === 'number' ? `${syntaxOf(digits)}; JSON numbers are not allowed for amounts` : syntaxOf(digits));
  }
  const m = DECIMAL.exec(value);
  if (m === null) return fail(issues, path, value, syntaxOf(digits));
  const [, integer = '', fraction = ''] = m;
  if (integer.length > digits.integer || fraction.length > digits.fraction) return fail(issues, path, value, syntaxOf(digits));
  if (NEGATIVE_ZERO.test(value)) return fail(issues, path, value, `${syntaxOf(digits)}, without a minus sign on zero`);

  return decimalOf(value, path, issues, rules);
}

/**
 * The domain checks of {@link parseDecimal} on a string already known to be in the syntax of
 * spec §1.1 within the digit limits — what a compiled wire schema's pattern guarantees.
 */
export function decimalOf(value: string, path: string, issues: Issue[], rules: DecimalRules = {}): Dec | undefined {
  const x = plainDecimal(value);
  const min = rules.min ?? 'any';
  // Sign tests, not `x.gt(ZERO)`: decimal.js copies its operand on every comparison.
  if (min === 'positive' && (x.isNeg() || x.isZero())) return fail(issues, path, value, 'a decimal > 0');
  if (min === 'nonnegative' && x.isNeg()) return fail(issues, path, value, 'a decimal ≥ 0');
  if (rules.maxScale !== undefined && scaleOf(value) > rules.maxScale) {
    const unit = toCanonical(unitOf(rules.maxScale));
    return fail(issues, path, value, `a multiple of ${unit} (at most ${rules.maxScale} fraction digits)`);
  }
  return x;
}

/**
 * `new Dec(value)` for a string already known to be a plain decimal `-?(0|[1-9]\d*)(\.\d+)?` (not
 * `-0`): a validated input, or a result the reference wrote. Built from its digits directly.
 *
 * @remarks decimal.js's own string parser (a pattern test, then digit-by-digit work) was the
 * largest part of parsing a parameter set. This writes the same fields it would (`s` the sign,
 * `e` the exponent of the leading digit, `d` the digits in base-10^7 limbs, the first one
 * unpadded, no trailing zero limbs): the representation of decimal.js 10, whose version is
 * pinned, as in fixed.ts's `toDec`; parseDecimal.test.ts compares the two on random strings.
 */
export function plainDecimal(value: string): Dec {
  const negative = value.charCodeAt(0) === 45; /* '-' */
  const dot = value.indexOf('.');
  const intEnd = dot < 0 ? value.length : dot;
  const digits = dot < 0 ? value.slice(negative ? 1 : 0) : value.slice(negative ? 1 : 0, dot) + value.slice(dot + 1);
  let first = 0;
  while (first < digits.length && digits.charCodeAt(first) === 48 /* '0' */) first++;
  if (first === digits.length) return new Dec(0); // the syntax has no negative zero
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) end--;
  // The leading digit's exponent: integer digits before it, less one.
  return decOfDigits(negative, digits.slice(first, end), intEnd - (negative ? 1 : 0) - 1 - first);
}

function fail(issues: Issue[], path: string, value: unknown, expected: string): undefined {
  issues.push({ path, expected, received: describeValue(value) });
  return undefined;
}

function syntaxOf(digits: DigitLimits): string {
  return `a decimal string (no exponent, ≤${digits.integer} integer and ≤${digits.fraction} fraction digits)`;
}

/**
 * Number of fraction digits of a decimal string once trailing zeros are stripped
 * (`"1.50"` → 1, `"100"` → 0). `s` must already be in the form of spec §1.1.
 */
export function scaleOf(s: string): number {
  const dot = s.indexOf('.');
  if (dot < 0) return 0;
  // A scan from the end, not a slice and a regular expression: it runs on every amount.
  let end = s.length;
  while (end > dot + 1 && s.charCodeAt(end - 1) === 48 /* '0' */) end--;
  return end - dot - 1;
}

const SHOWN_CHARS = 40;

/**
 * A short, JSON-ish rendering of any value for an issue's `received`: strings quoted and
 * truncated, other values prefixed with their type (`number 1.5`, `undefined`, `array of 3 items`).
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return describeString(value);
    case 'number':
      return `number ${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'bigint':
      return `bigint ${truncate(value.toString())}`;
    case 'boolean':
      return `boolean ${String(value)}`;
    case 'undefined':
      return 'undefined';
    case 'object':
      return describeObject(value);
    default:
      return typeof value; // symbol, function: nothing shorter is more useful
  }
}

function describeString(s: string): string {
  // Counted in code points so a truncation never splits a surrogate pair.
  const chars = Array.from(s);
  if (chars.length <= SHOWN_CHARS) return JSON.stringify(s);
  return `${JSON.stringify(chars.slice(0, SHOWN_CHARS).join('') + '…')} (${chars.length} chars)`;
}

function describeObject(value: object | null): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return `object ${Object.prototype.toString.call(value)}`;
  }
  return `object {${truncate(Object.keys(value).join(', '))}}`;
}

function truncate(s: string): string {
  const chars = Array.from(s);
  return chars.length <= SHOWN_CHARS ? s : chars.slice(0, SHOWN_CHARS).join('') + '…';
}
