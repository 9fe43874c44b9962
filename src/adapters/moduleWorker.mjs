// Worker-thread entry of the module adapter: loads the TypeScript sources (and a .ts engine) through
// tsx, since workers do not inherit the main thread's loader, then serves the engine module.
import { register } from 'tsx/esm/api';

register();
const { serve } = await import('./moduleWorkerMain.ts');
await serve();
