/**
 * The JSON Schema of a risk-parameters file, generated from the same TypeBox shape as a scenario's
 * `params` (src/wire/params.ts), so the params file, the fixtures and the schema cannot drift.
 * @see docs/params.md#the-file
 */
import { canonicalFile } from '../fixtures/canonicalJson.ts';
import { toJsonSchema } from '../wire/jsonSchema.ts';
import { Params } from '../wire/params.ts';

/** Where the shipped schema lives, relative to the repository root. */
export const PARAMS_SCHEMA_FILE = 'fixtures/schema/params.schema.json';

/** The canonical text of the params JSON Schema (`liqcheck params schema` prints it). */
export function paramsSchemaText(): string {
  return canonicalFile(toJsonSchema(Params));
}
