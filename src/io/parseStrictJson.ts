/**
 * Strict JSON: RFC 8259 text with no comments, no trailing commas, every key at most once per
 * object, and no key that poisons a prototype (`__proto__`, `constructor.prototype`).
 *
 * @remarks Two well-kept parsers, each for what it solves: jsonc-parser's `visit` (strict options)
 * gives every object property with its line and column, which is how duplicate keys are found
 * (`JSON.parse` silently keeps the last); secure-json-parse decides prototype poisoning and gives
 * the value. The visitor only locates what secure-json-parse rejects.
 * @see docs/params.md#reading-input-files
 */
import { printParseErrorCode, visit, type JSONPath } from 'jsonc-parser';
import secureJson from 'secure-json-parse';
import type { FileProblem } from './readRegularFile.ts';

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: FileProblem };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.markets["BTC-PERP"].tiers[1]`: identifiers after a dot, other keys quoted, indices bare. */
export function jsonPath(root: string, segments: readonly (string | number)[]): string {
  return segments.reduce<string>((p, s) => (typeof s === 'number' ? `${p}[${s}]` : IDENTIFIER.test(s) ? `${p}.${s}` : `${p}[${JSON.stringify(s)}]`), root);
}

/** 1-based line and column of a 0-based line and character, for messages. */
function at(line: number, character: number): string {
  return `line ${line + 1}, column ${character + 1}`;
}

interface Seen {
  readonly path: readonly (string | number)[];
  readonly where: string;
}

/**
 * Parses `text` as strict JSON. `root` names the top of the JSON paths in problems (`$`, or
 * `params` where the validator's paths start there). Never throws.
 */
export function parseStrictJson(file: string, text: string, root = '$'): JsonParse {
  const fail = (path: string, expected: string, received: string): JsonParse => ({ ok: false, problem: { file, path, expected, received } });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark is not JSON, but is allowed before it (RFC 8259 §8.1)
  let syntax: JsonParse | undefined;
  let duplicate: JsonParse | undefined;
  let poison: Seen | undefined;
  const objects: Map<string, string>[] = [];
  try {
    visit(
      body,
      {
        onObjectBegin: () => void objects.push(new Map()),
        onObjectEnd: () => void objects.pop(),
        onObjectProperty: (key, _offset, _length, line, character, pathOf) => {
          const keys = objects[objects.length - 1];
          const where = at(line, character);
          const first = keys?.get(key);
          if (first !== undefined && duplicate === undefined) {
            duplicate = fail(jsonPath(root, [...pathOf(), key]), 'each key at most once in an object', `${JSON.stringify(key)} twice, at ${first} and at ${where}`);
          }
          keys?.set(key, where);
          if (poison === undefined) {
            const parent: JSONPath = pathOf();
            if (key === '__proto__' || (key === 'prototype' && parent[parent.length - 1] === 'constructor')) poison = { path: [...parent, key], where };
          }
        },
        onError: (code, offset, length, line, character) => {
          const name = printParseErrorCode(code);
          const cut = offset >= body.trimEnd().length || (name === 'UnexpectedEndOfString' && offset + length >= body.length) ? '; the file looks truncated' : '';
          syntax ??= fail(root, 'JSON', `a syntax error at ${at(line, character)} (${name})${cut}`);
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (e) {
    // jsonc-parser recurses once per nesting level; JSON.parse does not.
    if (!(e instanceof RangeError)) throw e;
    return fail(root, 'JSON nested to a reasonable depth', 'nesting too deep to check for duplicate keys');
  }
  if (syntax !== undefined) return syntax;
  if (duplicate !== undefined) return duplicate;
  try {
    return { ok: true, value: secureJson.parse(body, null, { protoAction: 'error', constructorAction: 'error' }) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (poison !== undefined || /prototype/i.test(message)) {
      const path = poison === undefined ? root : jsonPath(root, poison.path);
      const key = poison?.path[poison.path.length - 1] ?? '__proto__';
      return fail(path, 'no __proto__ or constructor.prototype key (they would rewrite an object\'s prototype)', `${JSON.stringify(key)}${poison ? ` at ${poison.where}` : ''}`);
    }
    return fail(root, 'JSON', `a syntax error (${message})`);
  }
}
