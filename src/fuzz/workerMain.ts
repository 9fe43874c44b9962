/**
 * The worker side of the pool: runs each task it is sent and posts the result (or the error).
 * @internal
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './tasks.ts';

export function serve(): void {
  const port = parentPort;
  if (port === null) throw new Error('workerMain: not running in a worker thread');
  port.on('message', (m: { i: number; task: Task }) => {
    runTask(m.task).then(
      (result) => port.postMessage({ i: m.i, result }),
      (e: unknown) => port.postMessage({ i: m.i, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
}
