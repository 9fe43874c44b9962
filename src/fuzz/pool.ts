/**
 * Runs tasks in-process or over worker threads, in any order, reporting each result as it
 * arrives; a stop flag ends the run between tasks (workers are terminated, tasks in flight are
 * dropped), so an interrupted run still has every result completed so far.
 * @see docs/params.md#long-runs
 */
import { Worker } from 'node:worker_threads';
import { runTask, type Task } from './tasks.ts';

/** Set `stopped` to end a run early (Ctrl-C, SIGTERM); `signal` says which signal did, if one did. */
export interface StopFlag {
  stopped: boolean;
  signal?: 'SIGINT' | 'SIGTERM';
}

export interface PoolOptions {
  /** 1: in this thread; more: that many worker threads */
  readonly workers: number;
  readonly stop?: StopFlag;
  readonly onResult: (index: number, result: unknown) => void;
}

/** Resolves with the number of tasks completed (all of them unless stopped). */
export async function runPool(tasks: readonly Task[], o: PoolOptions): Promise<number> {
  if (o.workers <= 1 || tasks.length <= 1) return runHere(tasks, o);
  return runOnWorkers(tasks, o);
}

async function runHere(tasks: readonly Task[], o: PoolOptions): Promise<number> {
  let done = 0;
  for (const [i, task] of tasks.entries()) {
    // Let signal handlers run between tasks: a task is synchronous work with no macrotask break.
    await new Promise((r) => setImmediate(r));
    if (o.stop?.stopped) break;
    o.onResult(i, await runTask(task));
    done++;
  }
  return done;
}

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

function runOnWorkers(tasks: readonly Task[], o: PoolOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const workers: Worker[] = [];
    const stopAll = () => Promise.all(workers.map((w) => w.terminate()));
    const poll = setInterval(() => {
      if (o.stop?.stopped) {
        clearInterval(poll);
        void stopAll().then(() => resolve(done));
      }
    }, 50);
    const feed = (w: Worker) => {
      if (o.stop?.stopped || failed) return;
      if (next >= tasks.length) {
        void w.terminate();
        return;
      }
      const i = next++;
      w.postMessage({ i, task: tasks[i] });
    };
    const count = Math.min(o.workers, tasks.length);
    let alive = count;
    for (let k = 0; k < count; k++) {
      const w = new Worker(WORKER_URL);
      workers.push(w);
      w.on('message', (m: { i: number; result?: unknown; error?: string }) => {
        if (m.error !== undefined) {
          failed = true;
          clearInterval(poll);
          void stopAll();
          reject(new Error(`worker: ${m.error}`));
          return;
        }
        o.onResult(m.i, m.result);
        done++;
        feed(w);
      });
      w.on('error', (e) => {
        if (failed) return;
        failed = true;
        clearInterval(poll);
        void stopAll();
        reject(e);
      });
      w.on('exit', () => {
        if (--alive === 0 && !failed) {
          clearInterval(poll);
          resolve(done);
        }
      });
      feed(w);
    }
  });
}
