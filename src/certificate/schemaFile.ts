/**
 * The shipped JSON Schema of a certificate, from its one TypeBox description (src/wire/certificate.ts),
 * written the way scripts/fixturesSync.ts writes every other schema.
 * @see docs/spec.md#143-the-certificate
 */
import { canonicalFile } from '../fixtures/canonicalJson.ts';
import { toJsonSchema } from '../wire/jsonSchema.ts';
import { Certificate } from '../wire/certificate.ts';

export const CERTIFICATE_SCHEMA_FILE = 'fixtures/schema/certificate-1.schema.json';

/** The canonical text of fixtures/schema/certificate-1.schema.json. */
export function certificateSchemaText(): string {
  return canonicalFile(toJsonSchema(Certificate));
}
