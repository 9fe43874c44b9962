// `npm run build` (and `prepack`): compiles src/ to dist/ (JavaScript + .d.ts, tsconfig.build.json)
// and copies the worker-thread entry files (.mjs, loaded by URL, not imported, so tsc does not
// emit them). dist/ is wiped first, so a file deleted from src/ never lingers in the package.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

/** Runtime .mjs files under src/, without test fixtures and test helpers. */
function* workerEntries(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('__')) yield* workerEntries(path);
    } else if (e.name.endsWith('.mjs') && !e.name.includes('.test.')) {
      yield path;
    }
  }
}
for (const file of workerEntries(src)) {
  const to = join(dist, relative(src, file));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(file, to);
}
