/**
 * From the sources the pool's threads start from one bundled file: it must be built (a silent
 * fallback to tsx would only make every worker run slower, so it is checked here), be named by its
 * content, and answer a task as this thread does (pool.test.ts runs the pool through it).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../arbitraries/defaultParams.ts';
import { runTask, type Task } from './tasks.ts';
import { workerBundle } from './workerBundle.ts';

describe('workerBundle', () => {
  it('bundles the worker side into one file named by its content, once per process', async () => {
    const url = await workerBundle();
    expect(url, 'esbuild could not bundle src/fuzz/workerMain.ts').toBeDefined();
    const file = fileURLToPath(url!);
    expect(file).toMatch(/node_modules\/\.cache\/liqcheck\/workers\/worker-[0-9a-f]{16}\.mjs$/);
    const text = readFileSync(file, 'utf8');
    expect(file).toContain(`worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
    // Modules that find files next to their own keep their source URL (the profiles directory).
    expect(text).not.toContain('import.meta.url');
    expect(text).toContain('/src/profiles/profiles.ts');
    expect(await workerBundle()).toBe(url);
  });

  it('answers a task as this thread does', async () => {
    const task: Task = { kind: 'fixture-candidates', input: { params: defaultParams, seed: 9, stream: 'base', from: 0, batches: 2, open: ['random'] } };
    const { default: run } = (await import((await workerBundle())!.href)) as { default: (t: Task) => Promise<unknown> };
    expect(await run(task)).toEqual(await runTask(task));
  });
});
