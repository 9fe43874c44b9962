// Worker-thread entry of the fuzz/sweep pool: loads the TypeScript sources through tsx (workers do
// not inherit the main thread's loader), then answers { i, task } messages with { i, result }.
import { register } from 'tsx/esm/api';

register();
const { serve } = await import('./workerMain.ts');
serve();
