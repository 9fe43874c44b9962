/**
 * The worker side of the pool: runs each task tinypool hands it; a thrown error goes back to the
 * pool, which fails the run with it.
 * @internal
 */
import { runTask, type Task } from './tasks.ts';

export function runWorkerTask(task: Task): Promise<unknown> {
  return runTask(task);
}
