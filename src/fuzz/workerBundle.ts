/**
 * The worker threads' entry when liqcheck runs from its TypeScript sources (a clone, the tests):
 * the worker side of the pool bundled by esbuild into one JavaScript file, so that a thread starts
 * by compiling one file instead of resolving and loading some 240 modules through tsx's loader,
 * whose hooks answer every import from a thread of their own. Measured on an idle 2-vCPU machine:
 * a cold thread ready in ≈ 0.25 s instead of ≈ 0.65 s, and ≈ 0.4 s of CPU instead of ≈ 1.2 s, which
 * on two cores is taken from the thread already working. The built package has no sources and no
 * need of this: its worker.mjs loads the built JavaScript.
 *
 * The bundle is written under node_modules/.cache/liqcheck/workers/, named by the hash of its
 * content (so a changed source gives a new file, and threads never see a half-written one), next
 * to the packages it imports (they stay outside it). Without esbuild, or if bundling fails, the
 * pool falls back to worker.mjs under tsx: slower to start, the same results.
 * @internal
 */
import type { Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../io/writeFileAtomic.ts';

const SOURCE = fileURLToPath(new URL('./workerMain.ts', import.meta.url));
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/liqcheck/workers/', import.meta.url));
/** Bundles kept in the cache (the newest ones): older ones are left by earlier states of the sources. */
const KEEP = 4;

let bundled: Promise<URL | undefined> | undefined;

/** The bundled worker entry, built once per process; `undefined`: use worker.mjs. */
export function workerBundle(): Promise<URL | undefined> {
  bundled ??= build().catch(() => undefined);
  return bundled;
}

async function build(): Promise<URL | undefined> {
  if (!existsSync(SOURCE)) return undefined;
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    stdin: { contents: `export { runWorkerTask as default } from ${JSON.stringify(SOURCE)};`, resolveDir: dirname(SOURCE), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    plugins: [sourceImportMetaUrl],
  });
  const text = out.outputFiles[0]!.text;
  const file = join(CACHE, `worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    writeFileAtomic(file, text);
    prune(file);
  }
  return pathToFileURL(file);
}

/**
 * In a bundle every module's `import.meta.url` would be the bundle's; modules that find files
 * relative to their own (the profiles directory, the worker entry) get their source file's URL
 * written in instead, so they find the same files as when loaded one by one.
 */
const sourceImportMetaUrl: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, ({ path }) => {
      const text = readFileSync(path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)), loader: 'ts' };
    });
  },
};

/**
 * Removes all but the newest `KEEP` bundles of the cache (every file there is one of ours). Best
 * effort: another process may be pruning too.
 */
function prune(keep: string): void {
  try {
    const bundles = readdirSync(CACHE)
      .filter((f) => /^worker-[0-9a-f]{16}\.mjs$/.test(f))
      .map((f) => join(CACHE, f))
      .filter((f) => f !== keep)
      .map((f) => ({ f, t: statSync(f).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f } of bundles.slice(KEEP - 1)) rmSync(f, { force: true });
  } catch {
    // a file gone meanwhile: the next bundle written prunes again
  }
}
