// Writes fixtures/params/default.json from the built-in profile (a test keeps them identical).
import { writeFileAtomic } from '../src/io/writeFileAtomic.ts';
import { defaultParams } from '../src/arbitraries/defaultParams.ts';

writeFileAtomic(new URL('../fixtures/params/default.json', import.meta.url).pathname, `${JSON.stringify(defaultParams, null, 2)}\n`);
