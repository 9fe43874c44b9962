/**
 * Runs tasks in-process or over worker threads, in any order, reporting each result as it
 * arrives; a stop flag ends the run between tasks (workers are terminated, tasks in flight are
 * dropped), so an interrupted run still has every result completed so far.
 *
 * @remarks The threads are a tinypool pool. It replaced our own worker-thread machinery: creating
 * the `Worker`s, the message protocol of both sides (`{ i, task }` in, `{ i, result | error }`
 * out: `serve()` in workerMain.ts), the error and exit handlers that turn a failed thread into a
 * failed run, counting live threads and terminating them — 56 lines of `runOnWorkers` and 10 of
 * `serve` before. What stays ours, since tinypool has no notion of it: the stop flag polled between
 * tasks, results reported as they arrive, a task list that grows while it runs (fixture generation
 * appends tasks from `onResult`), and `alsoHere` (this thread as one of the workers). So the file
 * did not shrink (98 → 151 lines, ~30 of them `alsoHere`); what went is the thread lifecycle.
 * @see docs/params.md#long-runs
 */
import Tinypool from 'tinypool';
import { runTask, type Task } from './tasks.ts';
import { workerBundle } from './workerBundle.ts';

/** Set `stopped` to end a run early (Ctrl-C, SIGTERM); `signal` says which signal did, if one did. */
export interface StopFlag {
  stopped: boolean;
  signal?: 'SIGINT' | 'SIGTERM';
}

export interface PoolOptions {
  /** 1: in this thread; more: that many worker threads */
  readonly workers: number;
  readonly stop?: StopFlag;
  /**
   * Called with each result as it arrives. `tasks` is read as the run goes: tasks pushed onto it
   * from here are run as well.
   */
  readonly onResult: (index: number, result: unknown) => void;
  /**
   * Count this thread as one of the `workers`: it runs tasks too, between handling results, and
   * only `workers − 1` worker threads are started. For short tasks only (a task here delays the
   * stop and the other threads' next task by its length); fixture generation uses it, since its
   * main thread is otherwise mostly idle and every extra thread starts cold.
   */
  readonly alsoHere?: boolean;
}

/** Resolves with the number of tasks completed (all of them unless stopped). */
export async function runPool(tasks: readonly Task[], o: PoolOptions): Promise<number> {
  if (o.workers <= 1 || tasks.length <= 1 || (o.alsoHere && o.workers === 1)) return runHere(tasks, o);
  return runOnWorkers(tasks, o);
}

async function runHere(tasks: readonly Task[], o: PoolOptions): Promise<number> {
  let done = 0;
  // An index loop, not entries(): the list may grow from onResult.
  for (let i = 0; i < tasks.length; i++) {
    // Let signal handlers run between tasks: a task is synchronous work with no macrotask break.
    await new Promise((r) => setImmediate(r));
    if (o.stop?.stopped) break;
    o.onResult(i, await runTask(tasks[i]!));
    done++;
  }
  return done;
}

/**
 * The worker entry (tinypool calls its default export with each task): worker.mjs, or from the
 * sources the same code bundled into one file (workerBundle.ts), which starts ≈ 2.5× faster.
 */
const WORKER_URL = new URL('./worker.mjs', import.meta.url);

/**
 * Tasks posted to a thread at a time. Short tasks (`alsoHere` runs): one running and one waiting,
 * so a thread does not sit idle while its next task crosses over — nor while this thread, busy
 * with a task of its own, cannot answer. Long tasks (fuzz units, sweep cells): one, so that no
 * task waits behind another in one thread while a second thread has run dry at the end.
 */
const inFlightPerThread = (o: PoolOptions): number => (o.alsoHere ? 2 : 1);

/** How often the stop flag is looked at while every thread is busy. */
const STOP_POLL_MS = 50;

async function runOnWorkers(tasks: readonly Task[], o: PoolOptions): Promise<number> {
  const threads = Math.min(o.alsoHere ? o.workers - 1 : o.workers, tasks.length);
  const perThread = inFlightPerThread(o);
  const entry = (await workerBundle()) ?? WORKER_URL;
  const pool = new Tinypool({ filename: entry.href, minThreads: threads, maxThreads: threads, concurrentTasksPerWorker: perThread });
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    /** tasks in the worker threads, and whether this thread is running one */
    let pooled = 0;
    let hereBusy = false;
    let here = false;
    let settled = false;
    // Ends the run once: the threads are terminated (tasks in flight dropped) before it settles.
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      void pool.destroy().then(settle, settle);
    };
    const fail = (e: unknown): void => finish(() => reject(e));
    const poll = setInterval(() => {
      if (o.stop?.stopped) finish(() => resolve(done));
    }, STOP_POLL_MS);
    const open = (): boolean => !settled && !o.stop?.stopped && next < tasks.length;
    const arrived = (i: number, result: unknown): void => {
      if (settled) return;
      try {
        o.onResult(i, result);
      } catch (e) {
        fail(e);
        return;
      }
      done++;
      if (o.stop?.stopped) finish(() => resolve(done));
      else if (pooled === 0 && !hereBusy && next >= tasks.length) finish(() => resolve(done));
      else feed();
    };
    // This thread's share (alsoHere): one task at a time, yielding between tasks so that results,
    // signals and the stop flag are seen.
    const runHereToo = async (): Promise<void> => {
      here = true;
      while (open()) {
        await new Promise((r) => setImmediate(r));
        if (!open()) break;
        const i = next++;
        hereBusy = true;
        let result: unknown;
        try {
          result = await runTask(tasks[i]!);
        } catch (e) {
          fail(e);
          break;
        }
        hereBusy = false;
        arrived(i, result);
      }
      here = false;
    };
    const feed = (): void => {
      while (open() && pooled < threads * perThread) {
        const i = next++;
        pooled++;
        pool.run(tasks[i]).then(
          (result: unknown) => {
            pooled--;
            arrived(i, result);
          },
          // A task that threw, a worker that failed to start or exited: the run fails, it does not hang.
          (e: unknown) => fail(new Error(`worker: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, { cause: e })),
        );
      }
      if (o.alsoHere && !here && open()) void runHereToo();
    };
    feed();
  });
}
