/**
 * Structural validation of a wire value against its TypeBox schema, with liqcheck's issues.
 *
 * @remarks Why TypeBox's errors are mapped rather than shown: its messages ("must match pattern
 * ^-?(0|[1-9]…$") name the schema keyword, not what a user should write, and its paths are JSON
 * Pointers (`/account/positions/0/size`). Issues elsewhere in liqcheck — the reference's
 * invalid-input errors stored in fixtures, `fixtures verify`, `params check` — say
 * `account.positions[0].size`, `expected: a decimal string (…)`, `received: number 1.5`. So each
 * error is turned into that form: the path is rebuilt from the instance pointer, guided by the
 * schema path (a property is `.name`, a dictionary entry `["key"]`, an item `[n]`); `expected` is
 * the failing schema's `expected` annotation (see {@link EXPECTED}) or a wording derived from the
 * keyword; `received` is {@link describeValue} of the value found there. The check itself is
 * TypeBox's JIT-compiled one, so a valid value costs one compiled call and nothing else.
 * @see docs/fixtures.md#the-json-schema
 */
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Settings } from 'typebox/system';
import { describeValue } from '../model/parseDecimal.ts';
import type { Issue } from '../model/types.ts';
import type { ParseOutcome } from '../model/parseScenario.ts';

/**
 * The schema option holding the words of an issue's `expected` for that schema (`a decimal string
 * (no exponent, …)`). An annotation for liqcheck's messages only: src/wire/jsonSchema.ts
 * strips it from the shipped JSON Schemas.
 */
export const EXPECTED = 'expected';

/** A compiled structural check: the value typed as the schema's static type, or its issues. */
export type Validate<T> = (value: unknown, path?: string) => ParseOutcome<T>;

// TypeBox stops collecting errors at 8 by default; a report should list every offending field.
Settings.Set({ maxErrors: 1_000_000 });

/**
 * Compiles `schema` once and returns its validator. `root` is the default path prefix of every
 * issue: `''` for a document root (`account.positions[0].size`), `'params'` for a parameter set
 * read on its own (`params.markets["BTC-PERP"].tiers[0]`).
 */
export function validator<S extends TSchema>(schema: S, root = ''): Validate<Static<S>> {
  const compiled = Compile(schema);
  return (value: unknown, path = root): ParseOutcome<Static<S>> => {
    if (compiled.Check(value)) return { ok: true, value: value as Static<S> };
    const issues = toIssues(schema, compiled.Errors(value), value, path);
    // A value TypeBox rejects always has an error; keep the outcome's promise (issues non-empty).
    return { ok: false, issues: issues.length > 0 ? issues : [{ path, expected: expectedOf(schema), received: describeValue(value) }] };
  };
}

/** The shape of one TypeBox error this module reads. */
export interface SchemaError {
  readonly keyword: string;
  readonly schemaPath: string;
  readonly instancePath: string;
  readonly params: object;
}

type Node = Readonly<Record<string, unknown>>;

/** Maps TypeBox errors to issues: one per path (the first error there), in TypeBox's order. */
export function toIssues(schema: TSchema, errors: readonly SchemaError[], value: unknown, root = ''): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const push = (issue: Issue): void => {
    if (seen.has(issue.path)) return;
    seen.add(issue.path);
    issues.push(issue);
  };
  const dropped = unionNoise(schema, errors);
  for (const e of errors) {
    // The summary of additionalProperties repeats what the `false` schema of each key said.
    if (e.keyword === 'additionalProperties' || dropped.has(e)) continue;
    const at = locate(schema, e.schemaPath, e.instancePath, root);
    if (at === undefined) continue;
    if (e.keyword === 'boolean' && at.unknownKey) {
      push({ path: at.path, expected: 'no such field', received: describeValue(valueAt(value, e.instancePath)) });
      continue;
    }
    if (e.keyword === 'required') {
      const missing = (e.params as { requiredProperties?: readonly string[] }).requiredProperties ?? [];
      for (const name of missing) {
        push({ path: fieldPath(at.path, name), expected: 'a required field', received: 'nothing (missing)' });
      }
      continue;
    }
    push({ path: at.path, expected: expectedOf(at.node, e), received: describeValue(valueAt(value, e.instancePath)) });
  }
  return issues;
}

/**
 * The errors a failed union should not show. A union whose branches are told apart by a constant
 * field (an error's `code`) is reported through the one branch whose constant the value has, so a
 * wrong `issues[0].path` is named as such. Any other union (a literal set, a decimal or null) is
 * reported as a whole, in its own words: a guess at the closest branch would mislead.
 */
function unionNoise(schema: TSchema, errors: readonly SchemaError[]): Set<SchemaError> {
  const dropped = new Set<SchemaError>();
  for (const u of errors) {
    if (u.keyword !== 'anyOf') continue;
    const prefix = `${u.schemaPath}/anyOf/`;
    const inside = errors.filter((e) => e.schemaPath.startsWith(prefix));
    const branchOf = (e: SchemaError): number => Number(e.schemaPath.slice(prefix.length).split('/')[0]);
    const count = ((nodeAt(schema, u.schemaPath)?.anyOf ?? []) as readonly unknown[]).length;
    const constantMissed = new Set(
      inside
        .filter((e) => e.keyword === 'const' && /^[0-9]+\/properties\/[^/]+$/.test(e.schemaPath.slice(prefix.length)) && isChild(e.instancePath, u.instancePath))
        .map(branchOf),
    );
    const left = Array.from({ length: count }, (_, k) => k).filter((k) => !constantMissed.has(k));
    if (left.length === 1) {
      dropped.add(u);
      for (const e of inside) if (branchOf(e) !== left[0]) dropped.add(e);
    } else {
      for (const e of inside) dropped.add(e);
    }
  }
  return dropped;
}

