// Worker-thread entry of the fuzz/sweep/fixtures pool: tinypool imports it in each thread and calls
// its default export with every task. Next to the TypeScript sources (a clone) it loads them
// through tsx, since workers do not inherit the main thread's loader; in the built package (dist/)
// it sits next to the built .js and needs none.
import { existsSync } from 'node:fs';

const sources = new URL('./workerMain.ts', import.meta.url);
const fromSources = existsSync(sources);
if (fromSources) (await import('tsx/esm/api')).register();
const { runWorkerTask } = await import(fromSources ? sources.href : './workerMain.js');
export default runWorkerTask;
