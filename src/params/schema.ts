/**
 * The JSON Schema of a risk-parameters file, derived from the same shape as the fixture format's
 * `params` (src/fixtures/format.ts), so the params file, the fixtures and the schema cannot drift.
 * @see docs/params.md#the-file
 */
import { canonicalFile } from '../fixtures/canonicalJson.ts';
import { paramsShape } from '../fixtures/format.ts';
import { toJsonSchema } from '../fixtures/shape.ts';

/** Where the shipped schema lives, relative to the repository root. */
export const PARAMS_SCHEMA_FILE = 'fixtures/schema/params.schema.json';

/** The canonical text of the params JSON Schema (`liqcheck params schema` prints it). */
export function paramsSchemaText(): string {
  return canonicalFile(
    toJsonSchema(paramsShape, {
      id: 'urn:liqcheck:params:1',
      title: 'liqcheck risk parameters',
      description:
        'A risk-parameter set (spec §2.1, §3, §5): tiers, penalty schedule, buffer, dust, price impact. The schema checks structure and decimal syntax; `liqcheck params check` checks the rules between fields (PAR-001…004) and the risk advisories. See docs/params.md.',
    }),
  );
}
