/**
 * Regenerates what is derived from src/fixtures: the JSON Schema files in fixtures/schema/ and the
 * flags table of docs/fixtures.md. (The committed suite itself: `npm run fixtures:generate`.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withFlagTable } from '../src/fixtures/flagTable.ts';
import { SCHEMA_DIR, schemaFiles } from '../src/fixtures/schemaFiles.ts';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';

const root = new URL('..', import.meta.url).pathname;
for (const f of schemaFiles()) {
  writeFileAtomic(join(root, SCHEMA_DIR, f.name), f.text);
  console.log(`wrote ${join(SCHEMA_DIR, f.name)}`);
}
const docs = join(root, 'docs/fixtures.md');
writeFileAtomic(docs, withFlagTable(readFileSync(docs, 'utf8')));
console.log('docs/fixtures.md flags table regenerated');
