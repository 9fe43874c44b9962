/**
 * The pool's contract on worker threads (tinypool underneath): every result reported once, tasks
 * appended while the run goes are run too, a stop keeps what finished, a failing task fails the
 * run instead of hanging it, and a worker computes what this thread computes.
 */
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../arbitraries/defaultParams.ts';
import { runPool, type StopFlag } from './pool.ts';
import { runTask, type Task } from './tasks.ts';

/** A small real task: one batch of the fixture generator's `base` stream. */
const batch = (from: number, stream = 'base'): Task => ({ kind: 'fixture-candidates', input: { params: defaultParams, seed: 3, stream, from, batches: 1, open: ['random'] } });

// Worker threads start through tsx and share two cores with other suites: generous, not tight.
const SLOW = 120_000;

describe('runPool on worker threads', () => {
  it(
    'reports each task once, runs tasks appended from onResult, and matches this thread',
    async () => {
      const tasks: Task[] = [batch(0), batch(1), batch(2)];
      const seen = new Map<number, unknown>();
      const completed = await runPool(tasks, {
        workers: 2,
        onResult: (i, result) => {
          expect(seen.has(i)).toBe(false);
          seen.set(i, result);
          if (tasks.length < 6) tasks.push(batch(tasks.length));
        },
      });
      expect(completed).toBe(6);
      expect([...seen.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      for (const [i, result] of seen) expect(result).toEqual(await runTask(tasks[i]!));
    },
    SLOW,
  );

  it(
    'stops between tasks when the flag is set and keeps every result that finished',
    async () => {
      const tasks = Array.from({ length: 40 }, (_, i) => batch(i));
      const stop: StopFlag = { stopped: false };
      const seen: number[] = [];
      const completed = await runPool(tasks, {
        workers: 2,
        stop,
        onResult: (i) => {
          seen.push(i);
          if (seen.length === 3) stop.stopped = true;
        },
      });
      expect(completed).toBe(seen.length);
      expect(completed).toBeGreaterThanOrEqual(3);
      expect(completed).toBeLessThan(tasks.length);
    },
    SLOW,
  );

  it(
    'with this thread as one of the workers, runs every task once, appended ones too, as this thread alone does',
    async () => {
      const tasks: Task[] = [batch(0), batch(1)];
      const seen = new Map<number, unknown>();
      const completed = await runPool(tasks, {
        workers: 2,
        alsoHere: true,
        onResult: (i, result) => {
          expect(seen.has(i)).toBe(false);
          seen.set(i, result);
          if (tasks.length < 8) tasks.push(batch(tasks.length));
        },
      });
      expect(completed).toBe(8);
      expect([...seen.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      for (const [i, result] of seen) expect(result).toEqual(await runTask(tasks[i]!));
    },
    SLOW,
  );

  it(
    'fails the run with the worker\'s error instead of hanging',
    async () => {
      const tasks = [batch(0), batch(0, 'nope'), batch(1)];
      await expect(runPool(tasks, { workers: 2, onResult: () => {} })).rejects.toThrow(/^worker: .*stream: expected one of base, .*received "nope"/);
    },
    SLOW,
  );
});

describe('runPool in this thread', () => {
  it('runs tasks appended from onResult and stops when the flag is set', async () => {
    const tasks: Task[] = [batch(0)];
    const stop: StopFlag = { stopped: false };
    const seen: number[] = [];
    const completed = await runPool(tasks, {
      workers: 1,
      stop,
      onResult: (i) => {
        seen.push(i);
        tasks.push(batch(tasks.length));
        if (seen.length === 4) stop.stopped = true;
      },
    });
    expect(completed).toBe(4);
    expect(seen).toEqual([0, 1, 2, 3]);
  });
});
