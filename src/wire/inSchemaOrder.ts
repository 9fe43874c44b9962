/**
 * A value with its object keys in the order its schema declares them (unknown keys last), e.g. to
 * show a result's fields in spec order rather than a canonical file's alphabetical order.
 */
import type { TSchema } from 'typebox';

type Node = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first branch of a union whose declared fields include every key of `v` (else the first). */
function branchFor(branches: readonly Node[], v: unknown): Node | undefined {
  if (!isObject(v)) return branches[0];
  const keys = Object.keys(v);
  return branches.find((b) => isObject(b.properties) && keys.every((k) => k in (b.properties as object))) ?? branches[0];
}

export function inSchemaOrder(schema: TSchema, v: unknown): unknown {
  const s = schema as Node;
  const branches = (s.anyOf ?? s.oneOf) as readonly Node[] | undefined;
  if (branches !== undefined) {
    const b = branchFor(branches, v);
    return b === undefined ? v : inSchemaOrder(b as TSchema, v);
  }
  if (Array.isArray(v)) return isObject(s.items) ? v.map((x) => inSchemaOrder(s.items as TSchema, x)) : v;
  if (!isObject(v)) return v;
  if (isObject(s.properties)) {
    const fields = s.properties as Readonly<Record<string, TSchema>>;
    const known = Object.keys(fields).filter((k) => Object.hasOwn(v, k));
    const rest = Object.keys(v).filter((k) => !Object.hasOwn(fields, k));
    return Object.fromEntries([...known.map((k) => [k, inSchemaOrder(fields[k]!, v[k])]), ...rest.map((k) => [k, v[k]])]);
  }
  if (isObject(s.additionalProperties)) {
    const values = s.additionalProperties as TSchema;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inSchemaOrder(values, x)]));
  }
  return v;
}
