/**
 * Regenerates what is derived from src/fixtures and src/wire: the JSON Schema files in
 * fixtures/schema/ (the params file's too) and the flags table of docs/fixtures.md. (The
 * committed suite itself: `npm run fixtures:generate`.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withFlagTable } from '../src/fixtures/flagTable.ts';
import { SCHEMA_DIR, schemaFiles } from '../src/fixtures/schemaFiles.ts';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { PARAMS_SCHEMA_FILE, paramsSchemaText } from '../src/params/schema.ts';

const root = new URL('..', import.meta.url).pathname;
for (const f of schemaFiles()) {
  writeFileAtomic(join(root, SCHEMA_DIR, f.name), f.text);
  console.log(`wrote ${join(SCHEMA_DIR, f.name)}`);
}
// The params file's schema is derived from the same TypeBox shape (src/params/schema.ts).
writeFileAtomic(join(root, PARAMS_SCHEMA_FILE), paramsSchemaText());
console.log(`wrote ${PARAMS_SCHEMA_FILE}`);
const docs = join(root, 'docs/fixtures.md');
writeFileAtomic(docs, withFlagTable(readFileSync(docs, 'utf8')));
console.log('docs/fixtures.md flags table regenerated');
