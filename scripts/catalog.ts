// Regenerates the invariant table of the README from the code.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { withCatalog } from '../src/invariants/catalogTable.ts';

const file = new URL('../README.md', import.meta.url).pathname;
writeFileAtomic(file, withCatalog(readFileSync(file, 'utf8')));
console.log('README catalog table regenerated');
