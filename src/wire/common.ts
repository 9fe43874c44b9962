/**
 * Pieces shared by the wire shapes: decimal strings in their two forms (spec §1.1), ids, the
 * deep-readonly view of a schema's static type, and the `$id` convention.
 * @see docs/spec.md#11-representation
 */
import { Type, type Static, type TSchema } from 'typebox';
import { INPUT_DIGITS, RESULT_DIGITS, type DigitLimits } from '../model/parseDecimal.ts';

/** The `$id` of a wire shape: `urn:liqcheck:<name>:<major>`. */
export const wireId = (name: string, major = 1): string => `urn:liqcheck:${name}:${major}`;

/** A schema's static type with every property and array readonly, as values on the wire are. */
export type Wire<S extends TSchema> = DeepReadonly<Static<S>>;
export type DeepReadonly<T> = unknown extends T
  ? T // unknown and any stay as they are (an invalid case's input is any JSON value)
  : T extends string | number | boolean | bigint | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : { readonly [K in keyof T]: DeepReadonly<T[K]> };

/** Input decimals accept trailing zeros; canonical (result) decimals do not (spec §1.1). */
export type DecimalForm = 'input' | 'canonical';

/** The ECMA-262 regular expression (as JSON Schema requires) of a decimal string. */
export function decimalPattern(form: DecimalForm, digits: DigitLimits): string {
  const int = `(0|[1-9][0-9]{0,${digits.integer - 1}})`;
  if (form === 'input') return `^(?!-0(\\.0+)?$)-?${int}(\\.[0-9]{1,${digits.fraction}})?$`;
  return `^(?!-0$)-?${int}(\\.[0-9]{0,${digits.fraction - 1}}[1-9])?$`;
}

export function decimalWords(form: DecimalForm, digits: DigitLimits): string {
  const limits = `≤${digits.integer} integer and ≤${digits.fraction} fraction digits`;
  return form === 'input'
    ? `a decimal string (spec §1.1: no exponent, no leading zeros, no "-0", ${limits})`
    : `a canonical decimal string (spec §1.1: no exponent, no leading or trailing zeros, no "-0", ${limits})`;
}

/** A decimal string schema of one form and digit limits. */
export function decimalString(form: DecimalForm, digits: DigitLimits, description?: string) {
  return Type.String({
    pattern: decimalPattern(form, digits),
    expected: decimalWords(form, digits),
    ...(description === undefined ? {} : { description }),
  });
}

/** An input decimal (spec §1.1): trailing zeros allowed, within INPUT_DIGITS. */
export const InputDecimal = decimalString('input', INPUT_DIGITS);
/** A result decimal (spec §1.1, §8): canonical, within RESULT_DIGITS, the result checker's limits. */
export const ResultDecimal = decimalString('canonical', RESULT_DIGITS);

/** A string matching `pattern`, with `words` for an issue's `expected`. */
export const patterned = (pattern: string, words: string, description?: string) =>
  Type.String({ pattern, expected: words, ...(description === undefined ? {} : { description }) });

export const SEMVER = '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$';
/** Any 1.x.y: files of every minor and patch release of format 1 fit this schema. */
export const FORMAT_1 = '^1\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$';
export const SHA256 = '^sha256:[0-9a-f]{64}$';
export const KEBAB = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const INVARIANT_ID = '^[A-Z]{3}-[0-9]{3}$';

export const Sha256 = patterned(SHA256, 'sha256:<64 lowercase hex digits>');

/** The status of an account or a margin group after liquidation (spec §8). */
export const Status = Type.Union([Type.Literal('healthy'), Type.Literal('partial'), Type.Literal('full'), Type.Literal('bankrupt')], {
  expected: 'one of "healthy", "partial", "full", "bankrupt"',
});
export type Status = Static<typeof Status>;

/**
 * Keys of the extension namespace (spec §2.5): an object key starting with `x-` is not a field,
 * and every reader ignores it, at any depth; dictionary keys (market ids) are data, not fields.
 * @see docs/spec.md#25-invalid-input
 */
export const EXTENSION_KEY = '^x-';

/** Whether an object key is in the extension namespace `x-…` (spec §2.5). */
export const isExtensionKey = (key: string): boolean => key.startsWith('x-');

/**
 * `{ a, b }` closed: every wire object rejects unknown keys (a misspelt optional field must not
 * pass), except `x-` extension keys, which any value may carry (spec §2.5).
 */
export const CLOSED = { additionalProperties: false, patternProperties: { [EXTENSION_KEY]: {} } } as const;

/**
 * A dictionary by string key (`markets`, `marks`, a manifest's `files`): `additionalProperties`,
 * not TypeBox's `Record`, whose `patternProperties: {"^.*$": …}` lets a key containing a line
 * break through unchecked (`.` does not match `\n`).
 */
export function dictionary<V extends TSchema>(values: V, options: { readonly description?: string } = {}) {
  return Type.Unsafe<Record<string, Static<V>>>({ type: 'object', additionalProperties: values, ...options });
}

/** The declared fields of an object schema, in declaration order (the order issues list them in). */
export function fieldsOf(schema: TSchema): readonly string[] {
  const properties = (schema as { readonly properties?: object }).properties;
  if (properties === undefined) throw new Error('fieldsOf: not an object schema');
  return Object.keys(properties);
}

/** The values of a union of literals, in declaration order. */
export function literalsOf<S extends TSchema>(schema: S): readonly Static<S>[] {
  const branches = (schema as { readonly anyOf?: readonly { readonly const?: unknown }[] }).anyOf ?? [];
  return branches.map((b) => b.const as Static<S>);
}

/** A count: a non-negative integer, as every report states its tallies. */
export const Count = (description?: string) =>
  Type.Integer({ minimum: 0, expected: 'a non-negative integer', ...(description === undefined ? {} : { description }) });
