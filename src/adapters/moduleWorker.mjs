// Worker-thread entry of the module adapter, then serves the engine module. Next to the TypeScript
// sources (a clone) it loads them through tsx, since workers do not inherit the main thread's
// loader; in the built package (dist/) it loads the built .js and registers tsx only for a
// TypeScript engine (tsx is an optional peer dependency of the package: docs/protocol.md).
import { existsSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

const sources = new URL('./moduleWorkerMain.ts', import.meta.url);
const fromSources = existsSync(sources);
const file = String(workerData?.file ?? '');
if (fromSources || /\.[cm]?tsx?$/i.test(file)) {
  let api;
  try {
    api = await import('tsx/esm/api');
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
  // Without tsx, only a Node that strips types itself can load a TypeScript engine.
  if (api === undefined && !process.features?.typescript) {
    throw new Error(`${file} is TypeScript: loading it needs tsx next to liqcheck (npm install --save-dev tsx), or compile the engine to .js`);
  }
  api?.register();
}
const { serve } = await import(fromSources ? sources.href : './moduleWorkerMain.js');
await serve();
