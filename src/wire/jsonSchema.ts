/**
 * The shipped JSON Schema (draft 2020-12) of a wire shape, derived from its TypeBox schema: each
 * nested shape with an `$id` (tier, market, position, …) goes once under `$defs` and is referenced,
 * and liqcheck's own `expected` annotations (the words of its issues) are left out.
 * @see docs/fixtures.md#the-json-schema
 */
import type { TSchema } from 'typebox';
import { EXPECTED } from './validate.ts';

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** `urn:liqcheck:tier:1` → `tier`. */
function defName(id: string): string {
  const m = /^urn:liqcheck:([^:]+):[0-9]+$/.exec(id);
  if (m === null) throw new Error(`wire $id ${JSON.stringify(id)} is not urn:liqcheck:<name>:<major>`);
  return m[1]!;
}

/** The JSON Schema document of `root`: `$schema`, its `$id`, title and description, then `$defs`. */
export function toJsonSchema(root: TSchema): Record<string, Json> {
  const defs: Record<string, Json> = {};
  const body = emit(root, defs, true) as Record<string, Json>;
  return { $schema: DRAFT, ...body, ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}) };
}

function emit(node: unknown, defs: Record<string, Json>, isRoot = false): Json {
  if (Array.isArray(node)) return node.map((x) => emit(x, defs));
  if (typeof node !== 'object' || node === null) return node as Json;
  const n = node as Readonly<Record<string, unknown>>;
  if (!isRoot && typeof n.$id === 'string') {
    const name = defName(n.$id);
    if (!(name in defs)) {
      defs[name] = null; // reserve the name first, so a recursive shape terminates
      const { $id: _id, ...rest } = n;
      defs[name] = emit(rest, defs);
    }
    return { $ref: `#/$defs/${name}` };
  }
  const out: Record<string, Json> = {};
  // Only enumerable string keys: TypeBox's own markers are not JSON Schema.
  for (const [k, v] of Object.entries(n)) {
    if (k === EXPECTED && typeof v === 'string') continue;
    out[k] = k === 'properties' || k === '$defs' ? mapValues(v as Record<string, unknown>, defs) : emit(v, defs);
  }
  return out;
}

/** The members of `properties`: names are data, not keywords (a field may be called `expected`). */
function mapValues(o: Readonly<Record<string, unknown>>, defs: Record<string, Json>): Json {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, emit(v, defs)]));
}