const isChild = (path: string, parent: string): boolean => path.startsWith(`${parent}/`) && !path.slice(parent.length + 1).includes('/');

/** The schema node a schema path names, or `undefined`. */
function nodeAt(schema: TSchema, schemaPath: string): Node | undefined {
  let node: unknown = schema;
  for (const step of decode(schemaPath)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Node)[step];
  }
  return typeof node === 'object' && node !== null ? (node as Node) : undefined;
}

interface Located {
  /** the issue path in liqcheck syntax */
  readonly path: string;
  /** the schema that failed, or the union owning it (its words describe every branch) */
  readonly node: Node;
  /** the error is the `false` schema of `additionalProperties`: an unknown key */
  readonly unknownKey: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `path.name`, or `path["name"]` when the name is not an identifier; `''` is the root. */
export function fieldPath(path: string, name: string): string {
  if (!IDENTIFIER.test(name)) return `${path}[${JSON.stringify(name)}]`;
  return path === '' ? name : `${path}.${name}`;
}

/** `path["key"]`: an entry of a dictionary (`markets`, `marks`), whatever the key. */
export function keyPath(path: string, key: string): string {
  return `${path}[${JSON.stringify(key)}]`;
}

function decode(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  return pointer.replace(/^#?\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Walks the schema path, consuming one instance segment per `properties`, `patternProperties`,
 * `additionalProperties` or `items` step, which tells a field from a dictionary key from an index.
 */
function locate(schema: TSchema, schemaPath: string, instancePath: string, root: string): Located | undefined {
  const steps = decode(schemaPath);
  const segments = decode(instancePath);
  let node = schema as Node;
  let owner: Node | undefined; // the nearest anyOf holder at the current instance position
  let path = root;
  let next = 0;
  let unknownKey = false;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const child = node[step];
    if (step === 'properties' || step === 'patternProperties') {
      const key = steps[++i]!;
      const segment = segments[next++]!;
      path = step === 'properties' ? fieldPath(path, segment) : keyPath(path, segment);
      node = (child as Readonly<Record<string, Node>>)[key]!;
      owner = undefined;
    } else if (step === 'additionalProperties') {
      const segment = segments[next++]!;
      unknownKey = child === false;
      path = child === false ? fieldPath(path, segment) : keyPath(path, segment);
      node = typeof child === 'object' && child !== null ? (child as Node) : {};
      owner = undefined;
    } else if (step === 'items') {
      path = `${path}[${segments[next++]!}]`;
      node = child as Node;
      owner = undefined;
    } else if (step === 'anyOf' || step === 'oneOf' || step === 'allOf') {
      owner ??= node;
      node = (child as readonly Node[])[Number(steps[++i])]!;
    } else if (typeof child === 'object' && child !== null) {
      node = child as Node; // $defs and other containers: no instance step
    } else {
      return undefined;
    }
  }
  // Pointer segments left over (a `required` error's parent path is complete already).
  for (; next < segments.length; next++) path = fieldPath(path, segments[next]!);
  return { path, node: owner !== undefined && typeof owner[EXPECTED] === 'string' ? owner : (owner ?? node), unknownKey };
}

/** Own properties only: a `__proto__` key from JSON.parse is data, not the prototype. */
function valueAt(value: unknown, instancePath: string): unknown {
  let v = value;
  for (const segment of decode(instancePath)) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = Object.getOwnPropertyDescriptor(v, Array.isArray(v) ? Number(segment) : segment)?.value;
  }
  return v;
}

/** The words for `expected`: the schema's annotation, else derived from what it states. */
export function expectedOf(node: Node | TSchema, e?: SchemaError): string {
  const n = node as Node;
  if (typeof n[EXPECTED] === 'string') return n[EXPECTED];
  const branches = (n.anyOf ?? n.oneOf) as readonly Node[] | undefined;
  if (branches !== undefined) return branches.map((b) => expectedOf(b)).join(' or ');
  if (n.const !== undefined) return JSON.stringify(n.const);
  if (Array.isArray(n.enum)) return `one of ${n.enum.map((x) => JSON.stringify(x)).join(', ')}`;
  switch (n.type) {
    case 'object': {
      if (e?.keyword === 'minProperties') return `an object with at least ${String(n.minProperties)} entr${n.minProperties === 1 ? 'y' : 'ies'}`;
      const names = n.properties === undefined ? [] : Object.keys(n.properties as object);
      return names.length === 0 ? 'an object' : `an object {${names.join(', ')}}`;
    }
    case 'array':
      if (e?.keyword === 'uniqueItems') return 'an array without duplicates';
      if (e?.keyword === 'minItems') return `an array of at least ${String(n.minItems)} item(s)`;
      return 'an array';
    case 'string':
      if (e?.keyword === 'minLength') return 'a non-empty string';
      return typeof n.pattern === 'string' ? `a string matching /${n.pattern}/` : 'a string';
    case 'integer':
      return n.minimum !== undefined && n.maximum !== undefined ? `an integer from ${String(n.minimum)} to ${String(n.maximum)}` : 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
    default:
      return 'a valid value';
  }
}
