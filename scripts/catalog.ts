// Regenerates the generated tables of the README from the code: the invariant catalog, the
// venue profiles against the policy parts they use (from profiles/*.json), the lending catalog and
// the system catalog of the simulation.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { withCatalog } from '../src/invariants/catalogTable.ts';
import { withLendingCatalog } from '../src/lending/invariants/lendingCatalogTable.ts';
import { withProfileTable } from '../src/profiles/profileSummary.ts';
import { profileList } from '../src/profiles/profiles.ts';
import { withSystemCatalog } from '../src/simulate/judge/systemCatalogTable.ts';

const file = new URL('../README.md', import.meta.url).pathname;
writeFileAtomic(file, withSystemCatalog(withLendingCatalog(withProfileTable(withCatalog(readFileSync(file, 'utf8')), profileList()))));
console.log('README catalog, lending catalog, system catalog and profile tables regenerated');
